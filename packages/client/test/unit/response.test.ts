// What a call tells besides its body: on success `.withResponse()` gives the response (headers,
// status), the request id and the Idempotency-Key; on failure every BillingError carries the
// operationId and the Idempotency-Key the call sent, so a caller can retry it safely later.
import { afterEach, describe, expect, it } from 'vitest';
import {
  BillingAbortError,
  BillingApiError,
  type BillingError,
  BillingNetworkError,
  BillingTimeoutError,
  createBillingClient,
} from '../../src/index.js';
import { hangingFetch, invoice, json, networkError, problem, stubFetch } from '../helpers.js';

const applyCredit = [
  '/api/v2/billing/invoices/{id}/actions/apply-credit',
  { params: { path: { id: 'inv_1' } }, body: { amount: 5 } },
] as const;
const client = (stub: ReturnType<typeof stubFetch>, timeoutMs?: number) =>
  createBillingClient({
    baseUrl: 'https://billing.test',
    apiKey: 'k',
    fetch: stub.fetch,
    retry: { baseDelayMs: 1 },
    ...(timeoutMs && { timeoutMs }),
  });

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
process.on('unhandledRejection', onUnhandled);
afterEach(() => {
  unhandled.length = 0;
});

describe('withResponse()', () => {
  it('gives the body, the response with its headers, the request id and the Idempotency-Key', async () => {
    const stub = stubFetch(
      json({ invoicePaid: true }, 200, { 'x-request-id': 'req_1', 'x-ratelimit-remaining': '41' }),
    );
    const { data, response, requestId, idempotencyKey } = await client(stub)
      .POST(...applyCredit)
      .withResponse();
    expect(data).toEqual({ invoicePaid: true });
    expect([response.status, response.headers.get('x-ratelimit-remaining')]).toEqual([200, '41']);
    expect(requestId).toBe('req_1');
    expect(idempotencyKey).toBe(stub.requests[0]?.headers.get('idempotency-key'));
    expect(idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("takes a v1 envelope's requestId when the header is missing; a GET has no key", async () => {
    const stub = stubFetch(json({ success: true, requestId: '2121ae20', data: {} }));
    const result = await client(stub).GET('/api/billing/cards').withResponse();
    expect(result).toMatchObject({ requestId: '2121ae20', idempotencyKey: undefined });
  });

  it('leaves a plain await as it was: the body itself, nothing added to it', async () => {
    const body = await client(stubFetch(json(invoice, 200, { 'x-request-id': 'req_1' }))).GET(
      '/api/v2/billing/invoices/{id}',
      { params: { path: { id: 'inv_1' } } },
    );
    expect(Object.keys(body)).toEqual(Object.keys(invoice));
  });

  it('rejects with the BillingError, and the call is not also an unhandled rejection', async () => {
    const call = client(stubFetch(json(problem(404, 'invoice_not_found', 'no'), 404))).GET(
      '/api/v2/billing/invoices/{id}',
      { params: { path: { id: 'inv_1' } } },
    );
    await expect(call.withResponse()).rejects.toBeInstanceOf(BillingApiError);
    await new Promise((r) => setTimeout(r, 10));
    expect(unhandled).toEqual([]);
  });
});

describe('the Idempotency-Key of a failed call', () => {
  const failed = async (stub: ReturnType<typeof stubFetch>, init: object = {}, timeoutMs?: number) => {
    const error = (await client(stub, timeoutMs)
      .POST(applyCredit[0], { ...applyCredit[1], ...init })
      .catch((e: unknown) => e)) as BillingError;
    return { error, sent: stub.requests.map((r) => r.headers.get('idempotency-key')) };
  };

  it('is on the BillingApiError, the same key every attempt sent', async () => {
    const { error, sent } = await failed(stubFetch(json(problem(409, 'invoice_not_unpaid', 'paid'), 409)));
    expect(error).toBeInstanceOf(BillingApiError);
    expect(error.idempotencyKey).toBe(sent[0]);
    expect(error.operationId).toBe('applyCreditToInvoice');
  });

  it('is on a BillingNetworkError after the retries (one key for all three attempts)', async () => {
    const { error, sent } = await failed(stubFetch(networkError()));
    expect(error).toBeInstanceOf(BillingNetworkError);
    expect(sent).toHaveLength(3);
    expect(new Set(sent)).toEqual(new Set([error.idempotencyKey]));
  });

  it('is on a BillingTimeoutError and a BillingAbortError', async () => {
    const timeout = await failed(hangingFetch(), {}, 20);
    expect(timeout.error).toBeInstanceOf(BillingTimeoutError);
    expect(timeout.error.idempotencyKey).toBe(timeout.sent[0]);
    const controller = new AbortController();
    const stub = hangingFetch();
    const call = failed(stub, { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const abort = await call;
    expect(abort.error).toBeInstanceOf(BillingAbortError);
    expect(abort.error.idempotencyKey).toBe(stub.requests[0]?.headers.get('idempotency-key'));
  });

  it("is the caller's own key when they gave one, and on raw's error too", async () => {
    const own = await failed(stubFetch(json(problem(409, 'invoice_not_unpaid', 'paid'), 409)), {
      params: { path: { id: 'inv_1' }, header: { 'Idempotency-Key': 'order-42' } },
    });
    expect(own.error.idempotencyKey).toBe('order-42');
    const stub = stubFetch(json(problem(409, 'invoice_not_unpaid', 'paid'), 409));
    const { error } = await client(stub).raw.POST(...applyCredit);
    expect(error?.idempotencyKey).toBe(stub.requests[0]?.headers.get('idempotency-key'));
    expect(error?.idempotencyKey).toBeTruthy();
  });
});
