// Reading invoices in both versions (the same invoice by `inv_` id and numeric id), pagination,
// filters, isOverdue on the sandbox clock, cancel, resend email, cards, balances and activity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { account, line } from './fixtures.js';
import { DAY, startTestSandbox, type TestSandbox, V2 } from './helpers.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.close());

describe('invoices', () => {
  it('shows the same invoice in v2 and v1 shapes', async () => {
    const f = await account(t, {
      invoices: [
        {
          status: 'unpaid',
          lines: [
            line(1200, 'Webbhotell Pro, 12 månader'),
            { description: 'Domän', quantity: 2, unitAmount: 99.5, taxRate: 12 },
          ],
        },
      ],
    });
    const v2 = (await t.get(`${V2}/invoices/${f.inv().id}`, f.rw)).body;
    expect(v2).toMatchObject({
      id: f.inv().id,
      legacyId: f.inv().legacyId,
      kind: 'standard',
      status: 'unpaid',
      subtotal: 1399,
      tax: 323.88,
      total: 1722.88,
      balance: 1722.88,
      isOverdue: false,
    });
    expect(v2.lines[1]).toMatchObject({ quantity: 2, unitAmount: 99.5, amount: 199, taxRate: 12 });
    expect(v2).not.toHaveProperty('credit');
    const v1 = (await t.get(`/api/billing/invoice/${f.inv().legacyId}`, f.rw)).body.data.invoice;
    expect(v1).toMatchObject({
      id: f.inv().legacyId,
      publicId: f.inv().id,
      formatted_id: v2.number,
      type: 'standard',
      status: 'Unpaid',
      subtotal: '1399.00',
      tax: '323.88',
      total: '1722.88',
      credit: '0.00',
      balance: '1722.88',
    });
    expect(v1.items[1]).toMatchObject({ quantity: 2, amount: '199.00', taxrate: '12.00' });
    expect(v1.date).toBe(v2.issuedAt);
  });

  it('another account cannot see it: 404 in both versions', async () => {
    const f = await account(t);
    const other = await account(t);
    expect((await t.get(`${V2}/invoices/${f.inv().id}`, other.rw)).body).toMatchObject({
      status: 404,
      code: 'invoice_not_found',
    });
    expect((await t.get(`/api/billing/invoice/${f.inv().legacyId}`, other.rw)).body).toMatchObject({
      code: 'INVOICE_NOT_FOUND',
      message: `Invoice ${f.inv().legacyId} was not found`,
    });
    expect((await t.post(`${V2}/invoices/${f.inv().id}/actions/apply-credit`, {}, other.rw)).status).toBe(404);
  });

  it('pages v2 by cursor and v1 by page number, newest first, with filters', async () => {
    const invoices = [
      ...Array.from({ length: 5 }, () => ({ status: 'unpaid' as const, lines: [line()] })),
      ...Array.from({ length: 2 }, () => ({ status: 'paid' as const, lines: [line()] })),
      { kind: 'add_funds' as const, status: 'unpaid' as const, lines: [line(50, 'Påfyllning av kredit', 0)] },
    ];
    const f = await account(t, { invoices });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await t.get(`${V2}/invoices?limit=3${cursor ? `&cursor=${cursor}` : ''}`, f.rw);
      seen.push(...page.body.data.map((i: any) => i.id));
      expect(page.body.hasMore).toBe(page.body.nextCursor !== null);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(f.invoices.map((i) => i.id).reverse());
    const unpaid = await t.get(`${V2}/invoices?status=unpaid&kind=standard&limit=100`, f.rw);
    expect(unpaid.body.data).toHaveLength(5);
    const bad = await t.get(`${V2}/invoices?cursor=bm9wZQ`, f.rw);
    expect(bad.body.errors).toEqual([
      {
        pointer: '/query/cursor',
        detail: 'is not a cursor of this list; send nextCursor back unchanged',
        code: 'invalid_value',
      },
    ]);
    const v1 = await t.get('/api/billing/invoices?page=2&limit=3', f.rw);
    expect(v1.body.data).toMatchObject({ total: '8', pages: 3, currentPage: 2, hasMore: true });
    expect(v1.body.data.invoices.map((i: any) => i.publicId)).toEqual(seen.slice(3, 6));
    const paid = await t.get('/api/billing/invoices?status=Paid', f.rw);
    expect(paid.body.data.invoices.map((i: any) => i.status)).toEqual(['Paid', 'Paid']);
    const wrongCase = await t.get('/api/billing/invoices?status=paid', f.rw);
    expect(wrongCase.body).toMatchObject({ code: 'BAD_REQUEST' });
    expect(wrongCase.body.message).toContain('query parameter status must be one of');
  });

  it('derives isOverdue from the sandbox clock', async () => {
    const overdueTest = await startTestSandbox();
    try {
      const f = await account(overdueTest, {
        invoices: [
          { status: 'unpaid', lines: [line()], dueInDays: 10 },
          { status: 'paid', lines: [line()], dueInDays: 10 },
        ],
      });
      expect((await overdueTest.get(`${V2}/invoices/${f.inv().id}`, f.rw)).body.isOverdue).toBe(false);
      await overdueTest.advance(10 * DAY + 1000);
      expect((await overdueTest.get(`${V2}/invoices/${f.inv().id}`, f.rw)).body.isOverdue).toBe(true);
      expect((await overdueTest.get(`${V2}/invoices/${f.inv(1).id}`, f.rw)).body.isOverdue).toBe(false);
    } finally {
      await overdueTest.close();
    }
  });

  it('cancels a draft or unpaid invoice and returns the credit applied to it', async () => {
    const f = await account(t, {
      credit: 80,
      invoices: [
        { status: 'unpaid', lines: [line()] },
        { kind: 'add_funds', status: 'unpaid', lines: [line(250, 'Påfyllning av kredit', 0)] },
      ],
    });
    await t.post(`${V2}/invoices/${f.inv().id}/actions/apply-credit`, { amount: 50 }, f.rw);
    const cancelled = await t.post(`${V2}/invoices/${f.inv().id}/actions/cancel`, undefined, f.rw);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', creditApplied: 0, balance: 0 });
    expect((await t.get(`${V2}/credit`, f.rw)).body.amount).toBe(80);
    const credits = await t.get(`${V2}/activity?kind=credit`, f.rw);
    expect(credits.body.data[0]).toMatchObject({ amount: 50, method: null, invoiceId: f.inv().id });
    const v1 = await t.post(`/api/billing/invoice/${f.inv(1).legacyId}/cancel`, undefined, f.rw);
    expect(v1.body.data).toEqual({ invoice_id: f.inv(1).legacyId, message: 'Add Funds invoice has been cancelled' });
    const again = await t.post(`/api/billing/invoice/${f.inv(1).legacyId}/cancel`, undefined, f.rw);
    expect(again.body).toMatchObject({
      code: 'INVOICE_NOT_CANCELLABLE',
      message: 'Only draft or unpaid invoices can be cancelled; invoice status is Cancelled',
    });
  });

  it('resends the invoice email to the billing contact (outbox)', async () => {
    const f = await account(t, { email: 'faktura@kund.se' });
    const res = await t.post(`${V2}/invoices/${f.inv().id}/actions/resend-email`, undefined, f.rw);
    expect(res.body).toEqual({ queuedAt: expect.stringMatching(/Z$/), email: 'faktura@kund.se' });
    const outbox = await t.control('GET', `/sandbox/outbox?accountId=${f.accountId}`);
    expect(outbox.body.emails).toEqual([
      expect.objectContaining({
        recipient: 'faktura@kund.se',
        template: 'invoice',
        invoiceId: f.inv().id,
        subject: `Faktura ${f.inv().number}`,
      }),
    ]);
  });
});

