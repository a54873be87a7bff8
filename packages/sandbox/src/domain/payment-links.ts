// Payment links (seed 004): create-or-reuse for unpaid invoices, expiry after `linkTtlMs` on the
// sandbox clock, view counting on the public page, and the public checkout, which completes when its
// checkout URL is opened or, unattended, after the payment delay.
import type { SandboxContext } from '../context.js';
import { balanceOf, reload } from './invoices.js';
import { assertPayable } from './payments.js';
import type { InvoiceRow, LinkRow } from './rows.js';
import { RuleError } from './rules.js';

export function paymentUrl(ctx: SandboxContext, uuid: string): string {
  return `${ctx.settings.publicUrl()}/api/billing/payment-link/${uuid}`;
}

export function checkoutUrl(ctx: SandboxContext, sessionId: string): string {
  return `${ctx.settings.publicUrl()}/sandbox/checkout/${sessionId}`;
}

function linksOf(ctx: SandboxContext, invoiceId: string): LinkRow[] {
  return ctx.db
    .prepare('SELECT * FROM payment_links WHERE invoice_id = ? ORDER BY created_at, rowid')
    .all(invoiceId) as LinkRow[];
}

export interface LinkState {
  active: LinkRow | undefined;
  previous: LinkRow[];
}

export function linkState(ctx: SandboxContext, invoice: InvoiceRow): LinkState {
  const now = ctx.clock.iso();
  const links = linksOf(ctx, invoice.id);
  return { active: links.filter((l) => l.expires_at > now).at(-1), previous: links.filter((l) => l.expires_at <= now) };
}

export function generateLink(
  ctx: SandboxContext,
  find: () => InvoiceRow,
): { link: LinkRow; reused: boolean; invoice: InvoiceRow } {
  return ctx.db.transaction(() => {
    const invoice = find();
    if (invoice.status !== 'unpaid')
      throw new RuleError('invoice_not_unpaid', {
        status: invoice.status,
        id: invoice.id,
        legacyId: invoice.legacy_id,
      });
    const { active } = linkState(ctx, invoice);
    if (active) return { link: active, reused: true, invoice };
    const uuid = ctx.ids.uuid();
    ctx.db
      .prepare('INSERT INTO payment_links (uuid, invoice_id, created_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(uuid, invoice.id, ctx.clock.iso(), ctx.clock.iso(ctx.settings.linkTtlMs));
    const link = ctx.db.prepare('SELECT * FROM payment_links WHERE uuid = ?').get(uuid) as LinkRow;
    return { link, reused: false, invoice };
  })();
}

function findLink(ctx: SandboxContext, uuid: string): { link: LinkRow; invoice: InvoiceRow } {
  const link = ctx.db.prepare('SELECT * FROM payment_links WHERE uuid = ?').get(uuid) as LinkRow | undefined;
  if (!link) throw new RuleError('payment_link_not_found', { uuid });
  if (link.expires_at <= ctx.clock.iso())
    throw new RuleError('payment_link_expired', { uuid, expiresAt: link.expires_at });
  return { link, invoice: reload(ctx, link.invoice_id) };
}

/** The payer opens the link: counts a view. */
export function openLink(ctx: SandboxContext, uuid: string): { link: LinkRow; invoice: InvoiceRow } {
  return ctx.db.transaction(() => {
    const { invoice } = findLink(ctx, uuid);
    ctx.db
      .prepare('UPDATE payment_links SET view_count = view_count + 1, last_viewed_at = ? WHERE uuid = ?')
      .run(ctx.clock.iso(), uuid);
    const link = ctx.db.prepare('SELECT * FROM payment_links WHERE uuid = ?').get(uuid) as LinkRow;
    return { link, invoice };
  })();
}

/** The payer starts a checkout: the invoice becomes `payment_pending` until the checkout completes. */
export function startCheckout(
  ctx: SandboxContext,
  uuid: string,
  paymentMethod: string,
): { sessionId: string; checkoutUrl: string } {
  return ctx.db.transaction(() => {
    const { link, invoice } = findLink(ctx, uuid);
    try {
      assertPayable(invoice);
    } catch (error) {
      // The v1 page documents one code for "no longer payable", a pending payment included.
      if (error instanceof RuleError) throw new RuleError('invoice_not_unpaid', error.facts);
      throw error;
    }
    const sessionId = ctx.ids.sessionId();
    ctx.db
      .prepare(
        `INSERT INTO payments (id, invoice_id, account_id, method, link_uuid, session_id, payment_method, amount_minor, status, created_at, settles_at)
         VALUES (?, ?, ?, 'paymentLink', ?, ?, ?, ?, 'processing', ?, ?)`,
      )
      .run(
        ctx.ids.id('txn'),
        invoice.id,
        invoice.account_id,
        link.uuid,
        sessionId,
        paymentMethod,
        balanceOf(invoice),
        ctx.clock.iso(),
        ctx.clock.iso(ctx.settings.paymentDelayMs),
      );
    ctx.db.prepare(`UPDATE invoices SET status = 'payment_pending' WHERE id = ?`).run(invoice.id);
    return { sessionId, checkoutUrl: checkoutUrl(ctx, sessionId) };
  })();
}

/** Expires the invoice's active links now (a cancelled invoice's links stop working). */
export function expireLinks(ctx: SandboxContext, invoiceId: string): void {
  const now = ctx.clock.iso();
  ctx.db
    .prepare('UPDATE payment_links SET expires_at = ? WHERE invoice_id = ? AND expires_at > ?')
    .run(now, invoiceId, now);
}

/** Stores a link as it is (the demo's links, with the ids and dates of the spec's examples). */
export function insertLink(
  ctx: SandboxContext,
  invoiceId: string,
  link: { uuid: string; createdAt: string; expiresAt: string; viewCount: number; lastViewedAt: string | null },
): void {
  ctx.db
    .prepare(
      'INSERT INTO payment_links (uuid, invoice_id, created_at, expires_at, view_count, last_viewed_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(link.uuid, invoiceId, link.createdAt, link.expiresAt, link.viewCount, link.lastViewedAt);
}
