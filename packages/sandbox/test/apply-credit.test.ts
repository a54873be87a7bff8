// Apply credit (seeds 000 and 001): every rule in v2 and v1, the flow "apply until paid", exact
// minor-unit arithmetic, and parallel calls that can never apply credit twice or go negative.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { account, line } from './fixtures.js';
import { startTestSandbox, type TestSandbox, V2 } from './helpers.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.close());

const credit = async (key: string) => (await t.get(`${V2}/credit`, key)).body.amount as number;

describe('apply credit (v2)', () => {
  it('applies until the invoice is paid, then refuses', async () => {
    const f = await account(t, {
      credit: 200,
      invoices: [{ status: 'unpaid', lines: [line(1200, 'Webbhotell Pro, 12 månader'), line(200, 'Domän')] }],
    });
    const path = `${V2}/invoices/${f.inv().id}/actions/apply-credit`;
    const first = await t.post(path, { amount: 130 }, f.rw);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      amountApplied: 130,
      invoicePaid: false,
      remainingCredit: 70,
      currencyCode: 'SEK',
    });
    expect(first.body.invoice).toMatchObject({
      status: 'unpaid',
      total: 1750,
      creditApplied: 130,
      balance: 1620,
      paidAt: null,
    });
    const rest = await t.post(path, {}, f.rw); // no amount: the most allowed = the remaining credit
    expect(rest.body).toMatchObject({ amountApplied: 70, invoicePaid: false, remainingCredit: 0 });
    expect(rest.body.invoice.balance).toBe(1550);
    await t.post(`${V2}/credit/actions/add-funds`, { amount: 2000 }, f.rw); // no effect until paid
    expect(await credit(f.rw)).toBe(0);
    const log = await t.get(`${V2}/activity?kind=credit`, f.rw);
    expect(log.body.data.map((e: any) => e.amount)).toEqual([-70, -130, 200]);
    expect(log.body.data[0]).toMatchObject({
      method: 'accountCredit',
      invoiceId: f.inv().id,
      invoiceNumber: f.inv().number,
    });
  });

  it('pays an invoice off and sends the paid email unless noEmail', async () => {
    const f = await account(t, {
      credit: 500,
      invoices: [
        { status: 'unpaid', lines: [line()] },
        { status: 'unpaid', lines: [line()] },
      ],
    });
    const paid = await t.post(`${V2}/invoices/${f.inv(0).id}/actions/apply-credit`, {}, f.rw);
    expect(paid.body).toMatchObject({ amountApplied: 125, invoicePaid: true, remainingCredit: 375 });
    expect(paid.body.invoice).toMatchObject({ status: 'paid', balance: 0, creditApplied: 125 });
    expect(paid.body.invoice.paidAt).toMatch(/Z$/);
    const quiet = await t.post(`${V2}/invoices/${f.inv(1).id}/actions/apply-credit`, { noEmail: true }, f.rw);
    expect(quiet.body.invoicePaid).toBe(true);
    const outbox = await t.control('GET', `/sandbox/outbox?accountId=${f.accountId}`);
    expect(outbox.body.emails.filter((e: any) => e.template === 'invoice_paid').map((e: any) => e.invoiceId)).toEqual([
      f.inv(0).id,
    ]);
    const again = await t.post(`${V2}/invoices/${f.inv(0).id}/actions/apply-credit`, {}, f.rw);
    expect(again.status).toBe(409);
    expect(again.body.detail).toBe('This action needs an unpaid invoice. Current invoice status: paid.');
  });

  it('computes in minor units: 0.10 + 0.20 credit pays a 0.30 invoice exactly', async () => {
    const f = await account(t, {
      credit: 0.3,
      invoices: [{ status: 'unpaid', lines: [{ description: 'Test', unitAmount: 0.24, taxRate: 25 }] }],
    });
    const path = `${V2}/invoices/${f.inv().id}/actions/apply-credit`;
    expect((await t.post(path, { amount: 0.1 }, f.rw)).body).toMatchObject({
      amountApplied: 0.1,
      remainingCredit: 0.2,
      invoicePaid: false,
    });
    const last = await t.post(path, { amount: 0.2 }, f.rw);
    expect(last.body).toMatchObject({ amountApplied: 0.2, remainingCredit: 0, invoicePaid: true });
    expect(last.body.invoice).toMatchObject({ total: 0.3, creditApplied: 0.3, balance: 0 });
  });

  it('names the amounts in its errors', async () => {
    const f = await account(t, { credit: 250, invoices: [{ status: 'unpaid', lines: [line(1200)] }] });
    const path = `${V2}/invoices/${f.inv().id}/actions/apply-credit`;
    const overCredit = await t.post(path, { amount: 500 }, f.rw);
    expect(overCredit.body.detail).toBe("The amount 500.00 exceeds the account's credit balance of 250.00 SEK.");
    await t.post(path, { amount: 250 }, f.rw);
    await t.control('POST', '/sandbox/accounts', {}); // unrelated traffic in between
    const g = await account(t, { credit: 5000, invoices: [{ status: 'unpaid', lines: [line(1200)] }] });
    const overBalance = await t.post(`${V2}/invoices/${g.inv().id}/actions/apply-credit`, { amount: 2000 }, g.rw);
    expect(overBalance.body).toMatchObject({
      status: 422,
      code: 'amount_exceeds_invoice_balance',
      detail: 'The amount 2000.00 exceeds the invoice balance of 1500.00 SEK.',
    });
    const tooPrecise = await t.post(`${V2}/invoices/${g.inv().id}/actions/apply-credit`, { amount: 1.005 }, g.rw);
    expect(tooPrecise.body.errors).toEqual([
      { pointer: '/amount', detail: 'must have at most 2 decimal places', code: 'invalid_format' },
    ]);
  });
});

