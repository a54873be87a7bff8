// Regression tests for requests, bodies, keys and control calls that must never kill, brick or
// double-run the sandbox: each asserts what a client (or another site, or an attacker) sees.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { account, line } from './fixtures.js';
import { DAY, startTestSandbox, type TestSandbox, V2 } from './helpers.js';

let t: TestSandbox;
const logs: Array<Record<string, unknown>> = [];
beforeAll(async () => {
  t = await startTestSandbox({ log: (l) => logs.push(l) });
});
afterAll(() => t.close());

/** Sends raw bytes and returns the status line (or what the connection ended with). */
function raw(base: string, request: string): Promise<string> {
  const { port, hostname } = new URL(base);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let data = '';
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
    });
    socket.on('end', () => resolve(data.split('\r\n')[0] ?? ''));
    socket.on('error', (error) => resolve(`error: ${error.message}`));
    setTimeout(() => {
      socket.destroy();
      resolve(data.split('\r\n')[0] ?? '');
    }, 3000);
  });
}

describe('request targets', () => {
  it('answers absolute-form targets that no URL parser reads, and keeps running', async () => {
    for (const target of ['http://[/', 'http://%zz/', 'http://[::1/api/v2/billing/invoices', 'http://a:b:c/']) {
      const status = await raw(t.url, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(status, target).toMatch(/^HTTP\/1\.1 (400|404) /);
    }
    expect((await t.control('GET', '/sandbox/health')).status).toBe(200);
  });
});

describe('request bodies', () => {
  it('answers JSON nested deeper than any request with the documented 400, on every version', async () => {
    const f = await account(t);
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const deepObject = `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`;
    const link = await t.post(`/api/billing/invoice/${f.inv().legacyId}/payment-link`, undefined, f.rw);
    const cases: Array<[string, string | undefined]> = [
      [`${V2}/invoices/${f.inv().id}/actions/apply-credit`, f.rw],
      [`${V2}/credit/actions/add-funds`, f.rw],
      [`/api/billing/payment-link/${link.body.data.uuid}/pay`, undefined],
      ['/api/credit/add-funds', f.rw],
    ];
    for (const [path, key] of cases) {
      for (const body of [deep, deepObject]) {
        const res = await t.call('POST', path, {
          raw: body,
          headers: { 'Content-Type': 'application/json' },
          ...(key ? { key } : {}),
        });
        expect(res.status, path).toBe(400);
        expect(res.body.code, path).toMatch(/^(invalid_request|BAD_REQUEST)$/);
      }
    }
  });

  it('answers a body over the limit with the documented 413 (not a reset), and nothing happens', async () => {
    const f = await account(t);
    const big = JSON.stringify({ amount: 1, note: 'x'.repeat(3 * 1024 * 1024) });
    for (const path of [`${V2}/credit/actions/add-funds`, '/api/credit/add-funds']) {
      const res = await t.call('POST', path, { key: f.rw, raw: big, headers: { 'Content-Type': 'application/json' } });
      expect(res.status, path).toBe(413);
      expect(res.body.code, path).toMatch(/^(payload_too_large|PAYLOAD_TOO_LARGE)$/);
    }
    const invoices = await t.get(`${V2}/invoices?kind=add_funds`, f.rw);
    expect(invoices.body.data).toEqual([]);
    // The same connection pool keeps working.
    expect((await t.get(`${V2}/credit`, f.rw)).status).toBe(200);
  });
});

describe('actions without a body, and HEAD', () => {
  it('accepts an empty object for an action that takes no body, and still refuses anything else', async () => {
    const f = await account(t, {
      invoices: [
        { status: 'unpaid', lines: [line()] },
        { status: 'draft', lines: [line()] },
      ],
    });
    expect((await t.post(`${V2}/invoices/${f.inv(0).id}/actions/cancel`, {}, f.rw)).status).toBe(200);
    expect((await t.post(`${V2}/invoices/${f.inv(1).id}/actions/finalize`, {}, f.rw)).status).toBe(200);
    expect((await t.post(`${V2}/invoices/${f.inv(1).id}/actions/resend-email`, { to: 'x' }, f.rw)).status).toBe(400);
  });

  it('answers HEAD on a GET route as GET, without the body', async () => {
    const f = await account(t);
    const get = await t.get(`${V2}/invoices/${f.inv().id}`, f.rw);
    const head = await fetch(`${t.url}${V2}/invoices/${f.inv().id}`, {
      method: 'HEAD',
      headers: { Authorization: `Bearer ${f.rw}` },
    });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
    expect(Number(head.headers.get('content-length'))).toBe(Buffer.byteLength(get.text));
  });
});

describe('logs', () => {
  it('never log a payment-link uuid, however the path is spelt', async () => {
    const f = await account(t);
    const uuid = (await t.post(`/api/billing/invoice/${f.inv().legacyId}/payment-link`, undefined, f.rw)).body.data
      .uuid as string;
    for (const path of [
      `//api/billing/payment-link/${uuid}`,
      `/API/BILLING/PAYMENT-LINK/${uuid}`,
      `/api/billing/payment-link/${uuid};x=1`,
      `/api/billing/payment-link/${uuid}/`,
      `/api/billing/payment-link/${uuid.toUpperCase()}`,
      `/api//billing/payment-link/${uuid}`,
      `/api/billing/payment-link/${encodeURIComponent(uuid)}%2F`,
    ]) {
      await fetch(`${t.url}${path}`);
    }
    const text = JSON.stringify(logs).toLowerCase();
    expect(text).not.toContain(uuid.toLowerCase());
    expect(text).not.toContain(uuid.replaceAll('-', '').toLowerCase());
  });
});

describe('failed authentication', () => {
  it('is rate-limited by client address, like public operations', async () => {
    const limited = await startTestSandbox({ rateLimit: '20/60s' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 60; i++)
        statuses.push((await limited.get(`${V2}/credit`, `sk_test_guess${String(i).padStart(24, '0')}`)).status);
      expect(statuses.filter((s) => s === 401).length).toBe(20);
      expect(statuses.filter((s) => s === 429).length).toBe(40);
      // A real key keeps its own bucket.
      expect((await limited.get(`${V2}/credit`, limited.keys.business)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('control endpoints from another site', () => {
  it('refuse a cross-site text/plain POST, a foreign Host, and a clock past the end of dates', async () => {
    const s = await startTestSandbox();
    try {
      const f = await account(s);
      const before = (await s.get(`${V2}/invoices`, f.rw)).body.data.length;
      // A form or a no-cors fetch from any site can send text/plain: it must not reset anything.
      const plain = await fetch(`${s.url}/sandbox/reset`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: '{}',
      });
      expect(plain.status).toBe(415);
      const create = await fetch(`${s.url}/sandbox/accounts`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: '{"credit":1}',
      });
      expect(create.status).toBe(415);
      expect((await s.get(`${V2}/invoices`, f.rw)).body.data.length).toBe(before);
      // A DNS-rebound page reaches the sandbox under its own host name.
      for (const host of [
        'attacker.example',
        'attacker.example:80',
        `127.0.0.1.attacker.example:${new URL(s.url).port}`,
      ]) {
        const status = await raw(
          s.url,
          `POST /sandbox/reset HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
        );
        expect(status, host).toMatch(/^HTTP\/1\.1 403 /);
      }
      expect((await s.get(`${V2}/invoices`, f.rw)).body.data.length).toBe(before);
      // Every control input is bounded: the clock cannot be pushed past the largest date.
      for (const days of [1e8, 1e300, 36_600 * 3]) {
        const res = await s.control('POST', '/sandbox/clock/advance', { days });
        expect(res.status, String(days)).toBe(400);
      }
      expect((await s.get(`${V2}/invoices`, f.rw)).status).toBe(200);
      expect((await s.control('POST', '/sandbox/accounts', { name: 'x'.repeat(10_000) })).status).toBe(400);
      expect((await s.control('POST', '/sandbox/accounts', { invoices: Array(1000).fill({}) })).status).toBe(400);
      expect((await s.control('POST', '/sandbox/latency', { ms: 1e12 })).status).toBe(400);
    } finally {
      await s.close();
    }
  });

  it('need the control token when one is set', async () => {
    const s = await startTestSandbox({ controlToken: 'team-secret-1' });
    try {
      expect((await s.control('POST', '/sandbox/clock/advance', { days: 1 })).status).toBe(403);
      const res = await fetch(`${s.url}/sandbox/clock/advance`, {
        method: 'POST',
        headers: { 'X-Sandbox-Token': 'team-secret-1', 'Content-Type': 'application/json' },
        body: '{"days":1}',
      });
      expect(res.status).toBe(200);
      expect((await s.control('GET', '/sandbox/health')).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});

describe('idempotency across a crash', () => {
  it('never runs a key twice when the process dies between the effect and the stored response', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'billing-idem-'));
    const file = join(dir, 'idem.db');
    const s = await startTestSandbox({ data: file });
    try {
      const f = await account(s, { invoices: [] });
      // Stand-in for a crash at the worst moment: storing the finished response fails.
      const db = new Database(file);
      // The finished response may be stored by an insert (one transaction with the effect) or by an
      // update of a running row (a held key); both must fail.
      db.exec(`CREATE TRIGGER crash BEFORE UPDATE OF state ON idempotency_keys WHEN NEW.state = 'done'
               BEGIN SELECT RAISE(ABORT, 'the process died here'); END;
               CREATE TRIGGER crash_insert BEFORE INSERT ON idempotency_keys WHEN NEW.state = 'done'
               BEGIN SELECT RAISE(ABORT, 'the process died here'); END`);
      const first = await s.post(`${V2}/credit/actions/add-funds`, { amount: 10 }, f.rw, { idempotencyKey: 'once' });
      expect(first.status).toBe(500);
      // The effect and its stored response commit together or not at all.
      expect((await s.get(`${V2}/invoices?kind=add_funds`, f.rw)).body.data).toHaveLength(0);
      db.exec('DROP TRIGGER crash; DROP TRIGGER crash_insert');
      db.close();
      await s.advance(2 * 60_000); // past the time a running key is held
      const retry = await s.post(`${V2}/credit/actions/add-funds`, { amount: 10 }, f.rw, { idempotencyKey: 'once' });
      expect(retry.status).toBe(201);
      const again = await s.post(`${V2}/credit/actions/add-funds`, { amount: 10 }, f.rw, { idempotencyKey: 'once' });
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const topUps = (await s.get(`${V2}/invoices?kind=add_funds`, f.rw)).body.data;
      expect(topUps).toHaveLength(1);
      await s.advance(DAY);
    } finally {
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('problem types', () => {
  it('point at the configured docs site, <docs>/errors/<code>', async () => {
    const s = await startTestSandbox({ docsUrl: 'https://docs.team.example/billing/' });
    try {
      const res = await s.get(`${V2}/invoices/inv_00000000000000000000000000`, s.keys.business);
      expect(res.body.type).toBe('https://docs.team.example/billing/errors/invoice_not_found');
      const unknown = await s.get(`${V2}/nothing`, s.keys.business);
      expect(unknown.body.type).toBe('https://docs.team.example/billing/errors/not_found');
    } finally {
      await s.close();
    }
  });
});
