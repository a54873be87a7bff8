// The demo data (every status, keys, cards, a personal account; the same with the same --seed) and
// the /sandbox control endpoints (reset, accounts, clock, outbox, validation of their input).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, startTestSandbox, type TestSandbox, V2 } from './helpers.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ seed: 42 });
});
afterAll(() => t.close());

describe('demo data', () => {
  it('has a business account with credit, cards, invoices in every status and a held credit invoice', async () => {
    const credit = await t.get(`${V2}/credit`, t.keys.business);
    expect(credit.body).toMatchObject({ accountType: 'business', amount: 2500, currencyCode: 'SEK' });
    const list = await t.get(`${V2}/invoices?limit=100`, t.keys.readOnly);
    const statuses = list.body.data.map((i: any) => i.status);
    for (const status of ['draft', 'unpaid', 'payment_pending', 'paid', 'cancelled', 'refunded', 'collections'])
      expect(statuses).toContain(status);
    expect(list.body.data.some((i: any) => i.isOverdue)).toBe(true);
    expect(list.body.data.find((i: any) => i.status === 'draft')).toMatchObject({
      kind: 'credit',
      credit: { detailsSource: 'original' },
    });
    expect(
      list.body.data
        .filter((i: any) => i.kind === 'add_funds')
        .map((i: any) => i.status)
        .sort(),
    ).toEqual(['cancelled', 'unpaid']);
    const cards = await t.get(`${V2}/cards`, t.keys.business);
    expect(cards.body.data.map((c: any) => c.last4)).toEqual(['4242', '0002']);
    expect((await t.post(`${V2}/credit/actions/add-funds`, { amount: 1 }, t.keys.readOnly)).status).toBe(403);
    const personal = await t.get(`${V2}/credit`, t.keys.personal);
    expect(personal.body).toMatchObject({ accountType: 'personal', amount: 0 });
  });

  it('is the same with the same seed, and different without one', async () => {
    const same = await startTestSandbox({ seed: 42 });
    const other = await startTestSandbox();
    try {
      expect(same.keys).toEqual(t.keys);
      const ids = async (s: TestSandbox) =>
        (await s.get(`${V2}/invoices?limit=100`, s.keys.business)).body.data.map((i: any) => i.id);
      expect(await ids(same)).toEqual(await ids(t));
      expect(other.keys.business).not.toBe(t.keys.business);
    } finally {
      await same.close();
      await other.close();
    }
  });

  it('settles the pending demo payment when the clock passes it', async () => {
    const s = await startTestSandbox({ seed: 1 });
    try {
      const pending = async () =>
        (await s.get(`${V2}/invoices?status=payment_pending`, s.keys.business)).body.data.length;
      expect(await pending()).toBe(1);
      const advanced = await s.control('POST', '/sandbox/clock/advance', { days: 7 });
      expect(advanced.body.settledPayments).toBe(1);
      expect(await pending()).toBe(0);
    } finally {
      await s.close();
    }
  });
});

describe('control endpoints', () => {
  it('reset undoes every change and keeps the seeded keys', async () => {
    const before = (await t.get(`${V2}/credit`, t.keys.business)).body.amount;
    const unpaid = (await t.get(`${V2}/invoices?status=unpaid&kind=standard`, t.keys.business)).body.data[0];
    await t.post(`${V2}/invoices/${unpaid.id}/actions/apply-credit`, {}, t.keys.business);
    await t.advance(DAY);
    expect((await t.get(`${V2}/credit`, t.keys.business)).body.amount).toBeLessThan(before);
    const reset = await t.control('POST', '/sandbox/reset');
    expect(reset.body.keys.map((k: any) => k.key)).toEqual([t.keys.business, t.keys.readOnly, t.keys.personal]);
    expect((await t.get(`${V2}/credit`, t.keys.business)).body.amount).toBe(before);
    expect((await t.control('GET', '/sandbox/clock')).body.offsetMs).toBe(0);
  });

  it('creates accounts with given type, credit, cards, invoices and keys', async () => {
    const res = await t.control('POST', '/sandbox/accounts', {
      type: 'personal',
      credit: 99.5,
      currency: 'EUR',
      cards: [{ last4: '1234', brand: 'amex' }],
      invoices: [{ status: 'paid' }, { status: 'collections', issuedDaysAgo: 60 }],
      keys: { reader: ['read:billing'] },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      type: 'personal',
      cards: [{ last4: '1234' }],
      invoices: [{ status: 'paid' }, { status: 'collections' }],
    });
    expect(Object.keys(res.body.keys)).toEqual(['reader']);
    expect((await t.get(`${V2}/credit`, res.body.keys.reader)).body).toMatchObject({
      amount: 99.5,
      currencyCode: 'EUR',
      accountType: 'personal',
    });
    expect((await t.control('POST', '/sandbox/accounts', { type: 'robot' })).body).toEqual({
      error: 'bad_request',
      message: '/type must be one of: business, personal',
    });
    expect((await t.control('POST', '/sandbox/accounts', { credit: -1 })).status).toBe(400);
  });

  it('moves the clock forward only, and tells the time', async () => {
    const before = Date.parse((await t.control('GET', '/sandbox/clock')).body.now);
    const moved = await t.control('POST', '/sandbox/clock/advance', { days: 2, minutes: 30 });
    expect(Date.parse(moved.body.now) - before).toBeGreaterThanOrEqual(2 * DAY + 30 * 60_000);
    expect((await t.control('POST', '/sandbox/clock/advance', { ms: -5 })).status).toBe(400);
    expect((await t.control('GET', '/sandbox/health')).body.ok).toBe(true);
    expect((await t.control('GET', '/sandbox/nothing')).status).toBe(404);
    expect((await t.control('POST', '/sandbox/latency', { ms: 'slow' })).status).toBe(400);
  });
});
