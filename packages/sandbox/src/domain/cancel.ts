// Cancel a draft or unpaid invoice: credit already applied returns to the credit balance, and the
// invoice's payment links stop working.
import type { InvoiceRow } from '../db/rows.js';
import type { Ctx } from './context.js';
import { reload } from './invoices.js';
import { moveCredit } from './ledger.js';
import { RuleError } from './rules.js';

export async function cancelInvoice(ctx: Ctx, find: () => Promise<InvoiceRow>): Promise<InvoiceRow> {
  const invoice = await find();
  if (invoice.status !== 'draft' && invoice.status !== 'unpaid') {
    throw new RuleError('invoice_not_cancellable', {
      status: invoice.status,
      id: invoice.id,
      legacyId: invoice.legacy_id,
    });
  }
  await moveCredit(ctx, {
    accountId: invoice.account_id,
    method: null,
    description: `Kredit återförd från makulerad faktura ${invoice.number ?? ''}`.trim(),
    amountMinor: invoice.credit_applied_minor + invoice.amount_paid_minor,
    invoice,
  });
  await ctx.tx.invoices.update(invoice.id, { credit_applied_minor: 0, amount_paid_minor: 0, status: 'cancelled' });
  await ctx.tx.links.expireAll(invoice.id, ctx.clock.iso());
  return reload(ctx, invoice.id);
}
