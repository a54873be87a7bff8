// What happens when an invoice is paid off, whichever way (credit, card, payment link): it becomes
// `paid`, the "invoice paid" email is queued (unless suppressed), and a paid add-funds invoice
// raises the credit balance by its total. Call inside the transaction that paid it.
import type { InvoiceRow } from '../db/rows.js';
import type { Ctx } from './context.js';
import { reload, setStatus } from './invoices.js';
import { moveCredit } from './ledger.js';
import { queueEmail } from './outbox.js';

export async function markPaid(
  ctx: Ctx,
  invoice: InvoiceRow,
  options: { email: boolean; paidAt?: string },
): Promise<InvoiceRow> {
  await setStatus(ctx, invoice.id, 'paid', options.paidAt ?? ctx.clock.iso());
  if (invoice.kind === 'add_funds') {
    await moveCredit(ctx, {
      accountId: invoice.account_id,
      method: 'addFunds',
      description: 'Påfyllning av kredit',
      amountMinor: invoice.total_minor,
      invoice,
    });
  }
  if (options.email) await queueEmail(ctx, invoice, 'invoice_paid');
  return reload(ctx, invoice.id);
}
