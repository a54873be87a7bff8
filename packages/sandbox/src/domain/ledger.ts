// The activity / credit log: one signed entry per movement of money (`transaction`) or of the
// credit balance (`credit`), from the account's point of view (in positive, out negative), and the
// credit balance changes that go with them. Call inside the transaction of the movement.
import type { SandboxContext } from '../context.js';
import type { InvoiceRow, LedgerRow } from './rows.js';

export interface Entry {
  accountId: string;
  kind: LedgerRow['kind'];
  method: LedgerRow['method'];
  description: string;
  amountMinor: number;
  invoice?: InvoiceRow | null;
}

export function record(ctx: SandboxContext, entry: Entry): void {
  ctx.db
    .prepare(
      'INSERT INTO ledger (id, account_id, kind, method, description, amount_minor, invoice_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      ctx.ids.id('txn'),
      entry.accountId,
      entry.kind,
      entry.method,
      entry.description,
      entry.amountMinor,
      entry.invoice?.id ?? null,
      ctx.clock.iso(),
    );
}

/**
 * Moves the credit balance by a signed amount and logs it. The CHECK (credit_minor >= 0) constraint
 * makes a negative balance impossible even if a rule above were wrong.
 */
export function moveCredit(ctx: SandboxContext, entry: Omit<Entry, 'kind'>): void {
  if (entry.amountMinor === 0) return;
  ctx.db
    .prepare('UPDATE accounts SET credit_minor = credit_minor + ? WHERE id = ?')
    .run(entry.amountMinor, entry.accountId);
  record(ctx, { ...entry, kind: 'credit' });
}

export function creditOf(ctx: SandboxContext, accountId: string): number {
  return ctx.db.prepare('SELECT credit_minor FROM accounts WHERE id = ?').pluck().get(accountId) as number;
}
