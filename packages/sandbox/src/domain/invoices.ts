// Invoices as the rules see them: lookup scoped to the account (another account's invoice is simply
// not found), creation with numbered lines and totals computed in minor units, numbering, and the
// derived values (balance, isOverdue) that are never stored.
import type { AccountRow, InvoiceKind, InvoiceRow, InvoiceStatus, LineRow, PartyDetails } from '../db/rows.js';
import { DAY_MS } from './clock.js';
import type { Ctx, Domain } from './context.js';
import { taxOf } from './money.js';
import { RuleError } from './rules.js';

/** The sandbox's seller (the hosting provider), printed on every document. */
export const SELLER: PartyDetails['seller'] = {
  name: 'Billing Example AB',
  orgNumber: '556000-0000',
  address: 'Exempelgatan 1, 111 22 Stockholm',
  vatNumber: 'SE556000000001',
};

const OPEN: ReadonlySet<InvoiceStatus> = new Set(['draft', 'unpaid', 'payment_pending', 'collections']);

/** What is still due: total minus credit applied, payments and credit invoices; 0 once settled. */
export function balanceOf(invoice: InvoiceRow): number {
  if (invoice.kind === 'credit' || !OPEN.has(invoice.status)) return 0;
  return Math.max(
    0,
    invoice.total_minor - invoice.credit_applied_minor - invoice.amount_paid_minor - invoice.credited_minor,
  );
}

export type PaymentStatus = 'unpaid' | 'partially_paid' | 'paid';

/**
 * Derived, never stored: how much of what is owed was received. Owed is the total less what credit
 * invoices took off it; received is money paid plus account credit applied. A credit invoice is paid
 * once issued (its amount went to the original's balance or the credit balance). Nothing is ever
 * "overpaid": crediting an invoice that was paid returns the excess to the credit balance.
 */
export function paymentStatusOf(invoice: InvoiceRow): PaymentStatus {
  if (invoice.kind === 'credit') return invoice.status === 'paid' ? 'paid' : 'unpaid';
  const received = invoice.credit_applied_minor + invoice.amount_paid_minor;
  if (invoice.status === 'draft' || received <= 0) return 'unpaid';
  return received >= invoice.total_minor - invoice.credited_minor ? 'paid' : 'partially_paid';
}

/** Derived, never stored: unpaid and past due on the sandbox clock. */
export function isOverdue(domain: Domain, invoice: InvoiceRow): boolean {
  return invoice.status === 'unpaid' && invoice.due_at !== null && invoice.due_at < domain.clock.iso();
}

export async function getAccount(ctx: Ctx, accountId: string): Promise<AccountRow> {
  const account = await ctx.tx.accounts.get(accountId);
  if (!account) throw new Error(`account ${accountId} vanished`);
  return account;
}

/** The account's invoice by v2 id; 404 for unknown ids and for other accounts' invoices alike. */
export async function findInvoice(ctx: Ctx, accountId: string, id: string): Promise<InvoiceRow> {
  const row = await ctx.tx.invoices.ofAccount(accountId, { id });
  if (!row) throw new RuleError('invoice_not_found', { id });
  return row;
}

/** The account's invoice by v1 numeric id. */
export async function findInvoiceByLegacyId(ctx: Ctx, accountId: string, legacyId: number): Promise<InvoiceRow> {
  const row = await ctx.tx.invoices.ofAccount(accountId, { legacyId });
  if (!row) throw new RuleError('invoice_not_found', { id: String(legacyId) });
  return row;
}

export async function reload(ctx: Ctx, id: string): Promise<InvoiceRow> {
  const row = await ctx.tx.invoices.get(id);
  if (!row) throw new Error(`invoice ${id} vanished`);
  return row;
}

export function linesOf(ctx: Ctx, invoiceId: string): Promise<LineRow[]> {
  return ctx.tx.lines.ofInvoice(invoiceId);
}

/** Credit invoices that point at an invoice, oldest first. */
export function creditInvoicesOf(ctx: Ctx, invoiceId: string): Promise<InvoiceRow[]> {
  return ctx.tx.invoices.creditsOf(invoiceId);
}

/**
 * The next free invoice number of the sandbox clock's year: `2026` + five digits. Numbers the demo
 * data took from the spec's examples are skipped, so a number is never given twice.
 */
export async function nextInvoiceNumber(ctx: Ctx): Promise<string> {
  const year = ctx.clock.now().getUTCFullYear();
  for (;;) {
    const value = await ctx.tx.counters.next(`invoice_number_${year}`);
    const number = `${year}${String(value).padStart(5, '0')}`;
    if (!(await ctx.tx.invoices.numberTaken(number))) return number;
  }
}

