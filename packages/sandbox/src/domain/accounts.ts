// Creating accounts with their keys, cards and invoices in any status, by driving the same rules the
// API uses (a paid invoice is paid through a settled card payment, a refunded one is credited in
// full, ...), so demo and test data is always state the API itself could have produced.

import { DAY_MS } from '../clock.js';
import type { SandboxContext } from '../context.js';
import { majorToMinor } from '../money.js';
import { applyCredit } from './apply-credit.js';
import { cancelInvoice } from './cancel.js';
import { createCreditInvoice } from './credit-invoices.js';
import { balanceOf, createInvoice, type FixedInvoiceIds, reload, setStatus } from './invoices.js';
import { moveCredit, record } from './ledger.js';
import type { AccountType, InvoiceKind, InvoiceRow } from './rows.js';
import { markPaid } from './settle.js';

export const SCOPES = { readWrite: ['read:billing', 'write:billing'], readOnly: ['read:billing'] } as const;

export type SeedStatus = 'draft' | 'unpaid' | 'payment_pending' | 'paid' | 'cancelled' | 'refunded' | 'collections';

export interface InvoiceSpec {
  kind?: Exclude<InvoiceKind, 'credit'>;
  status?: SeedStatus;
  /** Lines in major units and percent; defaults to one 25 % line of 100.00. */
  lines?: Array<{ description: string; quantity?: number; unitAmount: number; taxRate?: number }>;
  /** Days since issue (default 0) and days from issue to due date (default 30). */
  issuedDaysAgo?: number;
  dueInDays?: number;
}

export interface AccountSpec {
  type?: AccountType;
  currency?: string;
  /** Credit balance in major units. */
  credit?: number;
  name?: string;
  email?: string;
  country?: string;
  orgNumber?: string | null;
  address?: string;
  cards?: Array<{
    brand?: 'visa' | 'mastercard' | 'amex' | 'other';
    last4: string;
    expMonth?: number;
    expYear?: number;
    cardholderName?: string | null;
    primary?: boolean;
  }>;
  invoices?: InvoiceSpec[];
  /** Keys to create, by label (default: readWrite and readOnly). */
  keys?: Record<string, string[]>;
}

/**
 * What the demo data fixes instead of generating or computing (the ids and dates of the spec's
 * examples), by position of the card or invoice in the AccountSpec. Not part of the control API.
 */
export interface FixedIdentity {
  accountId?: string;
  cards?: Array<{ id: string; legacyId?: number | undefined; addedAt?: string } | undefined>;
  invoices?: Array<FixedInvoice | undefined>;
}

export interface FixedInvoice {
  ids: FixedInvoiceIds;
  issuedAt?: string;
  dueAt?: string | null;
  paidAt?: string;
  /** Of a paid invoice: the part paid with account credit (the rest by card). */
  creditAppliedMinor?: number;
}

export interface CreatedAccount {
  accountId: string;
  type: AccountType;
  keys: Record<string, string>;
  cards: Array<{ id: string; legacyId: string; last4: string }>;
  invoices: Array<{ id: string; legacyId: string; number: string | null; kind: string; status: string }>;
}

/** Pays what is still due by card (a settled payment), and marks the invoice paid. */
function settleAsPaid(ctx: SandboxContext, invoice: InvoiceRow, paidAt?: string): InvoiceRow {
  const due = balanceOf(invoice);
  ctx.db.prepare('UPDATE invoices SET amount_paid_minor = amount_paid_minor + ? WHERE id = ?').run(due, invoice.id);
  record(ctx, {
    accountId: invoice.account_id,
    kind: 'transaction',
    method: 'card',
    description: `Kortbetalning, faktura ${invoice.number ?? ''}`,
    amountMinor: due,
    invoice,
  });
  return markPaid(ctx, reload(ctx, invoice.id), { email: false, ...(paidAt ? { paidAt } : {}) });
}

