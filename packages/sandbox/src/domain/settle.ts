// What happens when an invoice is paid off, whichever way (credit, card, payment link): it becomes
// `paid`, the "invoice paid" email is queued (unless suppressed), and a paid add-funds invoice
// raises the credit balance by its total. Call inside the transaction that paid it.
import type { SandboxContext } from '../context.js';
import { reload, setStatus } from './invoices.js';
import { moveCredit } from './ledger.js';
import { queueEmail } from './outbox.js';
import type { InvoiceRow } from './rows.js';

export function markPaid(
  ctx: SandboxContext,
  invoice: InvoiceRow,
  options: { email: boolean; paidAt?: string },
): InvoiceRow {
  setStatus(ctx, invoice.id, 'paid', options.paidAt ?? ctx.clock.iso());
  if (invoice.kind === 'add_funds') {
    moveCredit(ctx, {
      accountId: invoice.account_id,
      method: 'addFunds',
      description: 'Påfyllning av kredit',
      amountMinor: invoice.total_minor,
      invoice,
    });
  }
  if (options.email) queueEmail(ctx, invoice, 'invoice_paid');
  return reload(ctx, invoice.id);
}
