// How a call becomes a request (URL, headers, body, the other init keys) and how the final response
// becomes its result (JSON by default, or the caller's parseAs).
import { describe, expect, it } from 'vitest';
import { createBillingClient } from '../../src/index.js';
import { json, stubFetch } from '../helpers.js';

describe('the request itself', () => {
  it('fills path and query parameters, JSON body and extra headers like openapi-fetch', async () => {
    const stub = stubFetch(json({}));
    const billing = createBillingClient({
      baseUrl: 'https://billing.test/',
      apiKey: 'k',
      fetch: stub.fetch,
      userAgent: 'acme/1.0',
      headers: { 'X-Team': 'billing' },
    });
    await billing.GET('/api/v2/billing/invoices', {
      params: { query: { status: 'unpaid', limit: 5 } },
      headers: { 'X-Trace': 't1' },
    });
    await billing.POST('/api/billing/invoice/{id}/apply-credit', {
      params: { path: { id: 46376 } },
      body: { amount: '130.00' },
    });
    const [list, apply] = stub.requests as [Request, Request];
    expect(list.url).toBe('https://billing.test/api/v2/billing/invoices?status=unpaid&limit=5');
    expect([
      list.method,
      list.headers.get('x-team'),
      list.headers.get('x-trace'),
      list.headers.get('user-agent'),
    ]).toEqual(['GET', 'billing', 't1', 'acme/1.0']);
    expect(list.headers.get('content-type')).toBeNull();
    expect(apply.url).toBe('https://billing.test/api/billing/invoice/46376/apply-credit');
    expect(apply.headers.get('content-type')).toBe('application/json');
    expect(await apply.json()).toEqual({ amount: '130.00' });
  });

  it('returns the success body, typed', async () => {
    const stub = stubFetch(json({ id: 'inv_1', total: 98.75 }));
    const billing = createBillingClient({ baseUrl: 'https://billing.test', apiKey: 'k', fetch: stub.fetch });
    const invoice = await billing.GET('/api/v2/billing/invoices/{id}', { params: { path: { id: 'inv_1' } } });
    expect(invoice.total).toBe(98.75);
  });

  it('passes the other init keys (cache, credentials...) to fetch as they are, and never a body on a GET', async () => {
    const stub = stubFetch(json({}));
    const billing = createBillingClient({
      baseUrl: 'https://billing.test',
      apiKey: 'k',
      fetch: stub.fetch,
      timeoutMs: 0,
    });
    await billing.GET('/api/v2/billing/credit', { cache: 'no-store', credentials: 'omit' });
    const init = stub.mock.mock.calls[0]?.[1] as RequestInit;
    expect([init.cache, init.credentials, init.method, init.body]).toEqual(['no-store', 'omit', 'GET', undefined]);
  });

  it("keeps the caller's own Content-Type on a body", async () => {
    const stub = stubFetch(json({}));
    const billing = createBillingClient({
      baseUrl: 'https://billing.test',
      apiKey: 'k',
      fetch: stub.fetch,
      headers: { 'Content-Type': 'application/merge-patch+json' },
    });
    await billing.POST('/api/billing/pay', { body: { invoiceId: 1, cardId: 2 } } as never);
    expect(stub.requests[0]?.headers.get('content-type')).toBe('application/merge-patch+json');
  });
});

describe('parseAs', () => {
  const path = '/api/v2/billing/invoices/{id}/pdf' as const;
  const init = { params: { path: { id: 'inv_1' } } };
  const pdf = () => new Response('%PDF-1.7', { headers: { 'content-type': 'application/pdf' } });

  it('reads a success body as text, arrayBuffer, blob or stream instead of JSON', async () => {
    const billing = createBillingClient({
      baseUrl: 'https://billing.test',
      apiKey: 'k',
      fetch: stubFetch(pdf()).fetch,
    });
    expect(await billing.GET(path, { ...init, parseAs: 'text' })).toBe('%PDF-1.7');
    expect(
      new TextDecoder().decode(
        (await billing.GET(path, { ...init, parseAs: 'arrayBuffer' })) as unknown as ArrayBuffer,
      ),
    ).toBe('%PDF-1.7');
    expect(await ((await billing.GET(path, { ...init, parseAs: 'blob' })) as unknown as Blob).text()).toBe('%PDF-1.7');
    const stream = (await billing.GET(path, { ...init, parseAs: 'stream' })) as unknown as ReadableStream<Uint8Array>;
    expect(await new Response(stream).text()).toBe('%PDF-1.7');
  });

  it('still turns an error answer into a BillingApiError', async () => {
    const billing = createBillingClient({
      baseUrl: 'https://billing.test',
      apiKey: 'k',
      fetch: stubFetch(json({ code: 'invoice_not_found', detail: 'No invoice inv_1' }, 404)).fetch,
    });
    await expect(billing.GET(path, { ...init, parseAs: 'text' })).rejects.toMatchObject({
      name: 'BillingApiError',
      status: 404,
      code: 'invoice_not_found',
    });
  });
});
