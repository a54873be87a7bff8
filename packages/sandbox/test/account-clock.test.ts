// A clock, a reset and test hooks per account, over real HTTP: moving account A's clock makes A's
// invoices overdue, expires A's links and settles A's payments, and changes nothing for account B
// or the default clock; resetting A makes A again from its recipe (same id and keys) and leaves B
// alone; what affects every account needs the admin token, or a sandbox on loopback only; the
// offsets are stored with the data and survive a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../src/sandbox.js';
import { account, line } from './fixtures.js';
import { DAY, startTestSandbox, type TestSandbox, V2 } from './helpers.js';

const ADMIN_TOKEN = 'admin-secret-0123456789';
const JSON_HEADERS = { 'Content-Type': 'application/json' };

let t: TestSandbox;
beforeAll(async () => {
  // Payments settle an hour of sandbox time after they start: only a clock move settles them here.
  t = await startTestSandbox({ paymentDelayMs: 3_600_000 });
});
afterAll(() => t.close());

/** A control request that acts for the account of `key`. */
const asAccount = (s: TestSandbox, method: string, path: string, key: string, body?: unknown) =>
  s.call(method, path, { key, ...(body === undefined ? { headers: JSON_HEADERS } : { body }) });

/** Two invoices: [0] to pay by card, [1] unpaid, due in 30 days. */
const twoInvoices = (s: TestSandbox) =>
  account(s, {
    invoices: [
      { status: 'unpaid', lines: [line()] },
      { status: 'unpaid', lines: [line()], dueInDays: 30 },
    ],
  });

describe('a clock per account', () => {
  it("moving A's clock makes A's invoice overdue, expires A's link and settles A's payment; B and the default clock stay", async () => {
    const a = await twoInvoices(t);
    const b = await twoInvoices(t);
    for (const f of [a, b]) {
      expect((await t.post(`${V2}/invoices/${f.inv(0).id}/actions/pay`, {}, f.rw)).status).toBe(202);
    }
    const links = [];
    for (const f of [a, b]) {
      const link = await t.post(`${V2}/invoices/${f.inv(1).id}/actions/generate-payment-link`, undefined, f.rw);
      links.push(link.body.linkId as string);
    }
    const defaultBefore = (await t.control('GET', '/sandbox/clock')).body;

    const moved = await asAccount(t, 'POST', '/sandbox/account/clock/advance', a.rw, { days: 31 });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ accountId: a.accountId, offsetMs: 31 * DAY, settledPayments: 1 });
    expect(Date.parse(moved.body.now) - Date.parse(moved.body.defaultNow)).toBe(31 * DAY);

    // A: paid, overdue, link expired. B: as it was.
    expect((await t.get(`${V2}/invoices/${a.inv(0).id}`, a.rw)).body.status).toBe('paid');
    expect((await t.get(`${V2}/invoices/${b.inv(0).id}`, b.rw)).body.status).toBe('payment_pending');
    expect((await t.get(`${V2}/invoices/${a.inv(1).id}`, a.rw)).body.isOverdue).toBe(true);
    expect((await t.get(`${V2}/invoices/${b.inv(1).id}`, b.rw)).body.isOverdue).toBe(false);
    expect((await t.get(`/api/billing/payment-link/${links[0]}`)).status).toBe(410);
    expect((await t.get(`/api/billing/payment-link/${links[1]}`)).status).toBe(200);
    // A's "paid" email is dated on A's clock; B got none.
    const emails = (await t.control('GET', `/sandbox/outbox?invoiceId=${a.inv(0).id}`)).body.emails;
    const paid = emails.find((e: { template: string }) => e.template === 'invoice_paid');
    expect(Date.parse(paid.createdAt) - Date.parse(moved.body.defaultNow)).toBeGreaterThan(30 * DAY);
    expect(
      (await t.control('GET', `/sandbox/outbox?invoiceId=${b.inv(0).id}`)).body.emails.map(
        (e: { template: string }) => e.template,
      ),
    ).not.toContain('invoice_paid');

    const bClock = await t.call('GET', '/sandbox/account/clock', { headers: { Authorization: `Bearer ${b.ro}` } });
    expect(bClock.status).toBe(200);
    expect(bClock.body).toMatchObject({ accountId: b.accountId, offsetMs: 0 });
    expect((await t.control('GET', '/sandbox/clock')).body.offsetMs).toBe(defaultBefore.offsetMs);
  });

  it("A's API responses are dated on A's clock", async () => {
    const a = await account(t);
    await asAccount(t, 'POST', '/sandbox/account/clock/advance', a.rw, { days: 400 });
    const defaultNow = Date.parse((await t.control('GET', '/sandbox/clock')).body.now);
    const v1 = await t.get(`/api/billing/invoice/${a.inv().legacyId}`, a.rw);
    expect(Date.parse(v1.body.timestamp) - defaultNow).toBeGreaterThan(399 * DAY);
    const created = await t.post(`${V2}/invoices/${a.inv().id}/actions/generate-payment-link`, undefined, a.rw);
    expect(Date.parse(created.body.expiresAt) - defaultNow).toBeGreaterThan(429 * DAY);
  });

  it('refuses a move without a key, with an unknown or read-only key, and past the limit', async () => {
    const a = await account(t);
    const none = await t.control('POST', '/sandbox/account/clock/advance', { days: 1 });
    expect(none.status).toBe(401);
    expect(none.body.message).toMatch(/Authorization: Bearer <key>/);
    const unknown = await asAccount(t, 'POST', '/sandbox/account/clock/advance', 'sk_test_nope', { days: 1 });
    expect(unknown.status).toBe(401);
    const readOnly = await asAccount(t, 'POST', '/sandbox/account/clock/advance', a.ro, { days: 1 });
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.message).toMatch(/write:billing/);
    const far = await asAccount(t, 'POST', '/sandbox/account/clock/advance', a.rw, { days: 365 * 101 });
    expect(far.status).toBe(400);
    expect((await asAccount(t, 'GET', '/sandbox/account/clock', a.rw)).body.offsetMs).toBe(0);
  });
});

