// Pacing by the server's rate-limit headers, over real HTTP: a tiny server started here limits like
// a fixed window or like a token bucket and sends X-RateLimit-Limit/Remaining/Reset on every answer
// (Retry-After on a 429). The pacer sends as fast as the headers allow and waits until a token comes
// back, so it never gets a 429 it could have avoided; a wait longer than its bound is a clear
// failure, never a hang. Then the kit end to end: a black-box run against a rate-limited sandbox
// gets 429s only where a rate-limit scenario asks for them, and --read-key moves the GETs to a
// second key (refused in one line when the server does not take it).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningSandbox } from '@billing-api/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLive, UsageError } from '../src/index.js';
import { createHttpTarget } from '../src/live/http.js';
import { Pacer, RateLimitGaveUp } from '../src/live/pacer.js';
import { readWriteKey, withSandbox } from './helpers/sandbox.js';

type Limiter = (now: number) => {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetAt: number;
  retryAfterS: number;
};

/** A fixed window: `limit` requests, all given back when the window ends. */
function fixedWindow(limit: number, windowMs: number): Limiter {
  let start = Date.now();
  let used = 0;
  return (now) => {
    if (now >= start + windowMs) {
      start = now;
      used = 0;
    }
    const allowed = used < limit;
    if (allowed) used++;
    const resetAt = start + windowMs;
    return {
      allowed,
      limit,
      remaining: limit - used,
      resetAt,
      retryAfterS: Math.max(1, Math.ceil((resetAt - now) / 1000)),
    };
  };
}

/** A token bucket like the sandbox's: `limit` tokens refilled evenly over `windowMs`; Reset is when it is full. */
function tokenBucket(limit: number, windowMs: number): Limiter {
  const perMs = limit / windowMs;
  let tokens = limit;
  let at = Date.now();
  return (now) => {
    tokens = Math.min(limit, tokens + (now - at) * perMs);
    at = now;
    const allowed = tokens >= 1;
    if (allowed) tokens -= 1;
    return {
      allowed,
      limit,
      remaining: Math.floor(tokens),
      resetAt: now + Math.ceil((limit - tokens) / perMs),
      retryAfterS: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)),
    };
  };
}

interface LimitedServer {
  url: string;
  /** Answers given: 200s and 429s. */
  counts: { ok: number; limited: number };
  close(): Promise<void>;
}

