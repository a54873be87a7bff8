// The email outbox: every email the Billing API would send is stored here instead (readable through
// `GET /sandbox/outbox`), addressed to the account's billing contact.
import type { SandboxContext } from '../context.js';
import { getAccount } from './invoices.js';
import type { InvoiceRow } from './rows.js';

export type EmailTemplate = 'invoice' | 'invoice_paid' | 'payment_link' | 'credit_invoice';

const SUBJECTS: Record<EmailTemplate, (number: string) => string> = {
  invoice: (n) => `Faktura ${n}`,
  invoice_paid: (n) => `Tack för din betalning av faktura ${n}`,
  payment_link: (n) => `Betalningslänk för faktura ${n}`,
  credit_invoice: (n) => `Kreditfaktura ${n}`,
};

export function queueEmail(
  ctx: SandboxContext,
  invoice: InvoiceRow,
  template: EmailTemplate,
): { queuedAt: string; email: string } {
  const account = getAccount(ctx, invoice.account_id);
  const queuedAt = ctx.clock.iso();
  ctx.db
    .prepare(
      'INSERT INTO outbox (account_id, recipient, subject, template, invoice_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(account.id, account.email, SUBJECTS[template](invoice.number ?? ''), template, invoice.id, queuedAt);
  return { queuedAt, email: account.email };
}