describe('account reads', () => {
  it('credit balance, account summary, cards and the activity log', async () => {
    const f = await account(t, {
      type: 'personal',
      credit: 12.34,
      cards: [{ last4: '4242', brand: 'visa', expMonth: 3, expYear: 2031, cardholderName: 'Anna' }],
    });
    expect((await t.get(`${V2}/credit`, f.rw)).body).toEqual({
      accountId: f.accountId,
      accountType: 'personal',
      amount: 12.34,
      currencyCode: 'SEK',
    });
    expect((await t.get('/api/billing/account-summary', f.rw)).body.data).toEqual({
      credit: '12.34',
      currency: 'SEK',
      email: 'anna.svensson@exempel.se',
      name: 'Anna Svensson',
      country: 'SE',
      accountType: 'personal',
    });
    expect((await t.get('/api/billing/cards', f.rw)).body.data.cards).toEqual([
      {
        id: f.cards[0]!.legacyId,
        cardtype: 'Visa',
        last4: '4242',
        expirymonth: '03',
        expiryyear: '2031',
        primary: true,
        status: 'Active',
      },
    ]);
    expect((await t.get(`${V2}/cards`, f.rw)).body.data[0]).toMatchObject({
      id: f.cards[0]!.id,
      brand: 'visa',
      expMonth: 3,
      expYear: 2031,
      cardholderName: 'Anna',
      isPrimary: true,
    });
    const activity = await t.get(`${V2}/activity?kind=credit&limit=1`, f.rw);
    expect(activity.body).toMatchObject({
      data: [{ amount: 12.34, kind: 'credit' }],
      hasMore: false,
      nextCursor: null,
    });
    expect((await t.get(`${V2}/activity`, f.rw)).body.data).toEqual([]); // no money has moved yet
  });
});
