// Creating accounts with their keys, cards and invoices in any status, by driving the same rules the
// API uses (a paid invoice is paid through a settled card payment, a refunded one is credited in
// full, ...), so demo and test data is always state the API itself could have produced.

import type { AccountType, InvoiceKind, InvoiceRow } from '../db/rows.js';
import { applyCredit } from './apply-credit.js';
import { cancelInvoice } from './cancel.js';
import { DAY_MS } from './clock.js';
import type { Ctx } from './context.js';
import { createCreditInvoice } from './credit-invoices.js';
import { balanceOf, createInvoice, type FixedInvoiceIds, reload, setStatus } from './invoices.js';
import { moveCredit, record } from './ledger.js';
import { majorToMinor } from './money.js';
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
  /** API keys by label, kept when an account is reset to its recipe. */
  keys?: Record<string, string>;
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
async function settleAsPaid(ctx: Ctx, invoice: InvoiceRow, paidAt?: string): Promise<InvoiceRow> {
  const due = balanceOf(invoice);
  await ctx.tx.invoices.add(invoice.id, { amount_paid_minor: due });
  await record(ctx, {
    accountId: invoice.account_id,
    kind: 'transaction',
    method: 'card',
    description: `Kortbetalning, faktura ${invoice.number ?? ''}`,
    amountMinor: due,
    invoice,
  });
  return markPaid(ctx, await reload(ctx, invoice.id), { email: false, ...(paidAt ? { paidAt } : {}) });
}

async function createSeedInvoice(
  ctx: Ctx,
  accountId: string,
  spec: InvoiceSpec,
  fixed: FixedInvoice | undefined,
): Promise<InvoiceRow> {
  const status = spec.status ?? 'unpaid';
  const lines = (spec.lines ?? [{ description: 'Webbhotell Bas, 1 månad', unitAmount: 100, taxRate: 25 }]).map((l) => ({
    description: l.description,
    quantity: l.quantity ?? 1,
    unitAmountMinor: majorToMinor(l.unitAmount),
    taxRateBp: Math.round((l.taxRate ?? 25) * 100),
  }));
  const invoice = await createInvoice(ctx, {
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
      const card = (await ctx.tx.cards.ofAccount(accountId))[0];
      await ctx.tx.payments.insert({
        id: ctx.ids.id('txn'),
        invoice_id: invoice.id,
        account_id: accountId,
        method: 'card',
        card_id: card?.id ?? null,
        link_uuid: null,
        session_id: null,
        payment_method: null,
        amount_minor: invoice.total_minor,
        status: 'processing',
        created_at: ctx.clock.iso(),
        settles_at: ctx.clock.iso(7 * DAY_MS),
        settled_at: null,
      });
      await setStatus(ctx, invoice.id, 'payment_pending');
      return reload(ctx, invoice.id);
    }
    case 'paid':
      if (fixed?.creditAppliedMinor) {
        await applyCredit(ctx, {
          accountId,
          find: () => reload(ctx, invoice.id),
          amountMinor: fixed.creditAppliedMinor,
          noEmail: true,
        });
      }
      return settleAsPaid(ctx, await reload(ctx, invoice.id), fixed?.paidAt);
    case 'cancelled':
      return cancelInvoice(ctx, async () => invoice);
    case 'refunded': {
      const paid = await settleAsPaid(ctx, invoice);
      await createCreditInvoice(ctx, async () => paid, {
        note: 'Tjänsten avslutades i förtid',
        detailsSource: 'current',
        hold: false,
      });
      return reload(ctx, invoice.id);
    }
    case 'collections':
      await setStatus(ctx, invoice.id, 'collections');
      return reload(ctx, invoice.id);
  }
}

/** Creates an account with its keys, cards and invoices, inside the caller's transaction. */
export async function createAccount(ctx: Ctx, spec: AccountSpec, fixed: FixedIdentity = {}): Promise<CreatedAccount> {
  const type = spec.type ?? 'business';
  const accountId = fixed.accountId ?? ctx.ids.id('acct');
  const business = type === 'business';
  await ctx.tx.accounts.insert({
    id: accountId,
    type,
    currency: spec.currency ?? 'SEK',
    credit_minor: 0,
    name: spec.name ?? (business ? 'Exempel AB' : 'Anna Svensson'),
    email: spec.email ?? (business ? 'ekonomi@exempel.se' : 'anna.svensson@exempel.se'),
    country: spec.country ?? 'SE',
    org_number: spec.orgNumber === undefined ? (business ? '556677-8899' : null) : spec.orgNumber,
    address: spec.address ?? (business ? 'Storgatan 12, 411 38 Göteborg' : 'Lillgatan 3, 753 20 Uppsala'),
    created_at: ctx.clock.iso(),
  });
  if (spec.credit) {
    await moveCredit(ctx, {
      accountId,
      method: null,
      description: 'Ingående kreditsaldo',
      amountMinor: majorToMinor(spec.credit),
    });
  }
  const keys: Record<string, string> = {};
  for (const [label, scopes] of Object.entries(spec.keys ?? SCOPES)) {
    const key = fixed.keys?.[label] ?? ctx.ids.apiKey();
    await ctx.tx.keys.insert({
      key,
      account_id: accountId,
      scopes: scopes.join(' '),
      label,
      created_at: ctx.clock.iso(),
    });
    keys[label] = key;
  }
  const cards: CreatedAccount['cards'] = [];
  for (const [i, c] of (spec.cards ?? []).entries()) {
    const pinned = fixed.cards?.[i];
    const row = await ctx.tx.cards.insert({
      legacy_id: pinned?.legacyId,
      id: pinned?.id ?? ctx.ids.id('card'),
      account_id: accountId,
      brand: c.brand ?? 'visa',
      last4: c.last4,
      exp_month: c.expMonth ?? 12,
      exp_year: c.expYear ?? 2030,
      cardholder_name: c.cardholderName ?? null,
      is_primary: (c.primary ?? i === 0) ? 1 : 0,
      added_at: pinned?.addedAt ?? ctx.clock.iso(),
    });
    cards.push({ id: row.id, legacyId: String(row.legacy_id), last4: row.last4 });
  }
  const invoices: CreatedAccount['invoices'] = [];
  for (const [i, s] of (spec.invoices ?? []).entries()) {
    const row = await createSeedInvoice(ctx, accountId, s, fixed.invoices?.[i]);
    invoices.push({
      id: row.id,
      legacyId: String(row.legacy_id),
      number: row.number,
      kind: row.kind,
      status: row.status,
    });
  }
  return { accountId, type, keys, cards, invoices };
}