describe('apply credit (v1)', () => {
  it('applies a decimal-string amount to the same invoice v2 sees', async () => {
    const f = await account(t, { credit: 250, invoices: [{ status: 'unpaid', lines: [line(1400)] }] });
    const res = await t.post(`/api/billing/invoice/${f.inv().legacyId}/apply-credit`, { amount: '130.00' }, f.rw);
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    expect(res.body.data).toEqual({
      message: 'Credit has been applied to invoice',
      invoiceId: f.inv().legacyId,
      amount: '130.00',
      invoicePaid: false,
      balance: '1620.00',
    });
    const v2 = await t.get(`${V2}/invoices/${f.inv().id}`, f.rw);
    expect(v2.body).toMatchObject({ legacyId: f.inv().legacyId, creditApplied: 130, balance: 1620 });
    const summary = await t.get('/api/billing/account-summary', f.rw);
    expect(summary.body.data.credit).toBe('120.00');
  });

  it('answers every broken rule with 400 and its own code and message', async () => {
    const f = await account(t, {
      credit: 250,
      invoices: [
        { status: 'unpaid', lines: [line(1200)] },
        { status: 'paid', lines: [line()] },
      ],
    });
    const at = (i: number) => `/api/billing/invoice/${f.inv(i).legacyId}/apply-credit`;
    const cases: Array<[number, string, string, string]> = [
      [1, '1.00', 'INVOICE_NOT_UNPAID', 'Failed to apply credit: invoice status is Paid, not Unpaid'],
      [0, '0.00', 'AMOUNT_NOT_POSITIVE', 'Failed to apply credit: the amount must be greater than zero'],
      [0, '-5.00', 'AMOUNT_NOT_POSITIVE', 'Failed to apply credit: the amount must be greater than zero'],
      [
        0,
        '500.00',
        'AMOUNT_EXCEEDS_CREDIT_BALANCE',
        'Failed to apply credit: 500.00 exceeds the credit balance of 250.00',
      ],
    ];
    for (const [i, amount, code, message] of cases) {
      const res = await t.post(at(i), { amount }, f.rw);
      expect({ status: res.status, code: res.body.code, message: res.body.message, error: res.body.error }).toEqual({
        status: 400,
        code,
        message,
        error: 'Bad Request',
      });
    }
    const g = await account(t, { credit: 5000, invoices: [{ status: 'unpaid', lines: [line(1200)] }] });
    const over = await t.post(`/api/billing/invoice/${g.inv().legacyId}/apply-credit`, { amount: '2000.00' }, g.rw);
    expect(over.body).toMatchObject({
      code: 'AMOUNT_EXCEEDS_INVOICE_BALANCE',
      message: 'Failed to apply credit: 2000.00 exceeds the invoice balance of 1500.00',
    });
    for (const amount of ['12.505', '12,50', '1e3', '+12']) {
      const malformed = await t.post(`/api/billing/invoice/${g.inv().legacyId}/apply-credit`, { amount }, g.rw);
      expect(malformed.body.code).toBe('BAD_REQUEST');
      expect(malformed.body.message).toMatch(/^Invalid request: amount must be a valid DecimalStringInput/);
    }
  });

  it('v1 reads lenient amounts exactly and answers them with two decimals', async () => {
    const f = await account(t, { credit: 1000, invoices: [{ status: 'unpaid', lines: [line(800)] }] });
    const at = `/api/billing/invoice/${f.inv().legacyId}/apply-credit`;
    const answers = [];
    for (const amount of ['130', '130.5', '0.05', '130.50'])
      answers.push((await t.post(at, { amount }, f.rw)).body.data);
    expect(answers.map((d) => d.amount)).toEqual(['130.00', '130.50', '0.05', '130.50']);
    expect(answers.at(-1).balance).toBe('608.95'); // 1000.00 - 130.00 - 130.50 - 0.05 - 130.50
    const topUp = await t.post('/api/credit/add-funds', { amount: '250' }, f.rw);
    expect(topUp.body.data.amount).toBe('250.00');
  });

  it('v1 without amount applies the largest allowed amount; noemail skips the paid email', async () => {
    const f = await account(t, {
      credit: 200,
      invoices: [
        { status: 'unpaid', lines: [line()] },
        { status: 'unpaid', lines: [line(40)] },
        { status: 'unpaid', lines: [line()] },
      ],
    });
    const at = (i: number) => `/api/billing/invoice/${f.inv(i).legacyId}/apply-credit`;
    const first = await t.post(at(0), undefined, f.rw); // no body at all: 125.00 of 200.00
    expect(first.body.data).toMatchObject({ amount: '125.00', invoicePaid: true, balance: '0.00' });
    const quiet = await t.post(at(1), { noemail: true }, f.rw); // 50.00 of the remaining 75.00
    expect(quiet.body.data).toMatchObject({ amount: '50.00', invoicePaid: true });
    const partial = await t.post(at(2), {}, f.rw); // the last 25.00 of credit on a 125.00 invoice
    expect(partial.body.data).toMatchObject({ amount: '25.00', invoicePaid: false, balance: '100.00' });
    const none = await t.post(at(2), {}, f.rw);
    expect(none.body).toMatchObject({
      code: 'AMOUNT_EXCEEDS_CREDIT_BALANCE',
      message: 'Failed to apply credit: the credit balance is 0.00',
    });
    const statuses = [];
    for (const i of [0, 2]) statuses.push((await t.get(`/api/billing/invoice/${f.inv(i).legacyId}`, f.rw)).body.data);
    expect(statuses.map((d) => d.invoice.paymentstatus)).toEqual(['Paid', 'Partially Paid']);
    const outbox = await t.control('GET', `/sandbox/outbox?accountId=${f.accountId}`);
    expect(outbox.body.emails.filter((e: any) => e.template === 'invoice_paid').map((e: any) => e.invoiceId)).toEqual([
      f.inv(0).id,
    ]);
  });
});

