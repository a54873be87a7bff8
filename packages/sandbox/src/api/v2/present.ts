// v2 shapes of the sandbox's rows: the resource itself, amounts as numbers in major units beside
// `currencyCode`, prefixed ids, timestamps ending in `At`.
import type { SandboxContext } from '../../context.js';
import { balanceOf, creditInvoicesOf, isOverdue, linesOf, reload } from '../../domain/invoices.js';
import { paymentUrl } from '../../domain/payment-links.js';
import type { CardRow, InvoiceRow, LedgerRow, LinkRow } from '../../domain/rows.js';
import { minorToMajor as major } from '../../money.js';

export function invoiceSummary(invoice: InvoiceRow) {
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

function linked(invoice: InvoiceRow, linkType: 'credit_invoice' | 'credited_invoice') {
  return {
    id: invoice.id,
    number: invoice.number,
    linkType,
    total: major(invoice.total_minor),
    issuedAt: invoice.issued_at,
  };
}

export function invoice(ctx: SandboxContext, row: InvoiceRow) {
  const original = row.original_invoice_id ? reload(ctx, row.original_invoice_id) : undefined;
  return {
    id: row.id,
    legacyId: String(row.legacy_id),
    number: row.number,
    kind: row.kind,
    status: row.status,
    currencyCode: row.currency,
    lines: linesOf(ctx, row.id).map((l) => ({
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
            detailsSource: row.details_source ?? 'current',
          },
        }
      : {}),
    linkedInvoices: original
      ? [linked(original, 'credited_invoice')]
      : creditInvoicesOf(ctx, row.id).map((c) => linked(c, 'credit_invoice')),
  };
}

export function paymentLink(ctx: SandboxContext, link: LinkRow, reused: boolean, row: InvoiceRow) {
  return {
    linkId: link.uuid,
    paymentUrl: paymentUrl(ctx, link.uuid),
    expiresAt: link.expires_at,
    reused,
    invoice: invoiceSummary(row),
  };
}

export function activityEntry(ctx: SandboxContext, entry: LedgerRow, currency: string) {
  const row = entry.invoice_id ? reload(ctx, entry.invoice_id) : undefined;
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

export function card(row: CardRow) {
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
