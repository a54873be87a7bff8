// The deadline (timeoutMs, for the whole call) and the caller's AbortSignal: a timeout is a
// BillingTimeoutError, a caller abort a BillingAbortError named AbortError; both abort the request
// on the wire. Real timers with short deadlines; nothing asserts on how long anything took.
import { describe, expect, it } from 'vitest';
import { BillingAbortError, BillingError, BillingTimeoutError, createBillingClient } from '../../src/index.js';
import { hangingFetch, json, stubFetch } from '../helpers.js';

const path = '/api/v2/billing/invoices/{id}' as const;
const init = { params: { path: { id: 'inv_1' } } };

describe('timeout', () => {
  it('rejects with BillingTimeoutError and aborts the request', async () => {
    const stub = hangingFetch();
    const billing = createBillingClient({
      baseUrl: 'https://billing.test',
      apiKey: 'k',
      fetch: stub.fetch,
      timeoutMs: 20,
    });
    const error = await billing.GET(path, init).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BillingTimeoutError);
    expect(error).toBeInstanceOf(BillingError);
    expect(error).toMatchObject({
      name: 'BillingTimeoutError',
      timeoutMs: 20,
      message: 'The request did not complete within 20 ms',
    });
    expect(stub.signals[0]?.aborted).toBe(true);
  });

  it('also covers reading the body', async () => {
    // Like fetch: the body stream errors when the request's signal aborts.
    const stub = stubFetch((request) => {
      const stalled = new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode('{"id":'));
          request.signal.addEventListener('abort', () => c.error(request.signal.reason));
        },
      });
      return new Response(stalled, { headers: { 'content-type': 'application/json' } });
    });
    const billing = createBillingClient({
      baseUrl: 'https://billing.test',
      apiKey: 'k',
      fetch: stub.fetch,
      timeoutMs: 20,
    });
    await expect(billing.GET(path, init)).rejects.toBeInstanceOf(BillingTimeoutError);
  });

  it('is a BillingTimeoutError through billing.raw too', async () => {
    const stub = hangingFetch();
    const billing = createBillingClient({
      baseUrl: 'https://billing.test',
      apiKey: 'k',
      fetch: stub.fetch,
      timeoutMs: 20,
    });
    await expect(billing.raw.GET(path, init)).rejects.toBeInstanceOf(BillingTimeoutError);
  });

  it("does not keep the process alive on its own (the request does): Node's timer stays unref'd", async () => {
    const stub = hangingFetch();
    const billing = createBillingClient({
      baseUrl: 'https://billing.test',
      apiKey: 'k',
      fetch: stub.fetch,
      timeoutMs: 60_000,
    });
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const controller = new AbortController();
    const call = billing.GET(path, { ...init, signal: controller.signal }).catch((e: unknown) => e);
    await Promise.resolve();
    expect(timers()).toBe(before);
    controller.abort();
    expect(await call).toBeInstanceOf(BillingAbortError);
  });

  it('does not fire after a call completed', async () => {
    const stub = stubFetch(json({ id: 'inv_1' }));
    const billing = createBillingClient({
      baseUrl: 'https://billing.test',
      apiKey: 'k',
      fetch: stub.fetch,
      timeoutMs: 20,
    });
    await billing.GET(path, init);
    await new Promise((r) => setTimeout(r, 40));
    expect(stub.signals[0]?.aborted).toBe(false);
  });
});

describe('timeoutMs: 0', () => {
  it('sets no deadline and passes fetch no signal (unless the caller gives one)', async () => {
    const stub = stubFetch(json({ id: 'inv_1' }));
    const billing = createBillingClient({
      baseUrl: 'https://billing.test',
      apiKey: 'k',
      fetch: stub.fetch,
      timeoutMs: 0,
    });
    await billing.GET(path, init);
    expect(stub.mock.mock.calls[0]?.[1]?.signal).toBeUndefined();
    const controller = new AbortController();
    await billing.GET(path, { ...init, signal: controller.signal });
    expect(stub.mock.mock.calls[1]?.[1]?.signal).toBeInstanceOf(AbortSignal);
  });
});

describe("the caller's signal", () => {
  it('aborting it rejects with BillingAbortError (name AbortError) and aborts the request', async () => {
    const stub = hangingFetch();
    const billing = createBillingClient({ baseUrl: 'https://billing.test', apiKey: 'k', fetch: stub.fetch });
    const controller = new AbortController();
    const call = billing.GET(path, { ...init, signal: controller.signal });
    controller.abort(new Error('user left the page'));
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BillingAbortError);
    expect(error).toMatchObject({ name: 'AbortError', message: 'Aborted by the caller: user left the page' });
    expect((error as Error).cause).toEqual(new Error('user left the page'));
    expect(stub.signals[0]?.aborted).toBe(true);
  });

  it('an already aborted signal sends nothing', async () => {
    const stub = stubFetch(json({}));
    const billing = createBillingClient({ baseUrl: 'https://billing.test', apiKey: 'k', fetch: stub.fetch });
    await expect(billing.GET(path, { ...init, signal: AbortSignal.abort() })).rejects.toBeInstanceOf(BillingAbortError);
    expect(stub.mock).not.toHaveBeenCalled();
  });

  it('aborts a wait between retries', async () => {
    const stub = stubFetch(json({}, 503, { 'retry-after': '10' }));
    const billing = createBillingClient({ baseUrl: 'https://billing.test', apiKey: 'k', fetch: stub.fetch });
    const controller = new AbortController();
    const call = billing.GET(path, { ...init, signal: controller.signal });
    await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(BillingAbortError);
    expect(stub.mock).toHaveBeenCalledTimes(1);
  });

  it('works through billing.raw', async () => {
    const billing = createBillingClient({ baseUrl: 'https://billing.test', apiKey: 'k', fetch: hangingFetch().fetch });
    const controller = new AbortController();
    const call = billing.raw.GET(path, { ...init, signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(BillingAbortError);
  });

  it("a caller's own timeout signal stays the caller's: BillingAbortError with its reason", async () => {
    const billing = createBillingClient({ baseUrl: 'https://billing.test', apiKey: 'k', fetch: hangingFetch().fetch });
    const error = await billing.GET(path, { ...init, signal: AbortSignal.timeout(10) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BillingAbortError);
    expect((error as Error).cause).toMatchObject({ name: 'TimeoutError' });
  });
});