describe('concurrency', () => {
  it('50 parallel max-amount calls on different invoices apply exactly the credit there is', async () => {
    const invoices = Array.from({ length: 50 }, () => ({ status: 'unpaid' as const, lines: [line(10)] })); // 12.50 each
    const f = await account(t, { credit: 100, invoices });
    const results = await Promise.all(
      f.invoices.map((i) => t.post(`${V2}/invoices/${i.id}/actions/apply-credit`, {}, f.rw)),
    );
    const ok = results.filter((r) => r.status === 200);
    const applied = ok.reduce((sum, r) => sum + Math.round(r.body.amountApplied * 100), 0);
    expect(applied).toBe(10000);
    expect(ok).toHaveLength(8);
    expect(results.filter((r) => r.status === 422).every((r) => r.body.code === 'no_credit_available')).toBe(true);
    expect(await credit(f.rw)).toBe(0);
    const remaining = ok.map((r) => r.body.remainingCredit).sort((a, b) => a - b);
    expect(remaining).toEqual([0, 12.5, 25, 37.5, 50, 62.5, 75, 87.5]); // each call saw its own balance
  });

  it('50 parallel calls on one invoice never apply more than its balance', async () => {
    const f = await account(t, { credit: 1000, invoices: [{ status: 'unpaid', lines: [line(10)] }] }); // 12.50
    const path = `${V2}/invoices/${f.inv().id}/actions/apply-credit`;
    const results = await Promise.all(Array.from({ length: 50 }, () => t.post(path, { amount: 1 }, f.rw)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(12);
    expect(results.filter((r) => r.status === 422).every((r) => r.body.code === 'amount_exceeds_invoice_balance')).toBe(
      true,
    );
    const invoice = await t.get(`${V2}/invoices/${f.inv().id}`, f.rw);
    expect(invoice.body).toMatchObject({ creditApplied: 12, balance: 0.5, status: 'unpaid' });
    expect(await credit(f.rw)).toBe(988);
    const log = await t.get(`${V2}/activity?kind=credit&limit=100`, f.rw);
    expect(log.body.data.filter((e: any) => e.amount === -1)).toHaveLength(12);
  });
});
