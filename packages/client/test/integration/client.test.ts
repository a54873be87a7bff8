// The client against a real HTTP server on 127.0.0.1 (see ./server.ts for which one): real sockets,
// real fetch, real headers. Started once for the file, stopped at the end.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BillingApiError,
  type BillingClient,
  BillingNetworkError,
  BillingTimeoutError,
  createBillingClient,
  paginate,
} from '../../src/index.js';
import { type BillingTestServer, startBillingServer } from './server.js';

let server: BillingTestServer;
let billing: BillingClient;
const id = 'inv_01jd8k3a5b7c9d1e3f5g7h9j1k';

beforeAll(async () => {
  server = await startBillingServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  billing = createBillingClient({ baseUrl: server.baseUrl, apiKey: server.apiKey, retry: { baseDelayMs: 5 } });
});

describe('v2', () => {
  it('gets an invoice with a bearer key', async () => {
    const invoice = await billing.GET('/api/v2/billing/invoices/{id}', { params: { path: { id } } });
    expect(invoice).toMatchObject({ id, status: expect.any(String), currencyCode: 'SEK' });
    expect(typeof invoice.balance).toBe('number');
    expect(server.requests[0]?.headers).toMatchObject({ authorization: `Bearer ${server.apiKey}` });
    expect(server.requests[0]?.headers['x-api-key']).toBeUndefined();
  });

  it('applies credit with an Idempotency-Key the server receives', async () => {
    const result = await billing.POST('/api/v2/billing/invoices/{id}/actions/apply-credit', {
      params: { path: { id } },
      body: { amount: 130 },
    });
    expect(typeof result.invoicePaid).toBe('boolean');
    const sent = server.requests[0];
    expect(sent?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(sent?.body ?? '')).toEqual({ amount: 130 });
  });

  it('maps a problem+json answer to BillingApiError', async () => {
    const error = await billing
      .POST('/api/v2/billing/invoices/{id}/actions/apply-credit', {
        params: { path: { id } },
        body: {},
        headers: { Prefer: 'code=409, example=invoiceNotUnpaid' },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BillingApiError);
    expect(error).toMatchObject({ status: 409, code: 'invoice_not_unpaid', requestId: expect.stringMatching(/^req_/) });
    expect((error as BillingApiError).message).toMatch(/unpaid/);
  });

  it('answers a wrong key with 401 unauthorized', async () => {
    const wrong = createBillingClient({ baseUrl: server.baseUrl, apiKey: 'nope' });
    await expect(wrong.GET('/api/v2/billing/cards')).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('retries a GET that fails with 500, three attempts in all', async () => {
    const error = await billing
      .GET('/api/v2/billing/credit', { headers: { Prefer: 'code=500' } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 500, code: 'internal_error' });
    expect(server.requests).toHaveLength(3);
  });

  it('retries a v2 POST with the same Idempotency-Key', async () => {
    await billing
      .POST('/api/v2/billing/invoices/{id}/actions/cancel', {
        params: { path: { id } },
        headers: { Prefer: 'code=500' },
      })
      .catch(() => undefined);
    expect(server.requests).toHaveLength(3);
    expect(new Set(server.requests.map((r) => r.headers['idempotency-key'])).size).toBe(1);
  });

  it('paginates a list', async () => {
    const entries = [];
    for await (const entry of paginate(billing, '/api/v2/billing/activity')) entries.push(entry);
    expect(entries.length).toBeGreaterThan(0);
    for await (const invoice of paginate(billing, '/api/v2/billing/invoices', {
      params: { query: { status: 'unpaid' } },
    })) {
      expect(invoice.id).toMatch(/^inv_/);
      break;
    }
    expect(server.requests.at(-1)?.url).toBe('/api/v2/billing/invoices?status=unpaid');
  });
});

describe('v1', () => {
  it('lists invoices with X-API-Key and decimal-string amounts', async () => {
    const page = await billing.GET('/api/billing/invoices', { params: { query: { status: 'Unpaid' } } });
    expect(page.success).toBe(true);
    expect(page.data.invoices[0]?.total).toMatch(/^\d+\.\d{2}$/);
    expect(server.requests[0]?.headers['x-api-key']).toBe(server.apiKey);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('maps the v1 error envelope to BillingApiError', async () => {
    const error = await billing
      .POST('/api/billing/invoice/{id}/apply-credit', {
        params: { path: { id: 46376 } },
        body: { amount: '130.00' },
        headers: { Prefer: 'code=400' },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BillingApiError);
    expect(error).toMatchObject({
      status: 400,
      code: expect.stringMatching(/^[A-Z_]+$/),
      requestId: expect.any(String),
    });
  });

  it('never retries a v1 POST', async () => {
    await billing
      .POST('/api/billing/pay', { body: { invoiceId: '46376' } as never, headers: { Prefer: 'code=500' } })
      .catch(() => undefined);
    expect(server.requests).toHaveLength(1);
  });

  it('sends no key to a public payment link', async () => {
    const link = await billing.GET('/api/billing/payment-link/{uuid}', {
      params: { path: { uuid: '3f0c6e4e-8f3b-4d0e-9a53-1c2b7f9e4d21' } },
    });
    expect(link.data.invoice.outstanding).toMatch(/^\d+\.\d{2}$/);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
    expect(server.requests[0]?.headers['x-api-key']).toBeUndefined();
  });

  it('paginates the credit log', async () => {
    const entries = [];
    for await (const entry of paginate(billing, '/api/billing/credit-log')) entries.push(entry.amount);
    expect(entries.length).toBeGreaterThan(0);
  });
});

describe('raw and failures', () => {
  it('billing.raw returns { data, error, response } with the same auth', async () => {
    const ok = await billing.raw.GET('/api/v2/billing/invoices/{id}', { params: { path: { id } } });
    expect(ok.data?.id).toBe(id);
    const failed = await billing.raw.GET('/api/v2/billing/invoices/{id}', {
      params: { path: { id } },
      headers: { Prefer: 'code=404' },
    });
    expect(failed.response.status).toBe(404);
    expect(failed.error?.code).toBe('invoice_not_found');
    expect(failed.error?.operationId).toBe('getInvoice');
  });

  it('a timeout aborts the request on the wire', async () => {
    const slow = createBillingClient({ baseUrl: server.baseUrl, apiKey: server.apiKey, timeoutMs: 50 });
    await expect(slow.GET('/api/v2/billing/cards', { headers: { 'X-Mock-Delay-Ms': '2000' } })).rejects.toBeInstanceOf(
      BillingTimeoutError,
    );
    await expect.poll(() => server.requests[0]?.aborted).toBe(true);
  });

  it('a connection cut in the middle of the body: a GET is retried and succeeds', async () => {
    const invoice = await billing.GET('/api/v2/billing/invoices/{id}', {
      params: { path: { id } },
      headers: { 'X-Mock-Drop-Body': 'get-1' },
    });
    expect(invoice.id).toBe(id);
    expect(server.requests).toHaveLength(2);
  });

  it('a cut body on a v2 POST is retried with the same key; on a v1 POST it is a BillingNetworkError', async () => {
    const { data, idempotencyKey } = await billing
      .POST('/api/v2/billing/invoices/{id}/actions/apply-credit', {
        params: { path: { id } },
        body: { amount: 130 },
        headers: { 'X-Mock-Drop-Body': 'post-1' },
      })
      .withResponse();
    expect(typeof data.invoicePaid).toBe('boolean');
    expect(server.requests.map((r) => r.headers['idempotency-key'])).toEqual([idempotencyKey, idempotencyKey]);
    server.requests.length = 0;
    const error = await billing
      .POST('/api/billing/invoice/{id}/apply-credit', {
        params: { path: { id: 46376 } },
        body: { amount: '130.00' },
        headers: { 'X-Mock-Drop-Body': 'v1-1' },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BillingNetworkError);
    expect(server.requests).toHaveLength(1);
  });

  it('withResponse() gives the real response headers and the X-Request-Id', async () => {
    const { response, requestId } = await billing.GET('/api/v2/billing/cards').withResponse();
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(requestId).toMatch(/^req_/);
  });

  it('a closed port is a BillingNetworkError', async () => {
    const other = await startBillingServer();
    await other.close();
    const offline = createBillingClient({ baseUrl: other.baseUrl, apiKey: 'k', retry: { baseDelayMs: 1 } });
    const error = await offline.GET('/api/v2/billing/cards').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BillingNetworkError);
    expect((error as Error).message).toMatch(
      /^GET http:\/\/127\.0\.0\.1:\d+\/api\/v2\/billing\/cards failed: ECONNREFUSED$/,
    );
  });
});
