// Cancel a draft or unpaid invoice: credit already applied returns to the credit balance, and the
// invoice's payment links stop working.
import type { SandboxContext } from '../context.js';
import { reload, setStatus } from './invoices.js';
import { moveCredit } from './ledger.js';
import { expireLinks } from './payment-links.js';
import type { InvoiceRow } from './rows.js';
import { RuleError } from './rules.js';

export function cancelInvoice(ctx: SandboxContext, find: () => InvoiceRow): InvoiceRow {
  return ctx.db.transaction(() => {
    const invoice = find();
    if (invoice.status !== 'draft' && invoice.status !== 'unpaid') {
      throw new RuleError('invoice_not_cancellable', {
        status: invoice.status,
        id: invoice.id,
        legacyId: invoice.legacy_id,
      });
    }
    const returned = invoice.credit_applied_minor + invoice.amount_paid_minor;
    moveCredit(ctx, {
      accountId: invoice.account_id,
      method: null,
      description: `Kredit återförd från makulerad faktura ${invoice.number ?? ''}`.trim(),
      amountMinor: returned,
      invoice,
    });
    ctx.db.prepare('UPDATE invoices SET credit_applied_minor = 0, amount_paid_minor = 0 WHERE id = ?').run(invoice.id);
    setStatus(ctx, invoice.id, 'cancelled');
    expireLinks(ctx, invoice.id);
    return reload(ctx, invoice.id);
  })();
}
