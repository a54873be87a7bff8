// Add funds: an unpaid `add_funds` invoice (no tax, due in 14 days) whose payment raises the credit
// balance (see settle.ts). v2 amounts are range-checked by the spec's schema before they get here; v1
// amounts are strings, so the same range (the maximum read from the spec's AddFundsRequest) is a rule
// here, with its own v1 code.
import type { InvoiceRow } from '../db/rows.js';
import type { Ctx } from './context.js';
import { createInvoice } from './invoices.js';
import { RuleError } from './rules.js';

export async function addFunds(
  ctx: Ctx,
  accountId: string,
  amountMinor: number,
  maxMinor: number,
): Promise<InvoiceRow> {
  if (amountMinor <= 0 || amountMinor > maxMinor)
    throw new RuleError('amount_out_of_range', { amount: amountMinor, max: maxMinor });
  return createInvoice(ctx, {
    accountId,
    kind: 'add_funds',
    status: 'unpaid',
    dueInDays: 14,
    lines: [{ description: 'Påfyllning av kredit', quantity: 1, unitAmountMinor: amountMinor, taxRateBp: 0 }],
  });
}
