// Card payments are asynchronous (payment_pending, then paid after the payment delay on the sandbox
// clock); a second attempt meanwhile is refused; test cards decline; add funds raises the credit
// balance once its invoice is paid (flow: add funds, pay, apply).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { account } from './fixtures.js';
import { startTestSandbox, type TestSandbox, V2 } from './helpers.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ paymentDelayMs: 60_000 });
});
afterAll(() => t.close());

describe('card payments (v2)', () => {
  it('goes payment_pending, refuses a second attempt, and is paid after the delay', async () => {
    const f = await account(t, { credit: 0 });
    const pay = await t.post(`${V2}/invoices/${f.inv().id}/actions/pay`, {}, f.rw);
    expect(pay.status).toBe(202);
    expect(pay.body).toMatchObject({ status: 'processing', amount: 125, currencyCode: 'SEK' });
    expect(pay.body.invoice).toMatchObject({ status: 'payment_pending', amountPaid: 0, balance: 125 });
    const second = await t.post(`${V2}/invoices/${f.inv().id}/actions/pay`, {}, f.rw);
    expect(second.body).toMatchObject({ status: 409, code: 'invoice_payment_in_progress' });
    // Half the delay on the sandbox clock (the real time a slow machine takes counts too): still pending.
    await t.advance(30_000);
    expect((await t.get(`${V2}/invoices/${f.inv().id}`, f.rw)).body.status).toBe('payment_pending');
    await t.advance(30_000);
    const paid = await t.get(`${V2}/invoices/${f.inv().id}`, f.rw);
    expect(paid.body).toMatchObject({ status: 'paid', amountPaid: 125, balance: 0 });
    const activity = await t.get(`${V2}/activity`, f.rw);
    expect(activity.body.data[0]).toMatchObject({
      id: pay.body.transactionId,
      kind: 'transaction',
      method: 'card',
      amount: 125,
      invoiceId: f.inv().id,
    });
    const emails = await t.control('GET', `/sandbox/outbox?invoiceId=${f.inv().id}`);
    expect(emails.body.emails.map((e: any) => e.template)).toEqual(['invoice_paid']);
  });

  it('charges the card asked for; the declining test card gives 402 and leaves the invoice unpaid', async () => {
    const f = await account(t, { cards: [{ last4: '4242' }, { last4: '0002', brand: 'mastercard' }] });
    const cards = await t.get(`${V2}/cards`, f.rw);
    expect(cards.body.data.map((c: any) => [c.last4, c.isPrimary])).toEqual([
      ['4242', true],
      ['0002', false],
    ]);
    const declined = await t.post(
      `${V2}/invoices/${f.inv().id}/actions/pay`,
      { savedCardId: cards.body.data[1].id },
      f.rw,
    );
    expect(declined.body).toMatchObject({
      status: 402,
      code: 'payment_declined',
      detail: 'The card was declined by the issuer (insufficient funds).',
    });
    expect((await t.get(`${V2}/invoices/${f.inv().id}`, f.rw)).body.status).toBe('unpaid');
    const other = await account(t);
    const foreign = await t.post(`${V2}/invoices/${f.inv().id}/actions/pay`, { savedCardId: other.cards[0]!.id }, f.rw);
    expect(foreign.body).toMatchObject({ status: 422, code: 'no_saved_card' });
    expect(foreign.body.detail).toContain(other.cards[0]!.id);
  });

  it('declines an expired card', async () => {
    const f = await account(t, { cards: [{ last4: '1111', expMonth: 1, expYear: 2020 }] });
    const res = await t.post(`${V2}/invoices/${f.inv().id}/actions/pay`, {}, f.rw);
    expect(res.body).toMatchObject({
      code: 'payment_declined',
      detail: 'The card was declined by the issuer (the card has expired).',
    });
    expect((await t.get('/api/billing/cards', f.rw)).body.data.cards[0].status).toBe('Expired');
  });
});

