// Payment links: create-or-reuse for unpaid invoices, expiry after `linkTtlMs` on the sandbox clock,
// view counting on the public page, and the public checkout, which completes when its checkout URL
// is opened or, unattended, after the payment delay.
import type { InvoiceRow, LinkRow } from '../db/rows.js';
import type { Ctx, Domain } from './context.js';
import { balanceOf, reload } from './invoices.js';
import { assertPayable } from './payments.js';
import { RuleError } from './rules.js';

export function paymentUrl(domain: Domain, uuid: string): string {
  return `${domain.settings.publicUrl()}/api/billing/payment-link/${uuid}`;
}

export function checkoutUrl(domain: Domain, sessionId: string): string {
  return `${domain.settings.publicUrl()}/sandbox/checkout/${sessionId}`;
}

export interface LinkState {
  active: LinkRow | undefined;
  previous: LinkRow[];
}

export async function linkState(ctx: Ctx, invoice: InvoiceRow): Promise<LinkState> {
  const now = ctx.clock.iso();
  const links = await ctx.tx.links.ofInvoice(invoice.id);
  return { active: links.filter((l) => l.expires_at > now).at(-1), previous: links.filter((l) => l.expires_at <= now) };
}

export async function generateLink(
  ctx: Ctx,
  find: () => Promise<InvoiceRow>,
): Promise<{ link: LinkRow; reused: boolean; invoice: InvoiceRow }> {
  const invoice = await find();
  if (invoice.status !== 'unpaid')
    throw new RuleError('invoice_not_unpaid', { status: invoice.status, id: invoice.id, legacyId: invoice.legacy_id });
  const { active } = await linkState(ctx, invoice);
  if (active) return { link: active, reused: true, invoice };
  const link: LinkRow = {
    uuid: ctx.ids.uuid(),
    invoice_id: invoice.id,
    created_at: ctx.clock.iso(),
    expires_at: ctx.clock.iso(ctx.settings.linkTtlMs),
    view_count: 0,
    last_viewed_at: null,
  };
  await ctx.tx.links.insert(link);
  return { link, reused: false, invoice };
}

async function findLink(ctx: Ctx, uuid: string): Promise<{ link: LinkRow; invoice: InvoiceRow }> {
  const link = await ctx.tx.links.get(uuid);
  if (!link) throw new RuleError('payment_link_not_found', { uuid });
  if (link.expires_at <= ctx.clock.iso())
    throw new RuleError('payment_link_expired', { uuid, expiresAt: link.expires_at });
  return { link, invoice: await reload(ctx, link.invoice_id) };
}

/** The payer opens the link: counts a view. */
export async function openLink(ctx: Ctx, uuid: string): Promise<{ link: LinkRow; invoice: InvoiceRow }> {
  const { invoice } = await findLink(ctx, uuid);
  await ctx.tx.links.countView(uuid, ctx.clock.iso());
  return { link: (await ctx.tx.links.get(uuid))!, invoice };
}

/** The payer starts a checkout: the invoice becomes `payment_pending` until the checkout completes. */
export async function startCheckout(
  ctx: Ctx,
  uuid: string,
  paymentMethod: string,
): Promise<{ sessionId: string; checkoutUrl: string }> {
  const { link, invoice } = await findLink(ctx, uuid);
  try {
    assertPayable(invoice);
  } catch (error) {
    // The v1 page documents one code for "no longer payable", a pending payment included.
    if (error instanceof RuleError) throw new RuleError('invoice_not_unpaid', error.facts);
    throw error;
  }
  const sessionId = ctx.ids.sessionId();
  await ctx.tx.payments.insert({
    id: ctx.ids.id('txn'),
    invoice_id: invoice.id,
    account_id: invoice.account_id,
    method: 'paymentLink',
    card_id: null,
    link_uuid: link.uuid,
    session_id: sessionId,
    payment_method: paymentMethod,
    amount_minor: balanceOf(invoice),
    status: 'processing',
    created_at: ctx.clock.iso(),
    settles_at: ctx.clock.iso(ctx.settings.paymentDelayMs),
    settled_at: null,
  });
  await ctx.tx.invoices.update(invoice.id, { status: 'payment_pending' });
  return { sessionId, checkoutUrl: checkoutUrl(ctx, sessionId) };
}