describe('a reset per account', () => {
  it('makes A again from its recipe, with the same id and keys and its clock back; B is untouched', async () => {
    const a = await account(t, { credit: 300 });
    const b = await account(t, { credit: 300 });
    for (const f of [a, b])
      expect((await t.post(`${V2}/invoices/${f.inv().id}/actions/apply-credit`, { amount: 100 }, f.rw)).status).toBe(
        200,
      );
    await asAccount(t, 'POST', '/sandbox/account/clock/advance', a.rw, { days: 5 });
    await asAccount(t, 'POST', '/sandbox/account/clock/advance', b.rw, { days: 2 });

    const reset = await asAccount(t, 'POST', '/sandbox/account/reset', a.rw);
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ accountId: a.accountId, keys: a.keys });
    expect(reset.body.invoices).toHaveLength(1);

    expect((await t.get(`${V2}/credit`, a.rw)).body.amount).toBe(300);
    expect((await t.get(`${V2}/invoices/${a.inv().id}`, a.rw)).status).toBe(404);
    const fresh = await t.get(`${V2}/invoices/${reset.body.invoices[0].id}`, a.rw);
    expect(fresh.body).toMatchObject({ status: 'unpaid', balance: 125 });
    expect((await asAccount(t, 'GET', '/sandbox/account/clock', a.ro)).body.offsetMs).toBe(0);

    expect((await t.get(`${V2}/credit`, b.rw)).body.amount).toBe(200);
    expect((await t.get(`${V2}/invoices/${b.inv().id}`, b.rw)).body.balance).toBe(25);
    expect((await asAccount(t, 'GET', '/sandbox/account/clock', b.ro)).body.offsetMs).toBe(2 * DAY);
  });

  it('refuses to reset a demo account alone (the demo is shared) and says what to do instead', async () => {
    const res = await asAccount(t, 'POST', '/sandbox/account/reset', t.keys.business);
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/POST \/sandbox\/accounts/);
  });
});

describe('test hooks per account', () => {
  it("a fault set by A fails A's calls only", async () => {
    const a = await account(t);
    const b = await account(t);
    const set = await asAccount(t, 'POST', '/sandbox/account/faults', a.rw, { operationId: 'getInvoice' });
    expect(set.body).toEqual({ faults: ['getInvoice'] });
    expect((await t.get(`${V2}/invoices/${a.inv().id}`, a.rw)).status).toBe(500);
    expect((await t.get(`${V2}/invoices/${b.inv().id}`, b.rw)).status).toBe(200);
    // The global list shows none of an account's hooks.
    expect((await t.control('POST', '/sandbox/faults', { operationId: 'x', enabled: false })).body).toEqual({
      faults: [],
    });
    await asAccount(t, 'POST', '/sandbox/account/faults', a.rw, { operationId: 'getInvoice', enabled: false });
    expect((await t.get(`${V2}/invoices/${a.inv().id}`, a.rw)).status).toBe(200);
  });
});

describe('test hooks are bounded per account', () => {
  it('holds at most 100 of a kind per account, and one account filling its share leaves the others theirs', async () => {
    const a = await account(t);
    const b = await account(t);
    for (let i = 0; i < 100; i++)
      expect((await asAccount(t, 'POST', '/sandbox/account/faults', a.rw, { operationId: `op${i}` })).status).toBe(200);
    const over = await asAccount(t, 'POST', '/sandbox/account/faults', a.rw, { operationId: 'one-more' });
    expect(over.status).toBe(400);
    expect(over.body.message).toMatch(/at most 100/);
    expect((await asAccount(t, 'POST', '/sandbox/account/faults', b.rw, { operationId: 'getInvoice' })).status).toBe(
      200,
    );
    // A reset drops the account's hooks.
    expect((await asAccount(t, 'POST', '/sandbox/account/reset', a.rw)).status).toBe(200);
    expect(
      (await asAccount(t, 'POST', '/sandbox/account/faults', a.rw, { operationId: 'x', enabled: false })).body,
    ).toEqual({
      faults: [],
    });
    await asAccount(t, 'POST', '/sandbox/account/faults', b.rw, { operationId: 'getInvoice', enabled: false });
  });
});