describe('card payments (v1)', () => {
  it('schedules the charge; the invoice is Payment Pending, then Paid', async () => {
    const f = await account(t);
    const res = await t.post('/api/billing/pay', { invoiceId: f.inv().legacyId, cardId: f.cards[0]!.legacyId }, f.rw);
    expect(res.body.data).toEqual({
      success: true,
      message: 'Function has been scheduled for execution',
      invoiceId: f.inv().legacyId,
    });
    expect((await t.get(`/api/billing/invoice/${f.inv().legacyId}`, f.rw)).body.data.invoice.status).toBe(
      'Payment Pending',
    );
    const again = await t.post('/api/billing/pay', { invoiceId: f.inv().legacyId, cardId: 'primary' }, f.rw);
    expect(again.body).toMatchObject({
      code: 'PAYMENT_IN_PROGRESS',
      message: `A payment for invoice ${f.inv().legacyId} is already processing`,
    });
    await t.advance(60_000);
    const invoice = (await t.get(`/api/billing/invoice/${f.inv().legacyId}`, f.rw)).body.data.invoice;
    expect(invoice).toMatchObject({ status: 'Paid', amountpaid: '125.00', balance: '0.00' });
    expect(invoice.datepaid).toMatch(/Z$/);
  });

  it('finds no card when the account has none', async () => {
    const f = await account(t, { cards: [] });
    const res = await t.post('/api/billing/pay', { invoiceId: f.inv().legacyId, cardId: 'primary' }, f.rw);
    expect(res.body).toMatchObject({ code: 'CARD_NOT_FOUND', message: 'No saved card matches cardId primary' });
  });
});

describe('add funds, pay, apply (flow)', () => {
  it('v2: the paid top-up raises the credit, which then pays another invoice', async () => {
    const f = await account(t, { credit: 0 });
    const top = await t.post(`${V2}/credit/actions/add-funds`, { amount: 250 }, f.rw);
    expect(top.status).toBe(201);
    expect(top.body.invoice).toMatchObject({ total: 250, balance: 250, status: 'unpaid', currencyCode: 'SEK' });
    expect(top.body.paymentLinkGeneratorUrl).toBe(
      `/api/v2/billing/invoices/${top.body.invoice.id}/actions/generate-payment-link`,
    );
    const invoice = await t.get(`${V2}/invoices/${top.body.invoice.id}`, f.rw);
    expect(invoice.body).toMatchObject({
      kind: 'add_funds',
      tax: 0,
      lines: [{ description: 'Påfyllning av kredit', amount: 250, taxRate: 0 }],
    });
    expect((await t.get(`${V2}/credit`, f.rw)).body.amount).toBe(0);
    await t.post(`${V2}/invoices/${top.body.invoice.id}/actions/pay`, {}, f.rw);
    await t.advance(60_000);
    expect((await t.get(`${V2}/credit`, f.rw)).body.amount).toBe(250);
    const apply = await t.post(`${V2}/invoices/${f.inv().id}/actions/apply-credit`, {}, f.rw);
    expect(apply.body).toMatchObject({ amountApplied: 125, invoicePaid: true, remainingCredit: 125 });
    const credits = await t.get(`${V2}/activity?kind=credit`, f.rw);
    expect(credits.body.data.map((e: any) => [e.method, e.amount])).toEqual([
      ['accountCredit', -125],
      ['addFunds', 250],
    ]);
  });

  it('v1: add funds, pay, and the credit log shows it', async () => {
    const f = await account(t, { credit: 0, invoices: [] });
    const top = await t.post('/api/credit/add-funds', { amount: '99.90' }, f.rw);
    expect(top.body.data).toMatchObject({ amount: '99.90', message: 'Add funds invoice created' });
    await t.post('/api/billing/pay', { invoiceId: top.body.data.invoiceId, cardId: 'primary' }, f.rw);
    await t.advance(60_000);
    const log = await t.get('/api/billing/credit-log', f.rw);
    const number = (await t.get(`/api/billing/invoice/${top.body.data.invoiceId}`, f.rw)).body.data.invoice
      .formatted_id;
    expect(log.body.data.log).toEqual([
      {
        id: expect.stringMatching(/^\d+$/),
        date: expect.any(String),
        description: `Add Funds Invoice #${number}`,
        amount: '99.90',
        invoiceId: top.body.data.invoiceId,
      },
    ]);
    expect(log.body.data).toMatchObject({ hasMore: false, total: '1', pages: 1, currentPage: 1 });
    expect((await t.get('/api/billing/account-summary', f.rw)).body.data.credit).toBe('99.90');
    const range = await t.post('/api/credit/add-funds', { amount: '0.00' }, f.rw);
    expect(range.body).toMatchObject({
      code: 'AMOUNT_OUT_OF_RANGE',
      message: 'The amount must be greater than 0.00 and at most 100000.00',
    });
  });
});

describe('payment delay setting', () => {
  it('with paymentDelayMs 0 the payment completes before the next request', async () => {
    const fast = await startTestSandbox({ paymentDelayMs: 0 });
    try {
      const f = await account(fast);
      const pay = await fast.post(`${V2}/invoices/${f.inv().id}/actions/pay`, {}, f.rw);
      expect(pay.body.invoice.status).toBe('payment_pending');
      expect((await fast.get(`${V2}/invoices/${f.inv().id}`, f.rw)).body.status).toBe('paid');
    } finally {
      await fast.close();
    }
  });
});
