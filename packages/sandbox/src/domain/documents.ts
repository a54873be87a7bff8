// What goes on an invoice PDF and on a credit note, and when a credit note exists at all (business
// accounts only, and only for refunded or cancelled invoices that were issued).
import type { InvoiceRow, PartyDetails } from '../db/rows.js';
import type { Ctx } from './context.js';
import { balanceOf, creditInvoicesOf, getAccount, linesOf, partyDetails, reload } from './invoices.js';
import { type DocumentLine, type DocumentModel, renderPdf } from './pdf/render.js';
import { RuleError } from './rules.js';

export interface PdfFile {
  bytes: Uint8Array;
  filename: string;
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '-');

async function lineModels(ctx: Ctx, invoiceId: string, sign = 1): Promise<DocumentLine[]> {
  return (await linesOf(ctx, invoiceId)).map((l) => ({
    description: l.description,
    quantity: l.quantity,
    unitMinor: sign * l.unit_amount_minor,
    amountMinor: sign * l.amount_minor,
    taxRateBp: l.tax_rate_bp,
  }));
}

async function parties(ctx: Ctx, invoice: InvoiceRow): Promise<PartyDetails> {
  // `detailsSource: original` prints the details as they were on the original invoice.
  if (invoice.kind === 'credit' && invoice.details_source === 'original' && invoice.original_invoice_id) {
    return JSON.parse((await reload(ctx, invoice.original_invoice_id)).details_json) as PartyDetails;
  }
  if (invoice.kind === 'credit') return partyDetails(await getAccount(ctx, invoice.account_id));
  return JSON.parse(invoice.details_json) as PartyDetails;
}

export async function invoicePdf(ctx: Ctx, invoice: InvoiceRow): Promise<PdfFile> {
  if (invoice.status === 'draft' || !invoice.number)
    throw new RuleError('invoice_is_draft', { status: invoice.status });
  const { seller, buyer } = await parties(ctx, invoice);
  const original = invoice.original_invoice_id ? await reload(ctx, invoice.original_invoice_id) : undefined;
  const facts: Array<[string, string]> = [
    ['Fakturanummer', invoice.number],
    ['Datum', day(invoice.issued_at)],
    ['Förfallodatum', day(invoice.due_at)],
  ];
  if (original) facts.push(['Avser faktura', original.number ?? '-']);
  if (invoice.delivery_date) facts.push(['Leveransdatum', invoice.delivery_date]);
  const totals: Array<[string, number]> = [
    ['Summa exkl. moms', invoice.subtotal_minor],
    ['Moms', invoice.tax_minor],
    ['Summa', invoice.total_minor],
  ];
  if (invoice.credit_applied_minor > 0) totals.push(['Avgår kredit', -invoice.credit_applied_minor]);
  if (invoice.amount_paid_minor > 0) totals.push(['Betalt', -invoice.amount_paid_minor]);
  totals.push(['Att betala', balanceOf(invoice)]);
  const model: DocumentModel = {
    title: invoice.kind === 'credit' ? 'Kreditfaktura' : 'Faktura',
    facts,
    seller,
    buyer,
    currency: invoice.currency,
    lines: await lineModels(ctx, invoice.id),
    totals,
    note: invoice.credit_note,
    createdAt: ctx.clock.now(),
  };
  return { bytes: await renderPdf(model), filename: `invoice-${invoice.number}.pdf` };
}

export async function creditNotePdf(ctx: Ctx, invoice: InvoiceRow): Promise<PdfFile> {
  const account = await getAccount(ctx, invoice.account_id);
  if (account.type !== 'business') throw new RuleError('credit_note_not_business', { accountType: account.type });
  if (invoice.status !== 'refunded' && invoice.status !== 'cancelled')
    throw new RuleError('credit_note_wrong_status', { status: invoice.status });
  if (!invoice.number)
    throw new RuleError('credit_note_wrong_status', {
      status: invoice.status,
      reason: 'it was cancelled before it was issued',
    });
  const credits = (await creditInvoicesOf(ctx, invoice.id)).filter((c) => c.status === 'paid');
  // Credited lines: those of the issued credit invoices, or the whole invoice when it was cancelled.
  const lines =
    credits.length > 0
      ? (await Promise.all(credits.map((c) => lineModels(ctx, c.id)))).flat()
      : await lineModels(ctx, invoice.id, -1);
  const subtotal = lines.reduce((sum, l) => sum + l.amountMinor, 0);
  const tax = credits.length > 0 ? credits.reduce((sum, c) => sum + c.tax_minor, 0) : -invoice.tax_minor;
  const { seller, buyer } = JSON.parse(invoice.details_json) as PartyDetails;
  const notes = credits.map((c) => c.credit_note).filter((n): n is string => Boolean(n));
  const model: DocumentModel = {
    title: 'Kreditnota',
    facts: [
      ['Fakturanummer', invoice.number],
      ['Datum', day(credits.at(-1)?.issued_at ?? ctx.clock.iso())],
      ['Förfallodatum', day(invoice.due_at)],
      ['Kreditfakturor', credits.map((c) => c.number ?? '').join(', ') || '-'],
      ['Status', invoice.status === 'refunded' ? 'Återbetald' : 'Makulerad'],
    ],
    seller,
    buyer,
    currency: invoice.currency,
    lines,
    totals: [
      ['Summa exkl. moms', subtotal],
      ['Moms', tax],
      ['Summa', subtotal + tax],
    ],
    note: notes.join(' / ') || null,
    createdAt: ctx.clock.now(),
  };
  return { bytes: await renderPdf(model), filename: `credit-note-${invoice.number}.pdf` };
}
