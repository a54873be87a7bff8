// The email outbox: every email the Billing API would send is stored here instead (readable through
// `GET /sandbox/outbox`), addressed to the account's billing contact.
import type { InvoiceRow } from '../db/rows.js';
import type { Ctx } from './context.js';
import { getAccount } from './invoices.js';

export type EmailTemplate = 'invoice' | 'invoice_paid' | 'payment_link' | 'credit_invoice';

const SUBJECTS: Record<EmailTemplate, (number: string) => string> = {
  invoice: (n) => `Faktura ${n}`,
  invoice_paid: (n) => `Tack för din betalning av faktura ${n}`,
  payment_link: (n) => `Betalningslänk för faktura ${n}`,
  credit_invoice: (n) => `Kreditfaktura ${n}`,
};

export async function queueEmail(
  ctx: Ctx,
  invoice: InvoiceRow,
  template: EmailTemplate,
): Promise<{ queuedAt: string; email: string }> {
  const account = await getAccount(ctx, invoice.account_id);
  const queuedAt = ctx.clock.iso();
  await ctx.tx.outbox.insert({
    account_id: account.id,
    recipient: account.email,
    subject: SUBJECTS[template](invoice.number ?? ''),
    template,
    invoice_id: invoice.id,
    created_at: queuedAt,
  });
  return { queuedAt, email: account.email };
}