export function partyDetails(account: AccountRow): PartyDetails {
  return {
    seller: SELLER,
    buyer: { name: account.name, orgNumber: account.org_number, address: account.address, email: account.email },
  };
}

export interface NewLine {
  description: string;
  quantity: number;
  unitAmountMinor: number;
  taxRateBp: number;
  creditsLineId?: string;
}

/** Ids given instead of generated ones (the demo data takes them from the spec's examples). */
export interface FixedInvoiceIds {
  id: string;
  legacyId?: number;
  number?: string | null;
  lines?: Array<{ id: string; legacyId?: number | undefined }>;
}

export interface NewInvoice {
  accountId: string;
  fixed?: FixedInvoiceIds;
  kind: InvoiceKind;
  /** `draft` invoices get no number and no dates. */
  status: InvoiceStatus;
  lines: NewLine[];
  /** Issue time (defaults to now); due date = issue + dueInDays (not for credit invoices). */
  issuedAt?: string;
  dueInDays?: number;
  /** An exact due date instead of `dueInDays`. */
  dueAt?: string | null;
  originalInvoiceId?: string;
  note?: string | null;
  detailsSource?: 'current' | 'original';
  deliveryDate?: string | null;
}

/** Stores an invoice and its lines; totals are the sums of the lines (tax per line). */
export async function createInvoice(ctx: Ctx, input: NewInvoice): Promise<InvoiceRow> {
  const account = await getAccount(ctx, input.accountId);
  const id = input.fixed?.id ?? ctx.ids.id('inv');
  const lines = input.lines.map((line, position) => {
    const amount = line.quantity * line.unitAmountMinor;
    const fixed = input.fixed?.lines?.[position];
    return {
      legacy_id: fixed?.legacyId,
      id: fixed?.id ?? ctx.ids.id('line'),
      invoice_id: id,
      position,
      description: line.description,
      quantity: line.quantity,
      unit_amount_minor: line.unitAmountMinor,
      amount_minor: amount,
      tax_rate_bp: line.taxRateBp,
      tax_minor: taxOf(amount, line.taxRateBp),
      credits_line_id: line.creditsLineId ?? null,
    };
  });
  const subtotal = lines.reduce((sum, l) => sum + l.amount_minor, 0);
  const tax = lines.reduce((sum, l) => sum + l.tax_minor, 0);
  const draft = input.status === 'draft';
  const issuedAt = draft ? null : (input.issuedAt ?? ctx.clock.iso());
  const dueAt =
    draft || input.kind === 'credit' || issuedAt === null
      ? null
      : (input.dueAt ?? new Date(Date.parse(issuedAt) + (input.dueInDays ?? 30) * DAY_MS).toISOString());
  return ctx.tx.invoices.insert(
    {
      legacy_id: input.fixed?.legacyId,
      id,
      account_id: account.id,
      number: draft ? null : (input.fixed?.number ?? (await nextInvoiceNumber(ctx))),
      kind: input.kind,
      status: input.status,
      currency: account.currency,
      subtotal_minor: subtotal,
      tax_minor: tax,
      total_minor: subtotal + tax,
      credit_applied_minor: 0,
      amount_paid_minor: 0,
      credited_minor: 0,
      issued_at: issuedAt,
      due_at: dueAt,
      paid_at: null,
      created_at: ctx.clock.iso(),
      original_invoice_id: input.originalInvoiceId ?? null,
      credit_note: input.note ?? null,
      details_source: input.kind === 'credit' ? (input.detailsSource ?? 'current') : null,
      delivery_date: input.deliveryDate ?? null,
      details_json: JSON.stringify(partyDetails(account)),
    },
    lines,
  );
}

/** Gives a draft its number and issue date (and a due date unless it is a credit invoice). */
export async function issueDraft(ctx: Ctx, invoice: InvoiceRow, dueInDays = 30): Promise<InvoiceRow> {
  await ctx.tx.invoices.update(invoice.id, {
    number: await nextInvoiceNumber(ctx),
    issued_at: ctx.clock.iso(),
    due_at: invoice.kind === 'credit' ? null : ctx.clock.iso(dueInDays * DAY_MS),
    status: 'unpaid',
  });
  return reload(ctx, invoice.id);
}

export async function setStatus(
  ctx: Ctx,
  invoiceId: string,
  status: InvoiceStatus,
  paidAt?: string | null,
): Promise<void> {
  await ctx.tx.invoices.update(invoiceId, paidAt === undefined ? { status } : { status, paid_at: paidAt });
}
