// Payment links (seed 004): created or reused, viewed through the public v1 page, expiring after the
// configured time (410), and paid through the public checkout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { account } from './fixtures.js';
import { DAY, startTestSandbox, type TestSandbox, V2 } from './helpers.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ paymentDelayMs: 60_000 });
});
afterAll(() => t.close());

describe('payment links', () => {
  it('creates once, then reuses (v2 and v1), counts views, and expires after 30 days', async () => {
    const f = await account(t);
    const create = await t.post(`${V2}/invoices/${f.inv().id}/actions/generate-payment-link`, undefined, f.rw);
    expect(create.body).toMatchObject({ reused: false, invoice: { id: f.inv().id, status: 'unpaid', balance: 125 } });
    const { linkId, paymentUrl, expiresAt } = create.body;
    expect(paymentUrl).toBe(`${t.url}/api/billing/payment-link/${linkId}`);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(29 * DAY);
    const reuse = await t.post(`${V2}/invoices/${f.inv().id}/actions/generate-payment-link`, undefined, f.rw);
    expect(reuse.body).toMatchObject({ reused: true, linkId, expiresAt });
    const v1 = await t.post(`/api/billing/invoice/${f.inv().legacyId}/payment-link`, undefined, f.rw);
    expect(v1.body.data).toMatchObject({
      uuid: linkId,
      message: 'Using existing active payment link',
      invoice: { id: f.inv().legacyId, status: 'Unpaid', total: 125 },
    });

    for (let i = 0; i < 2; i++) {
      const page = await t.get(`/api/billing/payment-link/${linkId}`);
      expect(page.body.data.invoice).toMatchObject({
        id: f.inv().legacyId,
        number: f.inv().number,
        outstanding: '125.00',
        items: [{ quantity: 1, amount: '100.00' }],
      });
    }
    const state = await t.get(`${V2}/invoices/${f.inv().id}/payment-link`, f.rw);
    expect(state.body).toMatchObject({ hasActiveLink: true, linkId, viewCount: 2, previousLinks: [] });
    expect(state.body.lastViewedAt).toMatch(/Z$/);
    expect((await t.get(`/api/billing/invoice/${f.inv().legacyId}/payment-link`, f.rw)).body.data).toMatchObject({
      hasActiveLink: true,
      uuid: linkId,
      viewCount: 2,
    });

    await t.advance(30 * DAY);
    const gone = await t.get(`/api/billing/payment-link/${linkId}`);
    expect(gone.body).toMatchObject({ code: 'PAYMENT_LINK_EXPIRED', error: 'Gone' });
    const after = await t.get(`${V2}/invoices/${f.inv().id}/payment-link`, f.rw);
    expect(after.body).toMatchObject({
      hasActiveLink: false,
      linkId: null,
      paymentUrl: null,
      expiresAt: null,
      viewCount: 0,
      lastViewedAt: null,
    });
    expect(after.body.previousLinks).toEqual([
      { linkId, createdAt: expect.any(String), expiresAt, expired: true, viewCount: 2 },
    ]);
    const fresh = await t.post(`/api/billing/invoice/${f.inv().legacyId}/payment-link`, undefined, f.rw);
    expect(fresh.body.data.message).toBe('Payment link created');
    expect(fresh.body.data.uuid).not.toBe(linkId);
  });

  it('is only for unpaid invoices, and stops working when the invoice is cancelled', async () => {
    const f = await account(t);
    const link = await t.post(`${V2}/invoices/${f.inv().id}/actions/generate-payment-link`, undefined, f.rw);
    await t.post(`${V2}/invoices/${f.inv().id}/actions/cancel`, undefined, f.rw);
    expect((await t.get(`/api/billing/payment-link/${link.body.linkId}`)).status).toBe(410);
    const refused = await t.post(`/api/billing/invoice/${f.inv().legacyId}/payment-link`, undefined, f.rw);
    expect(refused.body).toMatchObject({
      code: 'INVOICE_NOT_UNPAID',
      message: 'Payment links can only be created for unpaid invoices; invoice status is Cancelled',
    });
  });

  it('pays through the public checkout when its URL is opened', async () => {
    const f = await account(t);
    const link = await t.post(`${V2}/invoices/${f.inv().id}/actions/generate-payment-link`, undefined, f.rw);
    const checkout = await t.post(`/api/billing/payment-link/${link.body.linkId}/pay`, { paymentMethod: 'swish' });
    expect(checkout.body.data).toMatchObject({
      paymentMethod: 'swish',
      sessionId: expect.stringMatching(/^cs_[0-9a-f]{32}$/),
    });
    expect((await t.get(`${V2}/invoices/${f.inv().id}`, f.rw)).body.status).toBe('payment_pending');
    const path = new URL(checkout.body.data.checkoutUrl).pathname;
    const done = await t.control('GET', path);
    expect(done.body).toEqual({ sessionId: checkout.body.data.sessionId, status: 'completed', invoiceId: f.inv().id });
    expect((await t.get(`${V2}/invoices/${f.inv().id}`, f.rw)).body).toMatchObject({ status: 'paid', amountPaid: 125 });
    const activity = await t.get(`${V2}/activity`, f.rw);
    expect(activity.body.data[0]).toMatchObject({ method: 'paymentLink', amount: 125 });
    expect((await t.control('GET', '/sandbox/checkout/cs_00000000000000000000000000000000')).status).toBe(404);
  });

  it('completes an unattended checkout after the payment delay', async () => {
    const f = await account(t);
    const link = await t.post(`${V2}/invoices/${f.inv().id}/actions/generate-payment-link`, undefined, f.rw);
    await t.post(`/api/billing/payment-link/${link.body.linkId}/pay`, { paymentMethod: 'card' });
    await t.advance(60_000);
    expect((await t.get(`${V2}/invoices/${f.inv().id}`, f.rw)).body.status).toBe('paid');
    const page = await t.get(`/api/billing/payment-link/${link.body.linkId}`);
    expect(page.body.data.invoice).toMatchObject({ status: 'Paid', outstanding: '0.00', amountPaid: '125.00' });
  });

  it('expires after the configured number of days', async () => {
    const short = await startTestSandbox({ linkTtlDays: 1 });
    try {
      const f = await account(short);
      const link = await short.post(`${V2}/invoices/${f.inv().id}/actions/generate-payment-link`, undefined, f.rw);
      await short.advance(DAY - 1000);
      expect((await short.get(`/api/billing/payment-link/${link.body.linkId}`)).status).toBe(200);
      await short.advance(1000);
      expect((await short.get(`/api/billing/payment-link/${link.body.linkId}`)).status).toBe(410);
    } finally {
      await short.close();
    }
  });
});
