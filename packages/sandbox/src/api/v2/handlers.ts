// The v2 operations, by operationId: each turns validated input into a domain call and the result
// into the v2 shape. Status codes of successes are the spec's (201 for creations, 202 for the
// asynchronous payment); errors are thrown as rules and rendered as problems (problems.ts).
import type { AccountRow } from '../../db/rows.js';
import { addFunds } from '../../domain/add-funds.js';
import { applyCredit } from '../../domain/apply-credit.js';
import { cancelInvoice } from '../../domain/cancel.js';
import type { Ctx } from '../../domain/context.js';
import { createCreditInvoice, finalizeInvoice } from '../../domain/credit-invoices.js';
import { creditNotePdf, invoicePdf } from '../../domain/documents.js';
import { findInvoice } from '../../domain/invoices.js';
import { listInvoices, listLedger } from '../../domain/lists.js';
import { majorToMinor, minorToMajor } from '../../domain/money.js';
import { queueEmail } from '../../domain/outbox.js';
import { generateLink, linkState, paymentUrl } from '../../domain/payment-links.js';
import { startCardPayment } from '../../domain/payments.js';
import { RuleError } from '../../domain/rules.js';
import { accountOf, type HandlerTable } from '../contract.js';
import * as present from './present.js';

interface InvoiceCall {
  ctx: Ctx;
  account: AccountRow | undefined;
  operationId: string;
  params: { path: { id: string } };
}

/** Finds the invoice of the path's `id` on the caller's account (a rule error when there is none). */
const finder = (call: InvoiceCall) => () => findInvoice(call.ctx, accountOf(call).id, call.params.path.id);

export const v2Handlers = {
  async listInvoices(call) {
    const { status, kind, limit, cursor } = call.params.query;
    const page = await listInvoices(call.ctx, accountOf(call).id, { status, kind, limit: limit!, cursor });
    return {
      status: 200,
      body: {
        data: await Promise.all(page.rows.map((r) => present.invoice(call.ctx, r))),
        hasMore: page.hasMore,
        nextCursor: page.nextCursor,
      },
    };
  },

  async getInvoice(call) {
    return { status: 200, body: await present.invoice(call.ctx, await finder(call)()) };
  },

  async payInvoice(call) {
    const savedCardId = call.body?.savedCardId;
    const started = await startCardPayment(
      call.ctx,
      accountOf(call).id,
      finder(call),
      savedCardId === undefined ? {} : { savedCardId },
    );
    return {
      status: 202,
      body: {
        transactionId: started.transactionId,
        status: 'processing',
        amount: minorToMajor(started.amountMinor),
        currencyCode: started.invoice.currency,
        invoice: await present.invoice(call.ctx, started.invoice),
      },
    };
  },

  async applyCreditToInvoice(call) {
    const amount = call.body?.amount;
    const outcome = await applyCredit(call.ctx, {
      accountId: accountOf(call).id,
      find: finder(call),
      amountMinor: amount === undefined ? undefined : majorToMinor(amount),
      noEmail: call.body?.noEmail === true,
    });
    return {
      status: 200,
      body: {
        amountApplied: minorToMajor(outcome.appliedMinor),
        invoicePaid: outcome.invoicePaid,
        remainingCredit: minorToMajor(outcome.remainingCreditMinor),
        currencyCode: outcome.invoice.currency,
        invoice: await present.invoice(call.ctx, outcome.invoice),
      },
    };
  },

  async cancelInvoice(call) {
    return { status: 200, body: await present.invoice(call.ctx, await cancelInvoice(call.ctx, finder(call))) };
  },

  async finalizeInvoice(call) {
    return { status: 200, body: await present.invoice(call.ctx, await finalizeInvoice(call.ctx, finder(call))) };
  },

  async generatePaymentLink(call) {
    const { link, reused, invoice } = await generateLink(call.ctx, finder(call));
    return { status: 200, body: present.paymentLink(call.ctx, link, reused, invoice) };
  },

  async getPaymentLinkState(call) {
    const { active, previous } = await linkState(call.ctx, await finder(call)());
    return {
      status: 200,
      body: {
        hasActiveLink: active !== undefined,
        linkId: active?.uuid ?? null,
        paymentUrl: active ? paymentUrl(call.ctx, active.uuid) : null,
        expiresAt: active?.expires_at ?? null,
        viewCount: active?.view_count ?? 0,
        lastViewedAt: active?.last_viewed_at ?? null,
        previousLinks: previous.map((l) => ({
          linkId: l.uuid,
          createdAt: l.created_at,
          expiresAt: l.expires_at,
          expired: true,
          viewCount: l.view_count,
        })),
      },
    };
  },

  async getCreditNote(call) {
    return { status: 200, body: present.pdfDocument(await creditNotePdf(call.ctx, await finder(call)())) };
  },

  async getInvoicePdf(call) {
    return { status: 200, body: present.pdfDocument(await invoicePdf(call.ctx, await finder(call)())) };
  },

  async createCreditInvoice(call) {
    const body = call.body ?? {};
    const credit = await createCreditInvoice(call.ctx, finder(call), {
      note: body.note,
      lines: body.lines?.map((l) => ({ lineId: l.lineId, amountMinor: majorToMinor(l.amount) })),
      deliveryDate: body.deliveryDate,
      detailsSource: body.detailsSource ?? 'current',
      hold: body.hold === true,
    });
    return { status: 201, body: await present.invoice(call.ctx, credit) };
  },

  async resendInvoiceEmail(call) {
    const invoice = await finder(call)();
    if (invoice.status === 'draft') throw new RuleError('invoice_is_draft', { status: invoice.status });
    return { status: 200, body: await queueEmail(call.ctx, invoice, 'invoice') };
  },

  async getCreditBalance(call) {
    const account = accountOf(call);
    return {
      status: 200,
      body: {
        accountId: account.id,
        accountType: account.type,
        amount: minorToMajor(account.credit_minor),
        currencyCode: account.currency,
      },
    };
  },

  async addFunds(call) {
    const invoice = await addFunds(
      call.ctx,
      accountOf(call).id,
      majorToMinor(call.body!.amount),
      call.catalog.addFundsMaxMinor,
    );
    return {
      status: 201,
      body: {
        invoice: present.invoiceSummary(invoice),
        paymentLinkGeneratorUrl: `/api/v2/billing/invoices/${invoice.id}/actions/generate-payment-link`,
      },
    };
  },

  async listActivity(call) {
    const account = accountOf(call);
    const { kind, limit, cursor } = call.params.query;
    const page = await listLedger(call.ctx, account.id, { kind: kind!, limit: limit!, cursor });
    return {
      status: 200,
      body: {
        data: await Promise.all(page.rows.map((e) => present.activityEntry(call.ctx, e, account.currency))),
        hasMore: page.hasMore,
        nextCursor: page.nextCursor,
      },
    };
  },

  async listCards(call) {
    const cards = await call.ctx.tx.cards.ofAccount(accountOf(call).id);
    return { status: 200, body: { data: cards.map(present.card), hasMore: false, nextCursor: null } };
  },
} satisfies Partial<HandlerTable>;
