// v2 shapes of the sandbox's rows, typed with the spec's generated schema types: the resource
// itself, amounts as numbers in major units beside `currencyCode`, prefixed ids, timestamps ending
// in `At`. Presenters read what the shape needs through the call's store transaction.
import type {
  ActivityEntry,
  Card,
  Invoice,
  InvoiceSummary,
  LinkedInvoice,
  PaymentLink,
  PdfDocument,
} from '@billing-api/types';
import type { CardRow, InvoiceRow, LedgerRow, LinkRow } from '../../db/rows.js';
import type { Ctx } from '../../domain/context.js';
import type { PdfFile } from '../../domain/documents.js';
import { balanceOf, creditInvoicesOf, isOverdue, linesOf, paymentStatusOf } from '../../domain/invoices.js';
import { minorToMajor as major } from '../../domain/money.js';
import { paymentUrl } from '../../domain/payment-links.js';

export function invoiceSummary(invoice: InvoiceRow): InvoiceSummary {
  return {
    id: invoice.id,
    number: invoice.number,
    total: major(invoice.total_minor),
    balance: major(balanceOf(invoice)),
    currencyCode: invoice.currency,
    dueAt: invoice.due_at,
    status: invoice.status,
  };
}

function linked(invoice: InvoiceRow, linkType: LinkedInvoice['linkType']): LinkedInvoice {
  return {
    id: invoice.id,
    number: invoice.number,
    linkType,
    total: major(invoice.total_minor),
    issuedAt: invoice.issued_at,
  };
}

export async function invoice(ctx: Ctx, row: InvoiceRow): Promise<Invoice> {
  const original = row.original_invoice_id ? await ctx.tx.invoices.get(row.original_invoice_id) : undefined;
  const lines = await linesOf(ctx, row.id);
  return {
    id: row.id,
    legacyId: String(row.legacy_id),
    number: row.number,
    kind: row.kind,
    status: row.status,
    paymentStatus: paymentStatusOf(row),
    currencyCode: row.currency,
    lines: lines.map((l) => ({
      id: l.id,
      description: l.description,
      quantity: l.quantity,
      unitAmount: major(l.unit_amount_minor),
      amount: major(l.amount_minor),
      taxRate: l.tax_rate_bp / 100,
    })),
    subtotal: major(row.subtotal_minor),
    tax: major(row.tax_minor),
    total: major(row.total_minor),
    creditApplied: major(row.credit_applied_minor),
    amountPaid: major(row.amount_paid_minor),
    balance: major(balanceOf(row)),
    issuedAt: row.issued_at,
    dueAt: row.due_at,
    paidAt: row.paid_at,
    isOverdue: isOverdue(ctx, row),
    ...(row.kind === 'credit' && original
      ? {
          credit: {
            originalInvoiceId: original.id,
            originalInvoiceNumber: original.number,
            note: row.credit_note,
            deliveryDate: row.delivery_date,
            detailsSource: row.details_source ?? 'current',
          },
        }
      : {}),
    linkedInvoices: original
      ? [linked(original, 'credited_invoice')]
      : (await creditInvoicesOf(ctx, row.id)).map((c) => linked(c, 'credit_invoice')),
  };
}

export function paymentLink(ctx: Ctx, link: LinkRow, reused: boolean, row: InvoiceRow): PaymentLink {
  return {
    linkId: link.uuid,
    paymentUrl: paymentUrl(ctx, link.uuid),
    expiresAt: link.expires_at,
    reused,
    invoice: invoiceSummary(row),
  };
}

export async function activityEntry(ctx: Ctx, entry: LedgerRow, currency: string): Promise<ActivityEntry> {
  const row = entry.invoice_id ? await ctx.tx.invoices.get(entry.invoice_id) : undefined;
  return {
    id: entry.id,
    kind: entry.kind,
    description: entry.description,
    method: entry.method,
    amount: major(entry.amount_minor),
    currencyCode: currency,
    createdAt: entry.created_at,
    invoiceId: row?.id ?? null,
    invoiceNumber: row?.number ?? null,
  };
}

export function card(row: CardRow): Card {
  return {
    id: row.id,
    brand: row.brand,
    last4: row.last4,
    expMonth: row.exp_month,
    expYear: row.exp_year,
    cardholderName: row.cardholder_name,
    isPrimary: row.is_primary === 1,
    addedAt: row.added_at,
  };
}

export function pdfDocument(file: PdfFile): PdfDocument {
  return {
    contentBase64: Buffer.from(file.bytes).toString('base64'),
    contentType: 'application/pdf',
    filename: file.filename,
    byteLength: file.bytes.byteLength,
  };
}
