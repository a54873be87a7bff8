// The 13 v1 operations, by operationId. Handlers return the `data` payload; the pipeline wraps it in
// the v1 success envelope (`success`, `timestamp`, `requestId`).

import { addFunds } from '../../domain/add-funds.js';
import { applyCredit } from '../../domain/apply-credit.js';
import { cancelInvoice } from '../../domain/cancel.js';
import { balanceOf, findInvoiceByLegacyId } from '../../domain/invoices.js';
import { listCreditLogPaged, listInvoicesPaged } from '../../domain/lists.js';
import { generateLink, linkState, openLink, paymentUrl, startCheckout } from '../../domain/payment-links.js';
import { startCardPayment } from '../../domain/payments.js';
import type { CardRow } from '../../domain/rows.js';
import { decimalToMinor, minorToDecimal } from '../../money.js';
import type { Call, Handler } from '../types.js';
import { accountOf } from '../types.js';
import * as present from './present.js';

const finder =
  (call: Call, id: unknown = call.params.path.id) =>
  () =>
    findInvoiceByLegacyId(call.ctx, accountOf(call).id, Number(id));
/** DecimalString is validated by the spec's pattern before a handler runs. */
const amountOf = (text: string) => decimalToMinor(text) ?? Number.NaN;

export const v1Handlers: Record<string, Handler> = {
  listInvoicesV1(call) {
    const { status, page, limit } = call.params.query;
    const result = listInvoicesPaged(call.ctx, accountOf(call).id, {
      status: status === undefined ? undefined : call.catalog.statusV2(status),
      page,
      limit,
    });
    return {
      status: 200,
      body: {
        invoices: result.rows.map((r) => present.invoice(call.ctx, call.catalog, r)),
        hasMore: result.hasMore,
        total: String(result.total),
        pages: result.pages,
        currentPage: result.currentPage,
      },
    };
  },

  getInvoiceV1(call) {
    return { status: 200, body: { invoice: present.invoice(call.ctx, call.catalog, finder(call)()) } };
  },

  applyCreditV1(call) {
    const outcome = applyCredit(call.ctx, {
      accountId: accountOf(call).id,
      find: finder(call),
      amountMinor: amountOf(call.body.amount),
      noEmail: false,
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

  createPaymentLinkV1(call) {
    const { link, reused, invoice } = generateLink(call.ctx, finder(call));
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
          status: call.catalog.statusV1(invoice.status),
          total: minorToDecimal(invoice.total_minor),
          currency: invoice.currency,
        },
      },
    };
  },

  getPaymentLinkStateV1(call) {
    const { active } = linkState(call.ctx, finder(call)());
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

  getPaymentLinkV1(call) {
    const { link, invoice } = openLink(call.ctx, String(call.params.path.uuid));
    return {
      status: 200,
      body: { invoice: present.linkPage(call.ctx, call.catalog, invoice), expiresAt: link.expires_at },
    };
  },

  payPaymentLinkV1(call) {
    const paymentMethod = String(call.body.paymentMethod);
    const session = startCheckout(call.ctx, String(call.params.path.uuid), paymentMethod);
    return { status: 200, body: { paymentMethod, sessionId: session.sessionId, checkoutUrl: session.checkoutUrl } };
  },

  payInvoiceV1(call) {
    const cardId = String(call.body.cardId);
    const started = startCardPayment(call.ctx, accountOf(call).id, finder(call, call.body.invoiceId), {
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

  cancelInvoiceV1(call) {
    const invoice = cancelInvoice(call.ctx, finder(call));
    return {
      status: 200,
      body: {
        invoice_id: String(invoice.legacy_id),
        message: invoice.kind === 'add_funds' ? 'Add Funds invoice has been cancelled' : 'Invoice has been cancelled',
      },
    };
  },

  listCardsV1(call) {
    const cards = call.ctx.db
      .prepare('SELECT * FROM cards WHERE account_id = ? ORDER BY is_primary DESC, legacy_id')
      .all(accountOf(call).id) as CardRow[];
    const now = call.ctx.clock.now();
    return { status: 200, body: { cards: cards.map((c) => present.card(c, now)) } };
  },

  getAccountSummaryV1(call) {
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

  listCreditLogV1(call) {
    const { page, limit } = call.params.query;
    const result = listCreditLogPaged(call.ctx, accountOf(call).id, { page, limit });
    return {
      status: 200,
      body: {
        log: result.rows.map((e) => present.creditLogEntry(call.ctx, e)),
        hasMore: result.hasMore,
        total: String(result.total),
        pages: result.pages,
        currentPage: result.currentPage,
      },
    };
  },

  addFundsV1(call) {
    const amount = amountOf(call.body.amount);
    const invoice = addFunds(call.ctx, accountOf(call).id, amount, call.catalog.addFundsMaxMinor);
    return {
      status: 200,
      body: {
        invoiceId: String(invoice.legacy_id),
        amount: minorToDecimal(amount),
        message: 'Add funds invoice created',
      },
    };
  },
};
