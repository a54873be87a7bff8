// Invoices as the rules see them: lookup scoped to the account (another account's invoice is simply
// not found), creation with numbered lines and totals computed in minor units, numbering, and the
// derived values (balance, isOverdue) that are never stored.

import { DAY_MS } from '../clock.js';
import type { SandboxContext } from '../context.js';
import { taxOf } from '../money.js';
import type { AccountRow, InvoiceKind, InvoiceRow, InvoiceStatus, LineRow, PartyDetails } from './rows.js';
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

/** Derived, never stored: unpaid and past due on the sandbox clock. */
export function isOverdue(ctx: SandboxContext, invoice: InvoiceRow): boolean {
  return invoice.status === 'unpaid' && invoice.due_at !== null && invoice.due_at < ctx.clock.iso();
}

export function getAccount(ctx: SandboxContext, accountId: string): AccountRow {
  const account = ctx.db.prepare('SELECT * FROM accounts WHERE id = ?').get(accountId) as AccountRow | undefined;
  if (!account) throw new Error(`account ${accountId} vanished`);
  return account;
}

/** The account's invoice by v2 id; 404 for unknown ids and for other accounts' invoices alike. */
export function findInvoice(ctx: SandboxContext, accountId: string, id: string): InvoiceRow {
  const row = ctx.db.prepare('SELECT * FROM invoices WHERE id = ? AND account_id = ?').get(id, accountId) as
    | InvoiceRow
    | undefined;
  if (!row) throw new RuleError('invoice_not_found', { id });
  return row;
}

/** The account's invoice by v1 numeric id. */
export function findInvoiceByLegacyId(ctx: SandboxContext, accountId: string, legacyId: number): InvoiceRow {
  const row = ctx.db
    .prepare('SELECT * FROM invoices WHERE legacy_id = ? AND account_id = ?')
    .get(legacyId, accountId) as InvoiceRow | undefined;
  if (!row) throw new RuleError('invoice_not_found', { id: String(legacyId) });
  return row;
}

export function reload(ctx: SandboxContext, id: string): InvoiceRow {
  return ctx.db.prepare('SELECT * FROM invoices WHERE id = ?').get(id) as InvoiceRow;
}

export function linesOf(ctx: SandboxContext, invoiceId: string): LineRow[] {
  return ctx.db
    .prepare('SELECT * FROM invoice_lines WHERE invoice_id = ? ORDER BY position')
    .all(invoiceId) as LineRow[];
}

/** Credit invoices that point at an invoice, oldest first. */
export function creditInvoicesOf(ctx: SandboxContext, invoiceId: string): InvoiceRow[] {
  return ctx.db
    .prepare('SELECT * FROM invoices WHERE original_invoice_id = ? ORDER BY legacy_id')
    .all(invoiceId) as InvoiceRow[];
}

/**
 * The next free invoice number of the sandbox clock's year: `2026` + five digits. Numbers the demo
 * data took from the spec's examples are skipped, so a number is never given twice.
 */
export function nextInvoiceNumber(ctx: SandboxContext): string {
  const year = ctx.clock.now().getUTCFullYear();
  const name = `invoice_number_${year}`;
  ctx.db.prepare('INSERT INTO counters (name, value) VALUES (?, 0) ON CONFLICT (name) DO NOTHING').run(name);
  for (;;) {
    ctx.db.prepare('UPDATE counters SET value = value + 1 WHERE name = ?').run(name);
    const value = ctx.db.prepare('SELECT value FROM counters WHERE name = ?').pluck().get(name) as number;
    const number = `${year}${String(value).padStart(5, '0')}`;
    if (!ctx.db.prepare('SELECT 1 FROM invoices WHERE number = ?').pluck().get(number)) return number;
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

/** Inserts an invoice and its lines; totals are the sums of the lines (tax per line). Call inside a transaction. */
export function createInvoice(ctx: SandboxContext, input: NewInvoice): InvoiceRow {
  const account = getAccount(ctx, input.accountId);
  const id = input.fixed?.id ?? ctx.ids.id('inv');
  const lines = input.lines.map((line, position) => {
    const amount = line.quantity * line.unitAmountMinor;
    const fixed = input.fixed?.lines?.[position];
    return {
      ...line,
      position,
      amount,
      tax: taxOf(amount, line.taxRateBp),
      id: fixed?.id ?? ctx.ids.id('line'),
      legacyId: fixed?.legacyId ?? null,
    };
  });
  const subtotal = lines.reduce((sum, l) => sum + l.amount, 0);
  const tax = lines.reduce((sum, l) => sum + l.tax, 0);
  const draft = input.status === 'draft';
  const issuedAt = draft ? null : (input.issuedAt ?? ctx.clock.iso());
  const dueAt =
    draft || input.kind === 'credit' || issuedAt === null
      ? null
      : (input.dueAt ?? new Date(Date.parse(issuedAt) + (input.dueInDays ?? 30) * DAY_MS).toISOString());
  ctx.db
    .prepare(
      `INSERT INTO invoices (legacy_id, id, account_id, number, kind, status, currency, subtotal_minor, tax_minor, total_minor,
        issued_at, due_at, created_at, original_invoice_id, credit_note, details_source, delivery_date, details_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      input.fixed?.legacyId ?? null,
      id,
      account.id,
      draft ? null : (input.fixed?.number ?? nextInvoiceNumber(ctx)),
      input.kind,
      input.status,
      account.currency,
      subtotal,
      tax,
      subtotal + tax,
      issuedAt,
      dueAt,
      ctx.clock.iso(),
      input.originalInvoiceId ?? null,
      input.note ?? null,
      input.kind === 'credit' ? (input.detailsSource ?? 'current') : null,
      input.deliveryDate ?? null,
      JSON.stringify(partyDetails(account)),
    );
  const insertLine = ctx.db.prepare(
    `INSERT INTO invoice_lines (legacy_id, id, invoice_id, position, description, quantity, unit_amount_minor, amount_minor, tax_rate_bp, tax_minor, credits_line_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const l of lines) {
    insertLine.run(
      l.legacyId,
      l.id,
      id,
      l.position,
      l.description,
      l.quantity,
      l.unitAmountMinor,
      l.amount,
      l.taxRateBp,
      l.tax,
      l.creditsLineId ?? null,
    );
  }
  return reload(ctx, id);
}

/** Gives a draft its number and issue date (and a due date unless it is a credit invoice). */
export function issueDraft(ctx: SandboxContext, invoice: InvoiceRow, dueInDays = 30): InvoiceRow {
  const issuedAt = ctx.clock.iso();
  const dueAt = invoice.kind === 'credit' ? null : ctx.clock.iso(dueInDays * DAY_MS);
  ctx.db
    .prepare(`UPDATE invoices SET number = ?, issued_at = ?, due_at = ?, status = 'unpaid' WHERE id = ?`)
    .run(nextInvoiceNumber(ctx), issuedAt, dueAt, invoice.id);
  return reload(ctx, invoice.id);
}

export function setStatus(ctx: SandboxContext, invoiceId: string, status: InvoiceStatus, paidAt?: string | null): void {
  if (paidAt === undefined) ctx.db.prepare('UPDATE invoices SET status = ? WHERE id = ?').run(status, invoiceId);
  else ctx.db.prepare('UPDATE invoices SET status = ?, paid_at = ? WHERE id = ?').run(status, paidAt, invoiceId);
}
