// Demo data on start (and on `/sandbox/reset`): a business account with SEK credit, two cards (one
// that declines), invoices in every status, a held credit invoice, a read-only key; and a personal
// account. The account, its card, the unpaid, paid and cancelled invoices, the held credit invoice
// and the payment links are the ones the spec's examples show (their ids, v1 numbers, lines and
// dates, read from the bundled spec by demo/examples.ts), so every sample in the docs works as
// copied; the other invoices get fresh ids. With `--seed` those ids and the keys are the same on
// every run; dates are moved from the moment the examples show to "now".
import { openapi } from '@billing-api/openapi';
import type { Store } from '../db/store.js';
import {
  type CreatedAccount,
  createAccount,
  type FixedInvoice,
  type InvoiceSpec,
  SCOPES,
  type SeedStatus,
} from '../domain/accounts.js';
import type { Ctx, Domain } from '../domain/context.js';
import { createCreditInvoice } from '../domain/credit-invoices.js';
import { reload } from '../domain/invoices.js';
import { majorToMinor } from '../domain/money.js';
import { DECLINING_LAST4 } from '../domain/payments.js';
import { type DemoExamples, demoExamples, type ExampleInvoice } from './examples.js';

export interface DemoData {
  business: CreatedAccount;
  personal: CreatedAccount;
}

let examples: DemoExamples | undefined;
/** The bundled spec's examples, read once per process. */
export function specExamples(): DemoExamples {
  return (examples ??= demoExamples(openapi));
}

/**
 * Creates the demo data in one transaction, unless another sandbox on the same database has just
 * done so: the `demo_seeded` counter is taken first, so of sandboxes starting together on one empty
 * database one seeds and the others wait for it and leave it (undefined). A wipe clears the counter.
 */
export function seedDemo(
  domain: Domain,
  store: Store,
  from: DemoExamples = specExamples(),
): Promise<DemoData | undefined> {
  return store.transaction(async (tx) => {
    if ((await tx.counters.next('demo_seeded')) > 1) return undefined;
    return seed({ ...domain, tx }, from);
  });
}

async function seed(ctx: Ctx, from: DemoExamples): Promise<DemoData> {
  const shift = ctx.clock.nowMs() - Date.parse(from.takenAt);
  const moved = (iso: string) => new Date(Date.parse(iso) + shift).toISOString();
  const asSpec = (e: ExampleInvoice): InvoiceSpec => ({
    kind: e.kind === 'add_funds' ? 'add_funds' : 'standard',
    status: e.status as SeedStatus,
    lines: e.lines.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unitAmount: l.unitAmount,
      taxRate: l.taxRate,
    })),
  });
  const asFixed = (e: ExampleInvoice): FixedInvoice => ({
    ids: {
      id: e.id,
      legacyId: e.legacyId,
      number: e.number,
      lines: e.lines.map((l) => ({ id: l.id, legacyId: l.legacyId })),
    },
    ...(e.issuedAt ? { issuedAt: moved(e.issuedAt) } : {}),
    ...(e.dueAt ? { dueAt: moved(e.dueAt) } : {}),
    ...(e.paidAt ? { paidAt: moved(e.paidAt) } : {}),
    ...(e.creditApplied > 0 ? { creditAppliedMinor: majorToMinor(e.creditApplied) } : {}),
  });
  const fromExamples = [from.unpaid, from.paid, from.cancelled, from.heldCredit.invoice];
  // Generated v1 ids and invoice numbers continue after the examples'.
  await ctx.tx.sequences.reserve({
    invoices: Math.max(...fromExamples.map((e) => e.legacyId)),
    lines: Math.max(0, ...fromExamples.flatMap((e) => e.lines.map((l) => l.legacyId ?? 0))),
    cards: from.card.legacyId ?? 0,
  });
  for (const number of fromExamples.map((e) => e.number)) {
    const m = number ? /^(\d{4})(\d{5})$/.exec(number) : null;
    if (m) await ctx.tx.counters.raise(`invoice_number_${m[1]}`, Number(m[2]));
  }
  {
    const business = await createAccount(
      ctx,
      {
        type: from.account.type,
        currency: from.account.currency,
        name: from.account.name,
        email: from.account.email,
        country: from.account.country,
        // + 625 returned by the refunded invoice, - 100 applied to the paid one = 2500.00
        credit: 1975,
        keys: { 'business read/write': [...SCOPES.readWrite], 'business read-only': [...SCOPES.readOnly] },
        cards: [
          {
            brand: from.card.brand,
            last4: from.card.last4,
            expMonth: from.card.expMonth,
            expYear: from.card.expYear,
            cardholderName: from.card.cardholderName,
            primary: true,
          },
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
          asSpec(from.unpaid),
          {
            status: 'unpaid',
            issuedDaysAgo: 40,
            dueInDays: 30,
            lines: [{ description: 'VPS Small, 1 månad', quantity: 3, unitAmount: 99, taxRate: 25 }],
          },
          asSpec(from.paid),
          {
            status: 'payment_pending',
            lines: [{ description: 'E-post Pro, 1 månad', quantity: 12, unitAmount: 29, taxRate: 25 }],
          },
          asSpec(from.cancelled),
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
      },
      {
        accountId: from.account.id,
        cards: [{ id: from.card.id, legacyId: from.card.legacyId, addedAt: moved(from.card.addedAt) }],
        invoices: [asFixed(from.unpaid), undefined, asFixed(from.paid), undefined, asFixed(from.cancelled)],
      },
    );
    const unpaid = from.unpaid.id;
    for (const link of [...from.links.previous, from.links.active]) {
      await ctx.tx.links.insert({
        uuid: link.uuid,
        invoice_id: unpaid,
        created_at: moved(link.createdAt),
        expires_at: moved(link.expiresAt),
        view_count: link.viewCount,
        last_viewed_at: link.lastViewedAt ? moved(link.lastViewedAt) : null,
      });
    }
    const { invoice: heldExample, request, originalInvoiceId } = from.heldCredit;
    const held = await createCreditInvoice(ctx, () => reload(ctx, originalInvoiceId), {
      ...(request.note ? { note: request.note } : {}),
      ...(request.lines
        ? { lines: request.lines.map((l) => ({ lineId: l.lineId, amountMinor: majorToMinor(l.amount) })) }
        : {}),
      detailsSource: request.detailsSource === 'original' ? 'original' : 'current',
      hold: true,
      fixed: asFixed(heldExample).ids,
    });
    business.invoices.push({
      id: held.id,
      legacyId: String(held.legacy_id),
      number: held.number,
      kind: held.kind,
      status: held.status,
    });
    const personal = await createAccount(ctx, {
      type: 'personal',
      keys: { 'personal read/write': [...SCOPES.readWrite] },
      invoices: [
        { status: 'unpaid', lines: [{ description: 'Domän svensson.se, 1 år', unitAmount: 149, taxRate: 25 }] },
        { status: 'cancelled', lines: [{ description: 'Webbhotell Mini, 1 månad', unitAmount: 49, taxRate: 25 }] },
      ],
    });
    return { business, personal };
  }
}
