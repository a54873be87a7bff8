// The 16 v2 operations, by operationId: each turns validated input into a domain call and the
// result into the v2 shape. Status codes of successes are the spec's (201 for creations, 202 for
// the asynchronous payment); errors are thrown as rules and rendered by the pipeline.

import { addFunds } from '../../domain/add-funds.js';
import { applyCredit } from '../../domain/apply-credit.js';
import { cancelInvoice } from '../../domain/cancel.js';
import { createCreditInvoice, finalizeInvoice } from '../../domain/credit-invoices.js';
import { creditNotePdf, invoicePdf, type PdfFile } from '../../domain/documents.js';
import { findInvoice } from '../../domain/invoices.js';
import { listInvoices, listLedger } from '../../domain/lists.js';
import { queueEmail } from '../../domain/outbox.js';
import { generateLink, linkState, paymentUrl } from '../../domain/payment-links.js';
import { startCardPayment } from '../../domain/payments.js';
import type { CardRow } from '../../domain/rows.js';
import { RuleError } from '../../domain/rules.js';
import { majorToMinor, minorToMajor } from '../../money.js';
import type { Call, Handler } from '../types.js';
import { accountOf } from '../types.js';
import * as present from './present.js';

const finder = (call: Call) => () => findInvoice(call.ctx, accountOf(call).id, String(call.params.path.id));

function pdfDocument(file: PdfFile) {
  return {
    contentBase64: Buffer.from(file.bytes).toString('base64'),
    contentType: 'application/pdf',
    filename: file.filename,
    byteLength: file.bytes.byteLength,
  };
}

export const v2Handlers: Record<string, Handler> = {
  listInvoices(call) {
    const { status, kind, limit, cursor } = call.params.query;
    const page = listInvoices(call.ctx, accountOf(call).id, { status, kind, limit, cursor });
    return {
      status: 200,
      body: {
        data: page.rows.map((r) => present.invoice(call.ctx, r)),
        hasMore: page.hasMore,
        nextCursor: page.nextCursor,
      },
    };
  },

  getInvoice(call) {
    return { status: 200, body: present.invoice(call.ctx, finder(call)()) };
  },

  payInvoice(call) {
    const savedCardId = call.body?.savedCardId as string | undefined;
    const started = startCardPayment(
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
        invoice: present.invoice(call.ctx, started.invoice),
      },
    };
  },

  applyCreditToInvoice(call) {
    const amount = call.body?.amount as number | undefined;
    const outcome = applyCredit(call.ctx, {
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
        invoice: present.invoice(call.ctx, outcome.invoice),
      },
    };
  },

  cancelInvoice(call) {
    return { status: 200, body: present.invoice(call.ctx, cancelInvoice(call.ctx, finder(call))) };
  },

  finalizeInvoice(call) {
    return { status: 200, body: present.invoice(call.ctx, finalizeInvoice(call.ctx, finder(call))) };
  },

  generatePaymentLink(call) {
    const { link, reused, invoice } = generateLink(call.ctx, finder(call));
    return { status: 200, body: present.paymentLink(call.ctx, link, reused, invoice) };
  },

  getPaymentLinkState(call) {
    const invoice = finder(call)();
    const { active, previous } = linkState(call.ctx, invoice);
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
    return { status: 200, body: pdfDocument(await creditNotePdf(call.ctx, finder(call)())) };
  },

  async getInvoicePdf(call) {
    return { status: 200, body: pdfDocument(await invoicePdf(call.ctx, finder(call)())) };
  },

  createCreditInvoice(call) {
    const body = call.body ?? {};
    const credit = createCreditInvoice(call.ctx, finder(call), {
      note: body.note,
      lines: (body.lines as Array<{ lineId: string; amount: number }> | undefined)?.map((l) => ({
        lineId: l.lineId,
        amountMinor: majorToMinor(l.amount),
      })),
      deliveryDate: body.deliveryDate,
      detailsSource: body.detailsSource ?? 'current',
      hold: body.hold === true,
    });
    return { status: 201, body: present.invoice(call.ctx, credit) };
  },

  resendInvoiceEmail(call) {
    const invoice = finder(call)();
    if (invoice.status === 'draft') throw new RuleError('invoice_is_draft', { status: invoice.status });
    return { status: 200, body: call.ctx.db.transaction(() => queueEmail(call.ctx, invoice, 'invoice'))() };
  },

  getCreditBalance(call) {
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

  addFunds(call) {
    const account = accountOf(call);
    const invoice = addFunds(
      call.ctx,
      account.id,
      majorToMinor(call.body.amount as number),
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

  listActivity(call) {
    const account = accountOf(call);
    const { kind, limit, cursor } = call.params.query;
    const page = listLedger(call.ctx, account.id, { kind, limit, cursor });
    return {
      status: 200,
      body: {
        data: page.rows.map((e) => present.activityEntry(call.ctx, e, account.currency)),
        hasMore: page.hasMore,
        nextCursor: page.nextCursor,
      },
    };
  },

  listCards(call) {
    const cards = call.ctx.db
      .prepare('SELECT * FROM cards WHERE account_id = ? ORDER BY is_primary DESC, legacy_id')
      .all(accountOf(call).id) as CardRow[];
    return { status: 200, body: { data: cards.map(present.card), hasMore: false, nextCursor: null } };
  },
};
