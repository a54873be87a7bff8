// Demo data on start (and on `/sandbox/reset`): a business account with SEK credit, two cards (one
// that declines), invoices in every status, a held credit invoice, a read-only key; and a personal
// account. With `--seed` ids and keys are the same on every run; dates are relative to "now".
import type { SandboxContext } from './context.js';
import { type CreatedAccount, createAccount, SCOPES } from './domain/accounts.js';
import { createCreditInvoice } from './domain/credit-invoices.js';
import { reload } from './domain/invoices.js';
import { DECLINING_LAST4 } from './domain/payments.js';

export interface DemoData {
  business: CreatedAccount;
  personal: CreatedAccount;
}

export function seedDemo(ctx: SandboxContext): DemoData {
  return ctx.db.transaction((): DemoData => {
    const business = createAccount(ctx, {
      type: 'business',
      credit: 1875, // + 625 returned by the refunded invoice below = 2500.00
      keys: { 'business read/write': [...SCOPES.readWrite], 'business read-only': [...SCOPES.readOnly] },
      cards: [
        { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030, cardholderName: 'Anna Svensson', primary: true },
        {
          brand: 'mastercard',
          last4: DECLINING_LAST4,
          expMonth: 6,
          expYear: 2031,
          cardholderName: 'Anna Svensson (declines)',
          primary: false,
        },
      ],
      invoices: [
        {
          status: 'unpaid',
          lines: [
            { description: 'Webbhotell Pro, 12 månader', unitAmount: 1200, taxRate: 25 },
            { description: 'Domän exempel.se, 1 år', unitAmount: 200, taxRate: 25 },
          ],
        },
        {
          status: 'unpaid',
          issuedDaysAgo: 40,
          dueInDays: 30,
          lines: [{ description: 'VPS Small, 1 månad', quantity: 3, unitAmount: 99, taxRate: 25 }],
        },
        {
          status: 'paid',
          issuedDaysAgo: 31,
          lines: [{ description: 'VPS Medium, 1 månad', unitAmount: 240, taxRate: 25 }],
        },
        {
          status: 'payment_pending',
          lines: [{ description: 'E-post Pro, 1 månad', quantity: 12, unitAmount: 29, taxRate: 25 }],
        },
        {
          kind: 'add_funds',
          status: 'cancelled',
          dueInDays: 14,
          lines: [{ description: 'Påfyllning av kredit', unitAmount: 250, taxRate: 0 }],
        },
        {
          status: 'refunded',
          issuedDaysAgo: 20,
          lines: [{ description: 'SSL-certifikat, 1 år', unitAmount: 500, taxRate: 25 }],
        },
        {
          status: 'collections',
          issuedDaysAgo: 95,
          dueInDays: 30,
          lines: [{ description: 'Webbhotell Bas, 3 månader', unitAmount: 600, taxRate: 25 }],
        },
        {
          kind: 'add_funds',
          status: 'unpaid',
          dueInDays: 14,
          lines: [{ description: 'Påfyllning av kredit', unitAmount: 500, taxRate: 0 }],
        },
      ],
    });
    const first = business.invoices[0]!;
    const original = reload(ctx, first.id);
    const line = ctx.db
      .prepare('SELECT id FROM invoice_lines WHERE invoice_id = ? ORDER BY position')
      .pluck()
      .get(original.id) as string;
    const held = createCreditInvoice(ctx, () => reload(ctx, original.id), {
      note: 'Fel pris på första raden',
      lines: [{ lineId: line, amountMinor: 300_00 }],
      detailsSource: 'original',
      hold: true,
    });
    business.invoices.push({
      id: held.id,
      legacyId: String(held.legacy_id),
      number: held.number,
      kind: held.kind,
      status: held.status,
    });
    const personal = createAccount(ctx, {
      type: 'personal',
      keys: { 'personal read/write': [...SCOPES.readWrite] },
      invoices: [
        { status: 'unpaid', lines: [{ description: 'Domän svensson.se, 1 år', unitAmount: 149, taxRate: 25 }] },
        { status: 'cancelled', lines: [{ description: 'Webbhotell Mini, 1 månad', unitAmount: 49, taxRate: 25 }] },
      ],
    });
    return { business, personal };
  })();
}

/** Every key in the database with its label and account (printed at start-up). */
export function listKeys(
  ctx: SandboxContext,
): Array<{ label: string; key: string; accountId: string; scopes: string }> {
  return ctx.db
    .prepare('SELECT label, key, account_id AS accountId, scopes FROM api_keys ORDER BY created_at, rowid')
    .all() as Array<{
    label: string;
    key: string;
    accountId: string;
    scopes: string;
  }>;
}
