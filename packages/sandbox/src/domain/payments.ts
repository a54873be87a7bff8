// Card payments (v2 actions/pay, v1 /pay) and their asynchronous completion. Starting a payment puts
// the invoice in `payment_pending` with a payment row that settles `paymentDelayMs` later on the
// sandbox clock. Settlement is checked before every API request and on clock moves (no timers), so a
// restarted sandbox settles what was pending and tests can settle instantly by advancing the clock.
import type { CardRow, InvoiceRow, PaymentRow } from '../db/rows.js';
import type { Store } from '../db/store.js';
import { accountClock } from './account-clock.js';
import type { SandboxClock } from './clock.js';
import type { Ctx, Domain } from './context.js';
import { balanceOf, reload } from './invoices.js';
import { record } from './ledger.js';
import { RuleError } from './rules.js';
import { markPaid } from './settle.js';

/** Test cards: the last four digits decide how the "gateway" answers. */
export const DECLINING_LAST4 = '0002';

export type CardChoice = { savedCardId?: string } | { legacyCardId: number | 'primary' };

async function chooseCard(ctx: Ctx, accountId: string, choice: CardChoice): Promise<CardRow> {
  const cards = await ctx.tx.cards.ofAccount(accountId);
  if ('legacyCardId' in choice) {
    const card = choice.legacyCardId === 'primary' ? cards[0] : cards.find((c) => c.legacy_id === choice.legacyCardId);
    if (!card) throw new RuleError('card_not_found', { cardId: String(choice.legacyCardId) });
    return card;
  }
  const card = choice.savedCardId === undefined ? cards[0] : cards.find((c) => c.id === choice.savedCardId);
  if (!card)
    throw new RuleError('no_saved_card', {
      cards: cards.length,
      ...(choice.savedCardId ? { savedCardId: choice.savedCardId } : {}),
    });
  return card;
}

/** Rules shared by every way of starting a payment. */
export function assertPayable(invoice: InvoiceRow): void {
  const facts = { status: invoice.status, id: invoice.id, legacyId: invoice.legacy_id };
  if (invoice.status === 'payment_pending') throw new RuleError('payment_in_progress', facts);
  if (invoice.status !== 'unpaid') throw new RuleError('invoice_not_unpaid', facts);
}

export function isExpired(card: CardRow, now: Date): boolean {
  return (
    card.exp_year < now.getUTCFullYear() ||
    (card.exp_year === now.getUTCFullYear() && card.exp_month < now.getUTCMonth() + 1)
  );
}

export interface PaymentStarted {
  transactionId: string;
  amountMinor: number;
  invoice: InvoiceRow;
}

export async function startCardPayment(
  ctx: Ctx,
  accountId: string,
  find: () => Promise<InvoiceRow>,
  choice: CardChoice,
): Promise<PaymentStarted> {
  const invoice = await find();
  assertPayable(invoice);
  const card = await chooseCard(ctx, accountId, choice);
  if (card.last4 === DECLINING_LAST4) throw new RuleError('payment_declined', { reason: 'insufficient funds' });
  if (isExpired(card, ctx.clock.now())) throw new RuleError('payment_declined', { reason: 'the card has expired' });
  const amount = balanceOf(invoice);
  const transactionId = ctx.ids.id('txn');
  await ctx.tx.payments.insert({
    id: transactionId,
    invoice_id: invoice.id,
    account_id: accountId,
    method: 'card',
    card_id: card.id,
    link_uuid: null,
    session_id: null,
    payment_method: null,
    amount_minor: amount,
    status: 'processing',
    created_at: ctx.clock.iso(),
    settles_at: ctx.clock.iso(ctx.settings.paymentDelayMs),
    settled_at: null,
  });
  await ctx.tx.invoices.update(invoice.id, { status: 'payment_pending' });
  return { transactionId, amountMinor: amount, invoice: await reload(ctx, invoice.id) };
}

/** Settles one payment, once: a payment another transaction settled first is left alone. */
async function settle(ctx: Ctx, payment: PaymentRow): Promise<boolean> {
  if (!(await ctx.tx.payments.succeed(payment.id, ctx.clock.iso()))) return false;
  const invoice = await reload(ctx, payment.invoice_id);
  await ctx.tx.invoices.add(invoice.id, { amount_paid_minor: payment.amount_minor });
  await record(ctx, {
    id: payment.id, // the activity entry of a payment carries its transaction id
    accountId: payment.account_id,
    kind: 'transaction',
    method: payment.method,
    description: `${payment.method === 'card' ? 'Kortbetalning' : 'Betalning via betalningslänk'}, faktura ${invoice.number ?? ''}`,
    amountMinor: payment.amount_minor,
    invoice,
  });
  await markPaid(ctx, await reload(ctx, invoice.id), { email: true });
  return true;
}

/**
 * Settles every payment whose time has come, each on its own account's clock. Without `only`, the
 * default clock finds the due ones (an account's clock is never behind it); with `only`, the given
 * account's due payments on its own clock. One cheap read when there is none.
 */
export async function settleDuePayments(
  domain: Domain,
  store: Store,
  only?: { accountId: string; clock: SandboxClock },
): Promise<number> {
  const now = (only?.clock ?? domain.clock).iso();
  if ((await store.read.payments.due(now, only?.accountId)).length === 0) return 0;
  return store.transaction(async (tx) => {
    let settled = 0;
    for (const payment of await tx.payments.due(now, only?.accountId)) {
      const clock = only?.clock ?? (await accountClock(domain, tx.meta, payment.account_id));
      if (await settle({ ...domain, clock, tx }, payment)) settled++;
    }
    return settled;
  });
}

/** Completes a checkout session now (the sandbox's stand-in for the payer finishing the checkout). */
export async function completeCheckout(ctx: Ctx, sessionId: string): Promise<{ invoiceId: string } | undefined> {
  const payment = await ctx.tx.payments.bySession(sessionId);
  if (!payment) return undefined;
  if (payment.status === 'processing') await settle(ctx, payment);
  return { invoiceId: payment.invoice_id };
}
