// v1 shapes of the sandbox's rows, typed with the spec's generated schema types: numeric string ids,
// decimal-string amounts, title-case statuses (the spec's InvoiceStatusV1 spelling, see spec.ts),
// lower-case legacy field names.
import type { CardV1, CreditLogEntryV1, InvoiceV1, OperationId, ResponseBody, StatusOf } from '@billing-api/types';
import type { CardRow, InvoiceRow, LedgerRow } from '../../db/rows.js';
import type { Ctx } from '../../domain/context.js';
import { balanceOf, linesOf, paymentStatusOf } from '../../domain/invoices.js';
import { minorToDecimal as dec } from '../../domain/money.js';
import { isExpired } from '../../domain/payments.js';
import type { SpecCatalog } from '../spec.js';

type DataOf<Id extends OperationId> = ResponseBody<Id, 200 & StatusOf<Id>> extends { data: infer D } ? D : never;
type LinkPage = DataOf<'getPaymentLinkV1'>['invoice'];

type StatusV1 = InvoiceV1['status'];

export async function invoice(ctx: Ctx, catalog: SpecCatalog, row: InvoiceRow): Promise<InvoiceV1> {
  return {
    id: String(row.legacy_id),
    publicId: row.id,
    formatted_id: row.number,
    type: row.kind,
    status: catalog.statusV1(row.status) as StatusV1,
    paymentstatus: catalog.paymentStatusV1(paymentStatusOf(row)) as InvoiceV1['paymentstatus'],
    date: row.issued_at,
    duedate: row.due_at,
    datepaid: row.paid_at,
    currency: row.currency,
    subtotal: dec(row.subtotal_minor),
    tax: dec(row.tax_minor),
    total: dec(row.total_minor),
    credit: dec(row.credit_applied_minor),
    amountpaid: dec(row.amount_paid_minor),
    balance: dec(balanceOf(row)),
    items: (await linesOf(ctx, row.id)).map((l) => ({
      id: String(l.legacy_id),
      description: l.description,
      quantity: l.quantity,
      amount: dec(l.amount_minor),
      taxrate: dec(l.tax_rate_bp),
    })),
  };
}

/** The payer-facing page of a payment link. */
export async function linkPage(ctx: Ctx, catalog: SpecCatalog, row: InvoiceRow): Promise<LinkPage> {
  return {
    id: String(row.legacy_id),
    number: row.number ?? '',
    status: catalog.statusV1(row.status) as StatusV1,
    currency: row.currency,
    total: dec(row.total_minor),
    creditApplied: dec(row.credit_applied_minor),
    amountPaid: dec(row.amount_paid_minor),
    outstanding: dec(balanceOf(row)),
    dueDate: row.due_at,
    items: (await linesOf(ctx, row.id)).map((l) => ({
      description: l.description,
      quantity: l.quantity,
      amount: dec(l.amount_minor),
    })),
  };
}

const CARD_TYPES: Record<CardRow['brand'], CardV1['cardtype']> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  other: 'Other',
};

export function card(row: CardRow, now: Date): CardV1 {
  return {
    id: String(row.legacy_id),
    cardtype: CARD_TYPES[row.brand],
    last4: row.last4,
    expirymonth: String(row.exp_month).padStart(2, '0'),
    expiryyear: String(row.exp_year),
    primary: row.is_primary === 1,
    status: isExpired(row, now) ? 'Expired' : 'Active',
  };
}

/** The v1 ledger wording (English, as the legacy system printed it). */
function describe(entry: LedgerRow, number: string): string {
  switch (entry.method) {
    case 'accountCredit':
      return `Credit Applied to Invoice #${number}`;
    case 'addFunds':
      return `Add Funds Invoice #${number}`;
    case 'creditInvoice':
      return `Credit Invoice Refund for Invoice #${number}`;
    default:
      return entry.amount_minor >= 0 ? `Credit Returned from Invoice #${number}` : `Credit Removed, Invoice #${number}`;
  }
}

export async function creditLogEntry(ctx: Ctx, entry: LedgerRow): Promise<CreditLogEntryV1> {
  const row = entry.invoice_id ? await ctx.tx.invoices.get(entry.invoice_id) : undefined;
  return {
    id: String(entry.legacy_id),
    date: entry.created_at,
    description: describe(entry, row?.number ?? ''),
    amount: dec(entry.amount_minor),
    invoiceId: row ? String(row.legacy_id) : null,
  };
}
