// Rate limiting per key (token bucket): the documented v2 headers and v1 retryAfter, separate
// buckets per key and per client IP for public operations, refill over the window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRateLimit, TokenBuckets } from '../src/api/rate-limit.js';
import { account } from './fixtures.js';
import { startTestSandbox, type TestSandbox, V2 } from './helpers.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ rateLimit: '3/60s' });
});
afterAll(() => t.close());

describe('rate limiting', () => {
  it('counts down, then answers 429 with Retry-After and the X-RateLimit headers (v2)', async () => {
    const f = await account(t);
    const remaining: Array<string | null> = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.get(`${V2}/credit`, f.rw);
      expect(res.status).toBe(200);
      remaining.push(res.headers.get('x-ratelimit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await t.get(`${V2}/credit`, f.rw);
    expect(limited.body).toMatchObject({
      status: 429,
      code: 'rate_limited',
      detail: expect.stringMatching(
        /^Rate limit of 3 requests per 60 seconds exceeded; retry after (19|20) seconds\.$/,
      ),
    });
    expect(limited.headers.get('x-ratelimit-limit')).toBe('3');
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(19);
    expect(Date.parse(limited.headers.get('x-ratelimit-reset')!)).toBeGreaterThan(Date.now());
    // Another key of the same account has its own bucket.
    expect((await t.get(`${V2}/credit`, f.ro)).status).toBe(200);
    await t.advance(20_000); // one token back
    expect((await t.get(`${V2}/credit`, f.rw)).status).toBe(200);
    expect((await t.get(`${V2}/credit`, f.rw)).status).toBe(429);
  });

  it('puts retryAfter in the v1 body', async () => {
    const f = await account(t);
    for (let i = 0; i < 3; i++) await t.get('/api/billing/account-summary', f.rw);
    const limited = await t.get('/api/billing/account-summary', f.rw);
    expect(limited.body).toMatchObject({ error: 'Too Many Requests', code: 'RATE_LIMITED' });
    expect(limited.body.retryAfter).toBeGreaterThanOrEqual(19);
  });

  it('limits public operations per client IP', async () => {
    const fresh = await startTestSandbox({ rateLimit: '2/60s' });
    try {
      const f = await account(fresh);
      const link = await fresh.post(`/api/billing/invoice/${f.inv().legacyId}/payment-link`, undefined, f.rw);
      const page = `/api/billing/payment-link/${link.body.data.uuid}`;
      expect((await fresh.get(page)).status).toBe(200);
      expect((await fresh.get(page)).status).toBe(200);
      expect((await fresh.get(page)).body.code).toBe('RATE_LIMITED');
      expect((await fresh.get(`${V2}/credit`, f.rw)).status).toBe(200); // keys are not the IP's bucket
    } finally {
      await fresh.close();
    }
  });

  it('parses limits and refills a bucket evenly', () => {
    expect(parseRateLimit('100/60s')).toEqual({ limit: 100, windowMs: 60_000 });
    expect(parseRateLimit('5/2m')).toEqual({ limit: 5, windowMs: 120_000 });
    expect(parseRateLimit('off')).toBeUndefined();
    expect(() => parseRateLimit('fast')).toThrow(/100\/60s/);
    const buckets = new TokenBuckets({ limit: 2, windowMs: 1000 });
    expect(buckets.take('a', 0)).toMatchObject({ allowed: true, remaining: 1 });
    expect(buckets.take('a', 0)).toMatchObject({ allowed: true, remaining: 0, resetAtMs: 1000 });
    expect(buckets.take('a', 0)).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    expect(buckets.take('a', 500)).toMatchObject({ allowed: true, remaining: 0 });
  });
});
