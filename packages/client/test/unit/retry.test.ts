// Retries: which calls are repeated (GET, v2 POSTs with their Idempotency-Key; never v1 POSTs), on
// what (network errors, 429, 5xx), and when (full-jitter exponential backoff, or the server's
// Retry-After / v1 retryAfter). Fake timers and a fixed Math.random make the schedule exact.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BillingApiError,
  type BillingClientOptions,
  BillingNetworkError,
  createBillingClient,
} from '../../src/index.js';
import { type Answer, droppedBody, invoice, json, networkError, problem, stubFetch } from '../helpers.js';

const v2Get = ['/api/v2/billing/invoices/{id}', { params: { path: { id: 'inv_1' } } }] as const;

function client(answers: Answer[], options: Partial<BillingClientOptions> = {}) {
  const stub = stubFetch(...answers);
  return {
    stub,
    billing: createBillingClient({ baseUrl: 'https://billing.test', apiKey: 'k', fetch: stub.fetch, ...options }),
  };
}

/** Resolves or rejects the call, recording how long (fake) time had to advance. */
async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.runAllTimersAsync();
  return outcome;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('backoff schedule', () => {
  it('waits random() x base x 2^(n-1) between attempts: 125 ms, then 250 ms', async () => {
    const { stub, billing } = client([
      json(problem(503, 'unavailable', 'down'), 503),
      json(problem(502, 'bad_gateway', 'x'), 502),
      json(invoice),
    ]);
    const call = billing.GET(...v2Get);
    await vi.advanceTimersByTimeAsync(0);
    expect(stub.mock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(124);
    expect(stub.mock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(stub.mock).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(249);
    expect(stub.mock).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(stub.mock).toHaveBeenCalledTimes(3);
    await expect(call).resolves.toEqual(invoice);
  });

  it('caps each wait at maxDelayMs', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    const { stub, billing } = client([json({}, 500), json({}, 500), json(invoice)], {
      retry: { baseDelayMs: 1000, maxDelayMs: 1500 },
    });
    const call = billing.GET(...v2Get);
    await vi.advanceTimersByTimeAsync(999);
    expect(stub.mock).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1498); // 0.999 x min(1500, 2000)
    expect(stub.mock).toHaveBeenCalledTimes(3);
    await expect(call).resolves.toEqual(invoice);
  });

  it('stops after maxAttempts (3 by default) and throws the last answer', async () => {
    const { stub, billing } = client([json(problem(503, 'unavailable', 'still down'), 503)]);
    const { error } = await settle(billing.GET(...v2Get));
    expect(stub.mock).toHaveBeenCalledTimes(3);
    expect(error).toBeInstanceOf(BillingApiError);
    // 503 is not a status the spec documents codes for: the code is http_503, the server's in rawCode.
    expect(error).toMatchObject({ status: 503, code: 'http_503', rawCode: 'unavailable' });
  });

  it('honours maxAttempts and retry: false', async () => {
    const five = client([json({}, 500)], { retry: { maxAttempts: 5 } });
    await settle(five.billing.GET(...v2Get));
    expect(five.stub.mock).toHaveBeenCalledTimes(5);
    const none = client([json({}, 500)], { retry: false });
    await settle(none.billing.GET(...v2Get));
    expect(none.stub.mock).toHaveBeenCalledTimes(1);
  });
});