describe('what affects every account', () => {
  it('needs the admin token when one is set: 401 without it, 403 with a wrong one', async () => {
    const s = await startTestSandbox({ adminToken: ADMIN_TOKEN });
    try {
      const a = await account(s); // creating accounts stays open
      for (const [path, body] of [
        ['/sandbox/reset', {}],
        ['/sandbox/clock/advance', { days: 1 }],
        ['/sandbox/faults', { operationId: 'getInvoice' }],
        ['/sandbox/latency', { ms: 10 }],
      ] as const) {
        const missing = await s.control('POST', path, body);
        expect(missing.status, path).toBe(401);
        expect(missing.body.message).toMatch(/X-Sandbox-Admin-Token/);
        const wrong = await s.call('POST', path, {
          body,
          headers: { 'X-Sandbox-Admin-Token': 'not-the-token-at-all' },
        });
        expect(wrong.status, path).toBe(403);
      }
      expect((await s.control('GET', '/sandbox/clock')).body.offsetMs).toBe(0);
      expect((await s.get(`${V2}/invoices/${a.inv().id}`, a.rw)).status).toBe(200);

      const moved = await s.call('POST', '/sandbox/clock/advance', {
        body: { days: 1 },
        headers: { 'X-Sandbox-Admin-Token': ADMIN_TOKEN },
      });
      expect(moved.status).toBe(200);
      expect(moved.body.offsetMs).toBe(DAY);
      // The account's clock is on top of the default clock.
      await asAccount(s, 'POST', '/sandbox/account/clock/advance', a.rw, { days: 2 });
      const own = await asAccount(s, 'GET', '/sandbox/account/clock', a.rw);
      expect(own.body.offsetMs).toBe(2 * DAY);
      expect(Date.parse(own.body.now) - Date.parse(own.body.defaultNow)).toBe(2 * DAY);
      expect((await s.control('GET', '/sandbox/clock')).body.offsetMs).toBe(DAY);
      const wiped = await s.call('POST', '/sandbox/reset', {
        body: {},
        headers: { 'X-Sandbox-Admin-Token': ADMIN_TOKEN },
      });
      expect(wiped.status).toBe(200);
      expect((await s.get(`${V2}/invoices/${a.inv().id}`, a.rw)).status).toBe(401);
    } finally {
      await s.close();
    }
  });

  it('is refused off loopback without an admin token, saying how to set one; accounts still have their own', async () => {
    const s = await startSandbox({ host: '0.0.0.0', port: 0, rateLimit: false });
    // Listening on every interface; this test reaches it on loopback.
    const base = `http://127.0.0.1:${new URL(s.url).port}`;
    const send = async (method: string, path: string, body?: unknown, key?: string) => {
      const res = await fetch(base + path, {
        method,
        headers: { 'Content-Type': 'application/json', ...(key ? { Authorization: `Bearer ${key}` } : {}) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    try {
      const a = await send('POST', '/sandbox/accounts', { keys: { rw: ['read:billing', 'write:billing'] } });
      expect(a.status).toBe(201);
      for (const path of ['/sandbox/reset', '/sandbox/clock/advance']) {
        const refused = await send('POST', path, { days: 1 });
        expect(refused.status, path).toBe(403);
        expect(refused.body.message).toMatch(/--admin-token <secret>/);
      }
      expect((await send('GET', '/sandbox/clock')).body.offsetMs).toBe(0);
      const own = await send('POST', '/sandbox/account/clock/advance', { days: 1 }, a.body.keys.rw);
      expect(own.status).toBe(200);
      expect(own.body.offsetMs).toBe(DAY);
      expect((await send('GET', `${V2}/credit`, undefined, a.body.keys.rw)).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});

describe('the offsets are stored with the data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'billing-sandbox-clock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a restart on the same file keeps each account's clock, and reset still knows the recipe", async () => {
    const data = join(dir, 'sandbox.db');
    let s = await startTestSandbox({ data });
    const a = await twoInvoices(s);
    const b = await twoInvoices(s);
    await asAccount(s, 'POST', '/sandbox/account/clock/advance', a.rw, { days: 31 });
    await s.close();

    s = await startTestSandbox({ data });
    try {
      expect((await asAccount(s, 'GET', '/sandbox/account/clock', a.rw)).body.offsetMs).toBe(31 * DAY);
      expect((await asAccount(s, 'GET', '/sandbox/account/clock', b.rw)).body.offsetMs).toBe(0);
      expect((await s.get(`${V2}/invoices/${a.inv(1).id}`, a.rw)).body.isOverdue).toBe(true);
      expect((await s.get(`${V2}/invoices/${b.inv(1).id}`, b.rw)).body.isOverdue).toBe(false);
      const reset = await asAccount(s, 'POST', '/sandbox/account/reset', a.rw);
      expect(reset.status).toBe(200);
      expect(reset.body.invoices).toHaveLength(2);
    } finally {
      await s.close();
    }
  });
});
