// Apply account credit to an invoice. The rule runs inside the caller's store transaction: read,
// check, write, with no other transaction in between (store.ts), so parallel requests can never
// apply the same credit twice or take the balance below zero.
import type { InvoiceRow } from '../db/rows.js';
import type { Ctx } from './context.js';
import { balanceOf } from './invoices.js';
import { creditOf, moveCredit } from './ledger.js';
import { RuleError } from './rules.js';
import { markPaid } from './settle.js';

export interface ApplyCreditInput {
  accountId: string;
  find: () => Promise<InvoiceRow>;
  /** Minor units; undefined = the largest amount allowed (v2 only). */
  amountMinor: number | undefined;
  noEmail: boolean;
}

export interface ApplyCreditOutcome {
  appliedMinor: number;
  invoicePaid: boolean;
  remainingCreditMinor: number;
  invoice: InvoiceRow;
}

export async function applyCredit(ctx: Ctx, input: ApplyCreditInput): Promise<ApplyCreditOutcome> {
  const invoice = await input.find();
  if (invoice.status !== 'unpaid')
    throw new RuleError('invoice_not_unpaid', { status: invoice.status, id: invoice.id, legacyId: invoice.legacy_id });
  const credit = await creditOf(ctx, input.accountId);
  const balance = balanceOf(invoice);
  const facts = { amount: input.amountMinor ?? 0, credit, balance, currency: invoice.currency };
  if (input.amountMinor !== undefined && input.amountMinor <= 0) throw new RuleError('amount_not_positive', facts);
  if (credit === 0) throw new RuleError('no_credit_available', facts);
  const amount = input.amountMinor ?? Math.min(credit, balance);
  if (amount > credit) throw new RuleError('amount_exceeds_credit_balance', facts);
  if (amount > balance) throw new RuleError('amount_exceeds_invoice_balance', facts);

  await ctx.tx.invoices.add(invoice.id, { credit_applied_minor: amount });
  await moveCredit(ctx, {
    accountId: input.accountId,
    method: 'accountCredit',
    description: `Kredit tillämpad på faktura ${invoice.number ?? ''}`.trim(),
    amountMinor: -amount,
    invoice,
  });
  // The rows as the two writes above left them: both were read for update in this transaction and
  // moved by exactly `amount`, so reading them again would only cost time on the durable path.
  let updated: InvoiceRow = { ...invoice, credit_applied_minor: invoice.credit_applied_minor + amount };
  const invoicePaid = balanceOf(updated) === 0;
  if (invoicePaid) updated = await markPaid(ctx, updated, { email: !input.noEmail });
  return { appliedMinor: amount, invoicePaid, remainingCreditMinor: credit - amount, invoice: updated };
}
