// The activity / credit log: one signed entry per movement of money (`transaction`) or of the
// credit balance (`credit`), from the account's point of view (in positive, out negative), and the
// credit balance changes that go with them. Call inside the transaction of the movement.
import type { InvoiceRow, LedgerRow } from '../db/rows.js';
import type { Ctx } from './context.js';

export interface Entry {
  accountId: string;
  kind: LedgerRow['kind'];
  method: LedgerRow['method'];
  description: string;
  amountMinor: number;
  invoice?: InvoiceRow | null;
  /** The entry's id, when it is the id of the movement itself (a payment's transaction id). */
  id?: string;
}

export async function record(ctx: Ctx, entry: Entry): Promise<void> {
  await ctx.tx.ledger.insert({
    id: entry.id ?? ctx.ids.id('txn'),
    account_id: entry.accountId,
    kind: entry.kind,
    method: entry.method,
    description: entry.description,
    amount_minor: entry.amountMinor,
    invoice_id: entry.invoice?.id ?? null,
    created_at: ctx.clock.iso(),
  });
}

/**
 * Moves the credit balance by a signed amount and logs it. The store refuses a negative balance
 * (a CHECK constraint on SQLite) even if a rule above were wrong.
 */
export async function moveCredit(ctx: Ctx, entry: Omit<Entry, 'kind'>): Promise<void> {
  if (entry.amountMinor === 0) return;
  await ctx.tx.accounts.addCredit(entry.accountId, entry.amountMinor);
  await record(ctx, { ...entry, kind: 'credit' });
}

/** The credit balance, read for update: the rule that spends it holds it until its transaction ends. */
export async function creditOf(ctx: Ctx, accountId: string): Promise<number> {
  const account = await ctx.tx.accounts.forUpdate(accountId);
  if (!account) throw new Error(`account ${accountId} vanished`);
  return account.credit_minor;
}
