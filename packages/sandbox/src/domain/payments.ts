// Card payments (v2 actions/pay, v1 /pay) and their asynchronous completion. Starting a payment puts
// the invoice in `payment_pending` with a payment row that settles `paymentDelayMs` later on the
// sandbox clock. Settlement is checked before every request and on clock moves (no timers), so a
// restarted sandbox settles what was pending and tests can settle instantly by advancing the clock.
import type { SandboxContext } from '../context.js';
import { balanceOf, reload } from './invoices.js';
import type { CardRow, InvoiceRow } from './rows.js';
import { RuleError } from './rules.js';
import { markPaid } from './settle.js';

/** Test cards: the last four digits decide how the "gateway" answers. */
export const DECLINING_LAST4 = '0002';

export type CardChoice = { savedCardId?: string } | { legacyCardId: number | 'primary' };

function chooseCard(ctx: SandboxContext, accountId: string, choice: CardChoice): CardRow {
  const cards = ctx.db
    .prepare('SELECT * FROM cards WHERE account_id = ? ORDER BY is_primary DESC, legacy_id')
    .all(accountId) as CardRow[];
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

export interface PaymentStarted {
  transactionId: string;
  amountMinor: number;
  invoice: InvoiceRow;
}

export function startCardPayment(
  ctx: SandboxContext,
  accountId: string,
  find: () => InvoiceRow,
  choice: CardChoice,
): PaymentStarted {
  return ctx.db.transaction((): PaymentStarted => {
    const invoice = find();
    assertPayable(invoice);
    const card = chooseCard(ctx, accountId, choice);
    const now = ctx.clock.now();
    if (card.last4 === DECLINING_LAST4) throw new RuleError('payment_declined', { reason: 'insufficient funds' });
    if (
      card.exp_year < now.getUTCFullYear() ||
      (card.exp_year === now.getUTCFullYear() && card.exp_month < now.getUTCMonth() + 1)
    ) {
      throw new RuleError('payment_declined', { reason: 'the card has expired' });
    }
    const amount = balanceOf(invoice);
    const transactionId = ctx.ids.id('txn');
    ctx.db
      .prepare(
        `INSERT INTO payments (id, invoice_id, account_id, method, card_id, amount_minor, status, created_at, settles_at)
         VALUES (?, ?, ?, 'card', ?, ?, 'processing', ?, ?)`,
      )
      .run(
        transactionId,
        invoice.id,
        accountId,
        card.id,
        amount,
        ctx.clock.iso(),
        ctx.clock.iso(ctx.settings.paymentDelayMs),
      );
    ctx.db.prepare(`UPDATE invoices SET status = 'payment_pending' WHERE id = ?`).run(invoice.id);
    return { transactionId, amountMinor: amount, invoice: reload(ctx, invoice.id) };
  })();
}

interface PaymentRow {
  id: string;
  invoice_id: string;
  account_id: string;
  method: 'card' | 'paymentLink';
  amount_minor: number;
  status: 'processing' | 'succeeded';
  session_id: string | null;
}

function settle(ctx: SandboxContext, payment: PaymentRow): void {
  const invoice = reload(ctx, payment.invoice_id);
  ctx.db
    .prepare(`UPDATE payments SET status = 'succeeded', settled_at = ? WHERE id = ?`)
    .run(ctx.clock.iso(), payment.id);
  ctx.db
    .prepare('UPDATE invoices SET amount_paid_minor = amount_paid_minor + ? WHERE id = ?')
    .run(payment.amount_minor, invoice.id);
  ctx.db
    .prepare(
      'INSERT INTO ledger (id, account_id, kind, method, description, amount_minor, invoice_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(
      payment.id,
      payment.account_id,
      'transaction',
      payment.method,
      `${payment.method === 'card' ? 'Kortbetalning' : 'Betalning via betalningslänk'}, faktura ${invoice.number ?? ''}`,
      payment.amount_minor,
      invoice.id,
      ctx.clock.iso(),
    );
  markPaid(ctx, reload(ctx, invoice.id), { email: true });
}

const DUE = `SELECT * FROM payments WHERE status = 'processing' AND settles_at <= ? ORDER BY settles_at`;

/** Settles every payment whose time has come on the sandbox clock. Cheap when there is none. */
export function settleDuePayments(ctx: SandboxContext): number {
  const due = ctx.db.prepare(DUE).all(ctx.clock.iso()) as PaymentRow[];
  if (due.length === 0) return 0;
  ctx.db.transaction(() => {
    for (const payment of due) settle(ctx, payment);
  })();
  return due.length;
}

/** Completes a checkout session now (the sandbox's stand-in for the payer finishing the checkout). */
export function completeCheckout(
  ctx: SandboxContext,
  sessionId: string,
): { found: boolean; invoiceId?: string; status?: string } {
  return ctx.db.transaction(() => {
    const payment = ctx.db.prepare('SELECT * FROM payments WHERE session_id = ?').get(sessionId) as
      | PaymentRow
      | undefined;
    if (!payment) return { found: false };
    if (payment.status === 'processing') settle(ctx, payment);
    return { found: true, invoiceId: payment.invoice_id, status: 'succeeded' };
  })();
}
