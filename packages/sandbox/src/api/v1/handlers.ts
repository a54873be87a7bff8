// The v1 operations, by operationId. Handlers return the `data` payload; the v1 renderer wraps it in
// the success envelope (`success`, `timestamp`, `requestId`).
import type { AccountRow } from '../../db/rows.js';
import { addFunds } from '../../domain/add-funds.js';
import { applyCredit } from '../../domain/apply-credit.js';
import { cancelInvoice } from '../../domain/cancel.js';
import type { Ctx } from '../../domain/context.js';
import { balanceOf, findInvoiceByLegacyId } from '../../domain/invoices.js';
import { listCreditLogPaged, listInvoicesPaged } from '../../domain/lists.js';
import { decimalToMinor, minorToDecimal, wholeUnits } from '../../domain/money.js';
import { generateLink, linkState, openLink, paymentUrl, startCheckout } from '../../domain/payment-links.js';
import { startCardPayment } from '../../domain/payments.js';
import { accountOf, type HandlerTable } from '../contract.js';
import * as present from './present.js';

interface InvoiceCall {
  ctx: Ctx;
  account: AccountRow | undefined;
  operationId: string;
}

/** Finds the invoice with this v1 id on the caller's account (a rule error when there is none). */
const finder = (call: InvoiceCall, id: number | string) => () =>
  findInvoiceByLegacyId(call.ctx, accountOf(call).id, Number(id));

/** DecimalStringInput ("130", "130.5", "130.50") is validated by the spec's pattern before a handler runs. */
const amountOf = (text: string) => decimalToMinor(text) ?? Number.NaN;

export const v1Handlers = {
  async listInvoicesV1(call) {
    const { status, page, limit } = call.params.query;
    const result = await listInvoicesPaged(call.ctx, accountOf(call).id, {
      status: status === undefined ? undefined : call.catalog.statusV2(status),
      page: page!,
      limit: limit!,
    });
    return {
      status: 200,
      body: {
        invoices: await Promise.all(result.rows.map((r) => present.invoice(call.ctx, call.catalog, r))),
        hasMore: result.hasMore,
        total: String(result.total),
        pages: result.pages,
        currentPage: result.currentPage,
      },
    };
  },

  async getInvoiceV1(call) {
    const invoice = await finder(call, call.params.path.id)();
    return { status: 200, body: { invoice: await present.invoice(call.ctx, call.catalog, invoice) } };
  },

  async applyCreditV1(call) {
    const outcome = await applyCredit(call.ctx, {
      accountId: accountOf(call).id,
      find: finder(call, call.params.path.id),
      amountMinor: call.body?.amount === undefined ? undefined : amountOf(call.body.amount),
      noEmail: call.body?.noemail === true,
    });
    return {
      status: 200,
      body: {
        message: 'Credit has been applied to invoice',
        invoiceId: String(outcome.invoice.legacy_id),
        amount: minorToDecimal(outcome.appliedMinor),
        invoicePaid: outcome.invoicePaid,
        balance: minorToDecimal(balanceOf(outcome.invoice)),
      },
    };
  },

  async createPaymentLinkV1(call) {
    const { link, reused, invoice } = await generateLink(call.ctx, finder(call, call.params.path.id));
    return {
      status: 200,
      body: {
        paymentUrl: paymentUrl(call.ctx, link.uuid),
        uuid: link.uuid,
        expiresAt: link.expires_at,
        created: link.created_at,
        message: reused ? 'Using existing active payment link' : 'Payment link created',
        invoice: {
          id: String(invoice.legacy_id),
          status: call.catalog.statusV1(invoice.status) as 'Unpaid',
          total: wholeUnits(invoice.total_minor),
          currency: invoice.currency,
        },
      },
    };
  },

  async getPaymentLinkStateV1(call) {
    const { active } = await linkState(call.ctx, await finder(call, call.params.path.id)());
    return {
      status: 200,
      body: {
        hasActiveLink: active !== undefined,
        paymentUrl: active ? paymentUrl(call.ctx, active.uuid) : null,
        uuid: active?.uuid ?? null,
        expiresAt: active?.expires_at ?? null,
        viewCount: active?.view_count ?? 0,
        lastViewed: active?.last_viewed_at ?? null,
      },
    };
  },

  async getPaymentLinkV1(call) {
    const { link, invoice } = await openLink(call.ctx, call.params.path.uuid);
    return {
      status: 200,
      body: { invoice: await present.linkPage(call.ctx, call.catalog, invoice), expiresAt: link.expires_at },
    };
  },

  async payPaymentLinkV1(call) {
    const paymentMethod = call.body!.paymentMethod;
    const session = await startCheckout(call.ctx, call.params.path.uuid, paymentMethod);
    return { status: 200, body: { paymentMethod, sessionId: session.sessionId, checkoutUrl: session.checkoutUrl } };
  },

  async payInvoiceV1(call) {
    const { cardId, invoiceId } = call.body!;
    const started = await startCardPayment(call.ctx, accountOf(call).id, finder(call, invoiceId), {
      legacyCardId: cardId === 'primary' ? 'primary' : Number(cardId),
    });
    return {
      status: 200,
      body: {
        success: true,
        message: 'Function has been scheduled for execution',
        invoiceId: String(started.invoice.legacy_id),
      },
    };
  },

  async cancelInvoiceV1(call) {
    const invoice = await cancelInvoice(call.ctx, finder(call, call.params.path.id));
    return {
      status: 200,
      body: {
        invoice_id: String(invoice.legacy_id),
        message: invoice.kind === 'add_funds' ? 'Add Funds invoice has been cancelled' : 'Invoice has been cancelled',
      },
    };
  },

  async listCardsV1(call) {
    const cards = await call.ctx.tx.cards.ofAccount(accountOf(call).id);
    const now = call.ctx.clock.now();
    return { status: 200, body: { cards: cards.map((c) => present.card(c, now)) } };
  },

  async getAccountSummaryV1(call) {
    const account = accountOf(call);
    return {
      status: 200,
      body: {
        credit: minorToDecimal(account.credit_minor),
        currency: account.currency,
        email: account.email,
        name: account.name,
        country: account.country,
        accountType: account.type,
      },
    };
  },

  async listCreditLogV1(call) {
    const { page, limit } = call.params.query;
    const result = await listCreditLogPaged(call.ctx, accountOf(call).id, { page: page!, limit: limit! });
    return {
      status: 200,
      body: {
        log: await Promise.all(result.rows.map((e) => present.creditLogEntry(call.ctx, e))),
        hasMore: result.hasMore,
        total: String(result.total),
        pages: result.pages,
        currentPage: result.currentPage,
      },
    };
  },

  async addFundsV1(call) {
    const amount = amountOf(call.body!.amount);
    const invoice = await addFunds(call.ctx, accountOf(call).id, amount, call.catalog.addFundsMaxMinor);
    return {
      status: 200,
      body: {
        invoiceId: String(invoice.legacy_id),
        amount: minorToDecimal(amount),
        message: 'Add funds invoice created',
      },
    };
  },
} satisfies Partial<HandlerTable>;