describe('what is retried', () => {
  it('network errors, then succeeds', async () => {
    const { stub, billing } = client([networkError(), networkError('ECONNRESET'), json(invoice)]);
    expect((await settle(billing.GET(...v2Get))).value).toEqual(invoice);
    expect(stub.mock).toHaveBeenCalledTimes(3);
  });

  it('network errors until attempts run out: BillingNetworkError naming the call and the cause', async () => {
    const { stub, billing } = client([networkError()]);
    const { error } = await settle(billing.GET(...v2Get));
    expect(stub.mock).toHaveBeenCalledTimes(3);
    expect(error).toBeInstanceOf(BillingNetworkError);
    expect((error as Error).message).toBe(
      'GET https://billing.test/api/v2/billing/invoices/inv_1 failed: ECONNREFUSED',
    );
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it.each([400, 401, 404, 409, 422])('never a %i', async (status) => {
    const { stub, billing } = client([json(problem(status, 'nope', 'no'), status)]);
    expect((await settle(billing.GET(...v2Get))).error).toMatchObject({ status });
    expect(stub.mock).toHaveBeenCalledTimes(1);
  });

  it('a v2 POST, with the same Idempotency-Key and body on every attempt', async () => {
    const { stub, billing } = client([json({}, 500), networkError(), json({ invoicePaid: true })]);
    const call = billing.POST('/api/v2/billing/invoices/{id}/actions/apply-credit', {
      params: { path: { id: 'inv_1' } },
      body: { amount: 130 },
    });
    expect((await settle(call)).value).toEqual({ invoicePaid: true });
    expect(stub.mock).toHaveBeenCalledTimes(3);
    const keys = stub.requests.map((r) => r.headers.get('idempotency-key'));
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toBeTruthy();
    expect(await Promise.all(stub.requests.map((r) => r.text()))).toEqual(Array(3).fill('{"amount":130}'));
  });

  it('a v2 POST through billing.raw, same key and body', async () => {
    const { stub, billing } = client([json({}, 502), json({ invoicePaid: true })]);
    const call = billing.raw.POST('/api/v2/billing/invoices/{id}/actions/apply-credit', {
      params: { path: { id: 'inv_1' } },
      body: { amount: 5 },
    });
    expect((await settle(call)).value).toMatchObject({ data: { invoicePaid: true } });
    expect(stub.requests.map((r) => r.headers.get('idempotency-key'))).toEqual(
      Array(2).fill(stub.requests[0]?.headers.get('idempotency-key')),
    );
    expect(await Promise.all(stub.requests.map((r) => r.text()))).toEqual(['{"amount":5}', '{"amount":5}']);
  });

  it('never a v1 POST, on 5xx or on a network error', async () => {
    const onStatus = client([
      json({ error: 'Internal Server Error', message: 'boom', code: 'INTERNAL_ERROR' }, 500),
      json({}),
    ]);
    const first = await settle(onStatus.billing.POST('/api/billing/pay', { body: { invoiceId: 46376 } as never }));
    expect(first.error).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(onStatus.stub.mock).toHaveBeenCalledTimes(1);

    const onNetwork = client([networkError(), json({})]);
    expect(
      (await settle(onNetwork.billing.raw.POST('/api/billing/pay', { body: { invoiceId: 46376 } as never }))).error,
    ).toBeInstanceOf(BillingNetworkError);
    expect(onNetwork.stub.mock).toHaveBeenCalledTimes(1);
  });

  it('a connection dropped while the body is read: a GET is retried', async () => {
    const { stub, billing } = client([() => droppedBody(), json(invoice)]);
    expect((await settle(billing.GET(...v2Get))).value).toEqual(invoice);
    expect(stub.mock).toHaveBeenCalledTimes(2);
  });

  it('a dropped body on a v2 POST is retried with the same Idempotency-Key, through raw too', async () => {
    for (const surface of ['POST', 'raw'] as const) {
      const { stub, billing } = client([() => droppedBody(), json({ invoicePaid: true })]);
      const post = surface === 'raw' ? billing.raw.POST : billing.POST;
      const call = post('/api/v2/billing/invoices/{id}/actions/apply-credit', {
        params: { path: { id: 'inv_1' } },
        body: { amount: 5 },
      });
      const { value } = await settle(call as Promise<unknown>);
      expect(surface === 'raw' ? (value as { data: unknown }).data : value).toEqual({ invoicePaid: true });
      const keys = stub.requests.map((r) => r.headers.get('idempotency-key'));
      expect(keys).toHaveLength(2);
      expect(keys[1]).toBe(keys[0]);
    }
  });

  it('a dropped body after the last attempt, or on a v1 POST, is a BillingNetworkError naming the call', async () => {
    const get = client([() => droppedBody()], { retry: { maxAttempts: 2 } });
    const { error } = await settle(get.billing.GET(...v2Get));
    expect(get.stub.mock).toHaveBeenCalledTimes(2);
    expect(error).toBeInstanceOf(BillingNetworkError);
    expect((error as Error).message).toBe(
      'GET https://billing.test/api/v2/billing/invoices/inv_1 failed: UND_ERR_SOCKET',
    );
    const v1 = client([() => droppedBody(), json({})]);
    const raw = await settle(v1.billing.raw.POST('/api/billing/pay', { body: { invoiceId: 46376 } as never }));
    expect(raw.error).toBeInstanceOf(BillingNetworkError);
    expect(v1.stub.mock).toHaveBeenCalledTimes(1);
  });

  it('GETs through billing.raw too', async () => {
    const { stub, billing } = client([json({}, 503), json(invoice)]);
    expect((await settle(billing.raw.GET(...v2Get))).value).toMatchObject({ data: invoice });
    expect(stub.mock).toHaveBeenCalledTimes(2);
  });
});

describe('the server says when', () => {
  it('Retry-After in seconds is waited exactly (no jitter)', async () => {
    const { stub, billing } = client([
      json(problem(429, 'rate_limited', 'slow down'), 429, { 'retry-after': '2' }),
      json(invoice),
    ]);
    const call = billing.GET(...v2Get);
    await vi.advanceTimersByTimeAsync(1999);
    expect(stub.mock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(stub.mock).toHaveBeenCalledTimes(2);
    await expect(call).resolves.toEqual(invoice);
  });

  it('Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 3000).toUTCString();
    const { stub, billing } = client([json({}, 503, { 'retry-after': at }), json(invoice)]);
    const call = billing.GET(...v2Get);
    await vi.advanceTimersByTimeAsync(2000);
    expect(stub.mock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(stub.mock).toHaveBeenCalledTimes(2);
    await expect(call).resolves.toEqual(invoice);
  });

  it('a v1 429 body retryAfter (seconds)', async () => {
    const v1 = {
      error: 'Too Many Requests',
      message: 'Rate limit exceeded',
      code: 'RATE_LIMITED',
      timestamp: 't',
      requestId: 'r',
      retryAfter: 4,
    };
    const { stub, billing } = client([json(v1, 429), json({ success: true, data: {} })]);
    const call = billing.GET('/api/billing/cards');
    await vi.advanceTimersByTimeAsync(3999);
    expect(stub.mock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(call).resolves.toEqual({ success: true, data: {} });
  });

  it('a wait longer than maxDelayMs is not waited: the 429 is thrown with retryAfterMs', async () => {
    const { stub, billing } = client([json(problem(429, 'rate_limited', 'slow down'), 429, { 'retry-after': '60' })]);
    const { error } = await settle(billing.GET(...v2Get));
    expect(stub.mock).toHaveBeenCalledTimes(1);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', retryAfterMs: 60_000 });
  });

  it('a wait that would outlast the timeout is not waited either', async () => {
    const { stub, billing } = client([json({}, 503, { 'retry-after': '5' })], { timeoutMs: 4000 });
    expect((await settle(billing.GET(...v2Get))).error).toMatchObject({ status: 503, retryAfterMs: 5000 });
    expect(stub.mock).toHaveBeenCalledTimes(1);
  });
});
