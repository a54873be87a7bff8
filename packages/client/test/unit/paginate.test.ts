// paginate(): follows v2 cursors and v1 page numbers, keeps the caller's filters on every page, and
// yields the items themselves.
import { describe, expect, it } from 'vitest';
import { BillingError, createBillingClient, paginate } from '../../src/index.js';
import { json, stubFetch } from '../helpers.js';

const envelope = (data: object) => ({ success: true, timestamp: 't', requestId: 'r', data });

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterator) items.push(item);
  return items;
}

describe('paginate', () => {
  it('v2: follows nextCursor with the same filters until hasMore is false', async () => {
    const stub = stubFetch(
      json({ data: [{ id: 'a' }, { id: 'b' }], hasMore: true, nextCursor: 'c1' }),
      json({ data: [{ id: 'c' }], hasMore: true, nextCursor: 'c2' }),
      json({ data: [{ id: 'd' }], hasMore: false, nextCursor: null }),
    );
    const billing = createBillingClient({ baseUrl: 'https://billing.test', apiKey: 'k', fetch: stub.fetch });
    const items = await collect(
      paginate(billing, '/api/v2/billing/invoices', { params: { query: { status: 'unpaid', limit: 2 } } }),
    );
    expect(items.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(stub.requests.map((r) => new URL(r.url).search)).toEqual([
      '?status=unpaid&limit=2',
      '?status=unpaid&limit=2&cursor=c1',
      '?status=unpaid&limit=2&cursor=c2',
    ]);
  });

  it('v1: asks for currentPage + 1 and reads the items under data.invoices', async () => {
    const stub = stubFetch(
      json(envelope({ invoices: [{ id: '1' }], hasMore: true, total: '2', pages: 2, currentPage: 1 })),
      json(envelope({ invoices: [{ id: '2' }], hasMore: false, total: '2', pages: 2, currentPage: 2 })),
    );
    const billing = createBillingClient({ baseUrl: 'https://billing.test', apiKey: 'k', fetch: stub.fetch });
    const items = await collect(
      paginate(billing, '/api/billing/invoices', { params: { query: { status: 'Unpaid' } } }),
    );
    expect(items.map((i) => i.id)).toEqual(['1', '2']);
    expect(stub.requests.map((r) => new URL(r.url).search)).toEqual(['?status=Unpaid', '?status=Unpaid&page=2']);
    expect(stub.requests[0]?.headers.get('x-api-key')).toBe('k');
  });

  it('v1: reads the items under data.log for the credit log', async () => {
    const stub = stubFetch(
      json(envelope({ log: [{ id: '8812' }, { id: '8790' }], hasMore: false, total: '2', pages: 1, currentPage: 1 })),
    );
    const billing = createBillingClient({ baseUrl: 'https://billing.test', apiKey: 'k', fetch: stub.fetch });
    expect((await collect(paginate(billing, '/api/billing/credit-log'))).map((e) => e.id)).toEqual(['8812', '8790']);
  });

  it('fetches lazily: a consumer that stops early asks for no more pages', async () => {
    const stub = stubFetch(json({ data: [{ id: 'a' }, { id: 'b' }], hasMore: true, nextCursor: 'c1' }));
    const billing = createBillingClient({ baseUrl: 'https://billing.test', apiKey: 'k', fetch: stub.fetch });
    for await (const invoice of paginate(billing, '/api/v2/billing/invoices')) if (invoice.id === 'a') break;
    expect(stub.mock).toHaveBeenCalledTimes(1);
  });

  it('stops with an error when the server repeats a cursor (instead of looping forever)', async () => {
    const stub = stubFetch(json({ data: [{ id: 'a' }], hasMore: true, nextCursor: 'same' }));
    const billing = createBillingClient({ baseUrl: 'https://billing.test', apiKey: 'k', fetch: stub.fetch });
    await expect(collect(paginate(billing, '/api/v2/billing/activity'))).rejects.toThrow(BillingError);
    expect(stub.mock).toHaveBeenCalledTimes(2);
  });

  it('passes API errors through', async () => {
    const stub = stubFetch(
      json({ data: [{ id: 'a' }], hasMore: true, nextCursor: 'c1' }),
      new Response('<html/>', { status: 502 }),
    );
    const billing = createBillingClient({
      baseUrl: 'https://billing.test',
      apiKey: 'k',
      fetch: stub.fetch,
      retry: false,
    });
    await expect(collect(paginate(billing, '/api/v2/billing/invoices'))).rejects.toMatchObject({ code: 'http_502' });
  });
});