function createSeedInvoice(
  ctx: SandboxContext,
  accountId: string,
  spec: InvoiceSpec,
  fixed: FixedInvoice | undefined,
): InvoiceRow {
  const status = spec.status ?? 'unpaid';
  const lines = (spec.lines ?? [{ description: 'Webbhotell Bas, 1 månad', unitAmount: 100, taxRate: 25 }]).map((l) => ({
    description: l.description,
    quantity: l.quantity ?? 1,
    unitAmountMinor: majorToMinor(l.unitAmount),
    taxRateBp: Math.round((l.taxRate ?? 25) * 100),
  }));
  const invoice = createInvoice(ctx, {
    accountId,
    kind: spec.kind ?? 'standard',
    status: status === 'draft' ? 'draft' : 'unpaid',
    lines,
    issuedAt: fixed?.issuedAt ?? ctx.clock.iso(-(spec.issuedDaysAgo ?? 0) * DAY_MS),
    dueInDays: spec.dueInDays ?? 30,
    ...(fixed ? { fixed: fixed.ids } : {}),
    ...(fixed?.dueAt !== undefined ? { dueAt: fixed.dueAt } : {}),
  });
  switch (status) {
    case 'draft':
    case 'unpaid':
      return invoice;
    case 'payment_pending': {
      const card = ctx.db
        .prepare('SELECT id FROM cards WHERE account_id = ? ORDER BY is_primary DESC, legacy_id')
        .pluck()
        .get(accountId) as string | undefined;
      ctx.db
        .prepare(
          `INSERT INTO payments (id, invoice_id, account_id, method, card_id, amount_minor, status, created_at, settles_at)
           VALUES (?, ?, ?, 'card', ?, ?, 'processing', ?, ?)`,
        )
        .run(
          ctx.ids.id('txn'),
          invoice.id,
          accountId,
          card ?? null,
          invoice.total_minor,
          ctx.clock.iso(),
          ctx.clock.iso(7 * DAY_MS),
        );
      setStatus(ctx, invoice.id, 'payment_pending');
      return reload(ctx, invoice.id);
    }
    case 'paid':
      if (fixed?.creditAppliedMinor) {
        applyCredit(ctx, {
          accountId,
          find: () => reload(ctx, invoice.id),
          amountMinor: fixed.creditAppliedMinor,
          noEmail: true,
        });
      }
      return settleAsPaid(ctx, reload(ctx, invoice.id), fixed?.paidAt);
    case 'cancelled':
      return cancelInvoice(ctx, () => invoice);
    case 'refunded': {
      const paid = settleAsPaid(ctx, invoice);
      createCreditInvoice(ctx, () => paid, {
        note: 'Tjänsten avslutades i förtid',
        detailsSource: 'current',
        hold: false,
      });
      return reload(ctx, invoice.id);
    }
    case 'collections':
      setStatus(ctx, invoice.id, 'collections');
      return reload(ctx, invoice.id);
  }
}

export function createAccount(ctx: SandboxContext, spec: AccountSpec, fixed: FixedIdentity = {}): CreatedAccount {
  return ctx.db.transaction((): CreatedAccount => {
    const type = spec.type ?? 'business';
    const accountId = fixed.accountId ?? ctx.ids.id('acct');
    const business = type === 'business';
    ctx.db
      .prepare(
        `INSERT INTO accounts (id, type, currency, credit_minor, name, email, country, org_number, address, created_at)
         VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        accountId,
        type,
        spec.currency ?? 'SEK',
        spec.name ?? (business ? 'Exempel AB' : 'Anna Svensson'),
        spec.email ?? (business ? 'ekonomi@exempel.se' : 'anna.svensson@exempel.se'),
        spec.country ?? 'SE',
        spec.orgNumber === undefined ? (business ? '556677-8899' : null) : spec.orgNumber,
        spec.address ?? (business ? 'Storgatan 12, 411 38 Göteborg' : 'Lillgatan 3, 753 20 Uppsala'),
        ctx.clock.iso(),
      );
    if (spec.credit) {
      moveCredit(ctx, {
        accountId,
        method: null,
        description: 'Ingående kreditsaldo',
        amountMinor: majorToMinor(spec.credit),
      });
    }
    const keys: Record<string, string> = {};
    for (const [label, scopes] of Object.entries(spec.keys ?? SCOPES)) {
      const key = ctx.ids.apiKey();
      ctx.db
        .prepare('INSERT INTO api_keys (key, account_id, scopes, label, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(key, accountId, scopes.join(' '), label, ctx.clock.iso());
      keys[label] = key;
    }
    const cards = (spec.cards ?? []).map((c, i) => {
      const pinned = fixed.cards?.[i];
      const id = pinned?.id ?? ctx.ids.id('card');
      ctx.db
        .prepare(
          `INSERT INTO cards (legacy_id, id, account_id, brand, last4, exp_month, exp_year, cardholder_name, is_primary, added_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          pinned?.legacyId ?? null,
          id,
          accountId,
          c.brand ?? 'visa',
          c.last4,
          c.expMonth ?? 12,
          c.expYear ?? 2030,
          c.cardholderName ?? null,
          (c.primary ?? i === 0) ? 1 : 0,
          pinned?.addedAt ?? ctx.clock.iso(),
        );
      const legacyId = ctx.db.prepare('SELECT legacy_id FROM cards WHERE id = ?').pluck().get(id) as number;
      return { id, legacyId: String(legacyId), last4: c.last4 };
    });
    const invoices = (spec.invoices ?? []).map((s, i) => {
      const row = createSeedInvoice(ctx, accountId, s, fixed.invoices?.[i]);
      return { id: row.id, legacyId: String(row.legacy_id), number: row.number, kind: row.kind, status: row.status };
    });
    return { accountId, type, keys, cards, invoices };
  })();
}
