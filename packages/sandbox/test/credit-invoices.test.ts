// Credit invoices and credit notes (seed 003): full and per-line credits, never more than is
// creditable, hold then finalize, effects on the original and the credit balance, and real PDFs
// (credit notes and invoices) read back with a PDF parser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { account, line } from './fixtures.js';
import { startTestSandbox, type TestSandbox, V2 } from './helpers.js';
import { pdfText } from './pdf.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.close());

const credit = async (key: string) => (await t.get(`${V2}/credit`, key)).body.amount as number;

describe('credit invoices', () => {
  it('credits a paid invoice in full: refunded original, money back as credit, then a credit note', async () => {
    const f = await account(t, {
      credit: 0,
      invoices: [{ status: 'paid', lines: [line(240, 'VPS Medium, 1 månad')] }],
    });
    const res = await t.post(
      `${V2}/invoices/${f.inv().id}/actions/credit`,
      { note: 'Tjänsten avslutades i förtid' },
      f.rw,
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'credit',
      status: 'paid',
      subtotal: -240,
      tax: -60,
      total: -300,
      dueAt: null,
      lines: [{ description: 'Kredit: VPS Medium, 1 månad', quantity: 1, unitAmount: -240, amount: -240, taxRate: 25 }],
      credit: {
        originalInvoiceId: f.inv().id,
        originalInvoiceNumber: f.inv().number,
        note: 'Tjänsten avslutades i förtid',
        detailsSource: 'current',
      },
      linkedInvoices: [{ id: f.inv().id, linkType: 'credited_invoice', total: 300 }],
    });
    expect(res.body.number).toMatch(/^\d{9}$/);
    const original = await t.get(`${V2}/invoices/${f.inv().id}`, f.rw);
    expect(original.body).toMatchObject({
      status: 'refunded',
      balance: 0,
      linkedInvoices: [{ id: res.body.id, linkType: 'credit_invoice', total: -300 }],
    });
    expect(await credit(f.rw)).toBe(300);
    const credits = await t.get(`${V2}/activity?kind=credit`, f.rw);
    expect(credits.body.data[0]).toMatchObject({ method: 'creditInvoice', amount: 300, invoiceId: f.inv().id });

    const note = await t.get(`${V2}/invoices/${f.inv().id}/credit-note`, f.rw);
    expect(note.body).toMatchObject({ contentType: 'application/pdf', filename: `credit-note-${f.inv().number}.pdf` });
    expect(Buffer.from(note.body.contentBase64, 'base64').byteLength).toBe(note.body.byteLength);
    const text = await pdfText(note.body.contentBase64);
    for (const expected of [
      'Kreditnota',
      'Säljare',
      'Köpare',
      'Fakturanummer',
      f.inv().number!,
      res.body.number,
      'Exempel AB',
      'Billing Example AB',
      'Moms',
      'Summa',
      '-240,00',
      '-60,00',
      '-300,00 SEK',
      'Tjänsten avslutades i förtid',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('credits chosen lines of an unpaid invoice: the balance goes down, then crediting the rest cancels it', async () => {
    const f = await account(t, { credit: 0, invoices: [{ status: 'unpaid', lines: [line(100, 'A'), line(60, 'B')] }] }); // 200.00
    const invoice = await t.get(`${V2}/invoices/${f.inv().id}`, f.rw);
    const [a, b] = invoice.body.lines;
    const part = await t.post(
      `${V2}/invoices/${f.inv().id}/actions/credit`,
      { lines: [{ lineId: a.id, amount: 40 }] },
      f.rw,
    );
    expect(part.body).toMatchObject({ total: -50, lines: [{ amount: -40, description: 'Kredit: A' }] });
    expect((await t.get(`${V2}/invoices/${f.inv().id}`, f.rw)).body).toMatchObject({
      status: 'unpaid',
      balance: 150,
      total: 200,
    });
    const tooMuch = await t.post(
      `${V2}/invoices/${f.inv().id}/actions/credit`,
      { lines: [{ lineId: a.id, amount: 60.01 }] },
      f.rw,
    );
    expect(tooMuch.body).toMatchObject({
      status: 422,
      code: 'credit_exceeds_creditable',
      detail: `Line ${a.id} has 60.00 SEK left to credit; 60.01 was asked.`,
    });
    const twice = await t.post(
      `${V2}/invoices/${f.inv().id}/actions/credit`,
      {
        lines: [
          { lineId: b.id, amount: 1 },
          { lineId: b.id, amount: 1 },
        ],
      },
      f.rw,
    );
    expect(twice.body).toMatchObject({
      status: 400,
      code: 'invalid_request',
      errors: [{ pointer: '/lines/1/lineId', code: 'invalid_value' }],
    });
    const rest = await t.post(`${V2}/invoices/${f.inv().id}/actions/credit`, {}, f.rw);
    expect(rest.body.lines.map((l: any) => [l.description, l.amount])).toEqual([
      ['Kredit: A', -60],
      ['Kredit: B', -60],
    ]);
    const after = await t.get(`${V2}/invoices/${f.inv().id}`, f.rw);
    expect(after.body).toMatchObject({ status: 'cancelled', balance: 0 });
    expect(after.body.linkedInvoices).toHaveLength(2);
    expect(await credit(f.rw)).toBe(0);
  });

  it('returns credit already applied to an unpaid invoice that is credited in full', async () => {
    const f = await account(t, { credit: 100 });
    await t.post(`${V2}/invoices/${f.inv().id}/actions/apply-credit`, { amount: 100 }, f.rw); // balance 25
    await t.post(`${V2}/invoices/${f.inv().id}/actions/credit`, {}, f.rw); // credits 125: 25 off the balance, 100 back
    expect(await credit(f.rw)).toBe(100);
    expect((await t.get(`${V2}/invoices/${f.inv().id}`, f.rw)).body.status).toBe('cancelled');
  });

  it('holds a credit invoice as a draft until finalize', async () => {
    const f = await account(t, { credit: 0, invoices: [{ status: 'paid', lines: [line(1200)] }] });
    const invoice = await t.get(`${V2}/invoices/${f.inv().id}`, f.rw);
    const held = await t.post(
      `${V2}/invoices/${f.inv().id}/actions/credit`,
      {
        note: 'Fel pris på första raden',
        lines: [{ lineId: invoice.body.lines[0].id, amount: 300 }],
        detailsSource: 'original',
        hold: true,
        deliveryDate: '2026-02-10',
      },
      f.rw,
    );
    expect(held.body).toMatchObject({
      status: 'draft',
      number: null,
      issuedAt: null,
      total: -375,
      credit: { detailsSource: 'original' },
    });
    expect(await credit(f.rw)).toBe(0);
    expect((await t.get(`${V2}/invoices/${held.body.id}/pdf`, f.rw)).body.code).toBe('invoice_is_draft');
    const issued = await t.post(`${V2}/invoices/${held.body.id}/actions/finalize`, undefined, f.rw);
    expect(issued.body).toMatchObject({ status: 'paid', total: -375 });
    expect(issued.body.number).toMatch(/^\d{9}$/);
    expect(await credit(f.rw)).toBe(375);
    expect((await t.get(`${V2}/invoices/${f.inv().id}`, f.rw)).body.status).toBe('paid'); // partly credited
    const again = await t.post(`${V2}/invoices/${held.body.id}/actions/finalize`, undefined, f.rw);
    expect(again.body.detail).toBe('Only draft invoices can be finalized. Current invoice status: paid.');
    const pdf = await pdfText((await t.get(`${V2}/invoices/${held.body.id}/pdf`, f.rw)).body.contentBase64);
    for (const expected of [
      'Kreditfaktura',
      issued.body.number,
      'Avser faktura',
      f.inv().number!,
      'Leveransdatum',
      '2026-02-10',
      '-300,00',
      '-375,00 SEK',
    ]) {
      expect(pdf).toContain(expected);
    }
  });

  it('refuses what cannot be credited', async () => {
    const f = await account(t, {
      invoices: [
        { status: 'draft', lines: [line()] },
        { status: 'payment_pending', lines: [line()] },
      ],
    });
    for (const i of [0, 1]) {
      const res = await t.post(`${V2}/invoices/${f.inv(i).id}/actions/credit`, {}, f.rw);
      expect(res.body).toMatchObject({ status: 409, code: 'invoice_not_creditable' });
      expect(res.body.detail).toContain(`Current invoice status: ${f.inv(i).status}`);
    }
    const paid = await account(t, { invoices: [{ status: 'paid', lines: [line()] }] });
    const creditInvoice = await t.post(`${V2}/invoices/${paid.inv().id}/actions/credit`, {}, paid.rw);
    const ofCredit = await t.post(`${V2}/invoices/${creditInvoice.body.id}/actions/credit`, {}, paid.rw);
    expect(ofCredit.body).toMatchObject({
      code: 'invoice_not_creditable',
      detail: 'A credit invoice cannot be credited.',
    });
    const nothing = await t.post(`${V2}/invoices/${paid.inv().id}/actions/credit`, {}, paid.rw);
    expect(nothing.body).toMatchObject({ status: 422, code: 'nothing_to_credit' });
  });
});

describe('credit notes and invoice PDFs', () => {
  it('exist only for business accounts and refunded or cancelled invoices', async () => {
    const personal = await account(t, { type: 'personal', invoices: [{ status: 'cancelled', lines: [line()] }] });
    const refused = await t.get(`${V2}/invoices/${personal.inv().id}/credit-note`, personal.rw);
    expect(refused.body).toMatchObject({
      status: 409,
      code: 'credit_note_unavailable',
      detail: 'Credit notes are only available for business accounts. This account is personal.',
    });
    const business = await account(t, {
      invoices: [
        { status: 'unpaid', lines: [line()] },
        { status: 'draft', lines: [line()] },
      ],
    });
    const unpaid = await t.get(`${V2}/invoices/${business.inv().id}/credit-note`, business.rw);
    expect(unpaid.body.detail).toBe(
      'A credit note exists only for a refunded or cancelled invoice. Current invoice status: unpaid.',
    );
    await t.post(`${V2}/invoices/${business.inv(1).id}/actions/cancel`, undefined, business.rw);
    const neverIssued = await t.get(`${V2}/invoices/${business.inv(1).id}/credit-note`, business.rw);
    expect(neverIssued.body).toMatchObject({ code: 'credit_note_unavailable' });
    expect(neverIssued.body.detail).toContain('Current invoice status: cancelled');
    await t.post(`${V2}/invoices/${business.inv().id}/actions/cancel`, undefined, business.rw);
    const note = await t.get(`${V2}/invoices/${business.inv().id}/credit-note`, business.rw);
    const text = await pdfText(note.body.contentBase64);
    expect(text).toContain('Kreditnota');
    expect(text).toContain('Makulerad');
    expect(text).toContain('-125,00 SEK');
  });

  it('renders the invoice PDF with Swedish labels, parties, lines and amounts', async () => {
    const f = await account(t, {
      credit: 30,
      invoices: [
        { status: 'unpaid', lines: [line(1200, 'Webbhotell Pro, 12 månader'), line(200, 'Domän exempel.se, 1 år')] },
      ],
    });
    await t.post(`${V2}/invoices/${f.inv().id}/actions/apply-credit`, {}, f.rw);
    const pdf = await t.get(`${V2}/invoices/${f.inv().id}/pdf`, f.rw);
    expect(pdf.body.filename).toBe(`invoice-${f.inv().number}.pdf`);
    expect(Buffer.from(pdf.body.contentBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf.body.contentBase64);
    for (const expected of [
      'Faktura',
      'Säljare',
      'Köpare',
      'Fakturanummer',
      f.inv().number!,
      'Datum',
      'Förfallodatum',
      'Webbhotell Pro, 12 månader',
      'Domän exempel.se, 1 år',
      '1 200,00',
      'Moms',
      '350,00',
      '1 750,00 SEK',
      'Avgår kredit',
      '-30,00',
      'Att betala',
      '1 720,00 SEK',
      'Org.nr 556677-8899',
    ]) {
      expect(text).toContain(expected);
    }
  });
});