async function startLimited(limiter: Limiter | 'always-429'): Promise<LimitedServer> {
  const counts = { ok: 0, limited: 0 };
  const server: Server = createServer((_request, response) => {
    if (limiter === 'always-429') {
      // Someone else keeps the bucket empty: only Retry-After is known.
      counts.limited++;
      response.writeHead(429, { 'Retry-After': '1', 'Content-Type': 'application/json' }).end('{}');
      return;
    }
    const d = limiter(Date.now());
    const headers = {
      'Content-Type': 'application/json',
      'X-RateLimit-Limit': String(d.limit),
      'X-RateLimit-Remaining': String(d.remaining),
      'X-RateLimit-Reset': new Date(d.resetAt).toISOString(),
      ...(d.allowed ? {} : { 'Retry-After': String(d.retryAfterS) }),
    };
    if (d.allowed) counts.ok++;
    else counts.limited++;
    response.writeHead(d.allowed ? 200 : 429, headers).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function sendThrough(pacer: Pacer, server: LimitedServer, n: number): Promise<number[]> {
  const http = createHttpTarget(server.url);
  const statuses: number[] = [];
  for (let i = 0; i < n; i++) {
    const response = await pacer.send('key', 'GET /thing', () =>
      http.send({ method: 'GET', path: '/thing', headers: {} }),
    );
    statuses.push(response.status);
  }
  return statuses;
}

describe('the pacer, against a server that rate-limits with X-RateLimit-* headers', () => {
  it('waits until a fixed window resets, and never gets a 429', async () => {
    const server = await startLimited(fixedWindow(4, 300));
    try {
      const pacer = new Pacer();
      const statuses = await sendThrough(pacer, server, 10);
      expect(statuses).toEqual(Array(10).fill(200));
      expect(server.counts).toEqual({ ok: 10, limited: 0 });
      expect(pacer.unplanned429s).toBe(0);
      expect(pacer.waitedMs).toBeGreaterThan(0); // 10 requests do not fit in one window of 4
    } finally {
      await server.close();
    }
  });

  it('waits for the next token of a bucket that refills evenly, and never gets a 429', async () => {
    const server = await startLimited(tokenBucket(4, 400));
    try {
      const pacer = new Pacer();
      const statuses = await sendThrough(pacer, server, 12);
      expect(statuses).toEqual(Array(12).fill(200));
      expect(server.counts).toEqual({ ok: 12, limited: 0 });
      expect(pacer.waitedMs).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('gives up with a clear error, without sending, when the window resets later than its bound', async () => {
    const server = await startLimited(fixedWindow(1, 600_000));
    try {
      const pacer = new Pacer({ maxWaitMs: 200 });
      await sendThrough(pacer, server, 1);
      const second = sendThrough(pacer, server, 1);
      await expect(second).rejects.toThrow(RateLimitGaveUp);
      await expect(second).rejects.toThrow(
        /^GET \/thing: the server's rate limit did not let the request through within 0\.2 s \(no requests left until \d{4}-/,
      );
      expect(server.counts).toEqual({ ok: 1, limited: 0 }); // the doomed request was never sent
    } finally {
      await server.close();
    }
  });

  it('waits out a 429 it could not foresee by Retry-After, then gives up at its bound', async () => {
    const server = await startLimited('always-429');
    try {
      const pacer = new Pacer({ maxWaitMs: 1500 });
      await expect(sendThrough(pacer, server, 1)).rejects.toThrow(
        "GET /thing: the server's rate limit did not let the request through within 1.5 s (429 with Retry-After 1)",
      );
      expect(server.counts.limited).toBe(2); // the first answer, and one retry after Retry-After
      expect(pacer.unplanned429s).toBe(2);
    } finally {
      await server.close();
    }
  });
});

describe('a black-box run against a rate-limited sandbox', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await withSandbox({ rateLimit: '6/1s' });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const readOnlyKey = () => sandbox.keys.find((k) => k.scopes === 'read:billing')!.key;

  it('gets a 429 only where a rate-limit scenario provokes one, and still exercises every 429 cell', async () => {
    const run = await runLive({
      baseUrl: sandbox.url,
      apiKey: readWriteKey(sandbox),
      sandbox: false,
      operations: ['listInvoices', 'addFunds'],
      kinds: ['negative', 'auth', 'rate-limit'],
    });
    expect(run.findings).toEqual([]);
    const kindOf = new Map(run.results.map((r) => [r.id, r.kind]));
    const limited = run.exchanges.filter((e) => e.response.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.filter((e) => kindOf.get(e.scenario) !== 'rate-limit').map((e) => e.scenario)).toEqual([]);
    expect(run.rateLimitWaitMs).toBeGreaterThan(0); // more requests than one window holds
    for (const operation of ['listInvoices', 'addFunds'])
      expect(run.results.find((r) => r.id === `${operation} 429 rate limited`)?.outcome).toBe('passed');
  });

  it('--read-key: every GET goes with the read key, every write with the main key', async () => {
    const writeKey = readWriteKey(sandbox);
    const readKey = readOnlyKey();
    const run = await runLive({
      baseUrl: sandbox.url,
      apiKey: writeKey,
      readKey,
      sandbox: false,
      operations: ['listInvoices', 'addFunds'],
      kinds: ['negative', 'success', 'rate-limit'],
    });
    expect(run.findings).toEqual([]);
    const keyOf = (e: (typeof run.exchanges)[number]) => e.request.headers.Authorization?.replace('Bearer ', '');
    // A write's rate-limit scenario spends the write key's budget: its GETs go with the write key.
    const spendForWrite = run.exchanges.filter((e) => e.scenario === 'addFunds 429 rate limited');
    const others = run.exchanges.filter((e) => !spendForWrite.includes(e));
    const gets = others.filter((e) => e.request.method === 'GET');
    const writes = others.filter((e) => e.request.method !== 'GET');
    expect(gets.length).toBeGreaterThan(0);
    expect(writes.length).toBeGreaterThan(0);
    expect(spendForWrite.some((e) => e.request.method === 'GET')).toBe(true);
    expect(new Set(gets.map(keyOf))).toEqual(new Set([readKey]));
    expect(new Set([...writes, ...spendForWrite].map(keyOf))).toEqual(new Set([writeKey]));
    expect(run.results.filter((r) => r.kind === 'rate-limit').map((r) => r.outcome)).toEqual(['passed', 'passed']);
  });

  it('refuses a --read-key the server does not take, in one line', async () => {
    const attempt = runLive({
      baseUrl: sandbox.url,
      apiKey: readWriteKey(sandbox),
      readKey: 'sk_test_neverissued000000000000000000',
      sandbox: false,
      operations: ['listInvoices'],
    });
    await expect(attempt).rejects.toThrow(UsageError);
    await expect(attempt).rejects.toThrow(
      /^--read-key was refused: GET \/api\/v2\/billing\/\S+ answered 401 unauthorized; expected a key of the same account with read:billing$/,
    );
  });
});
