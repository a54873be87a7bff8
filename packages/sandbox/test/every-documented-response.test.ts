// Every (operation, status, code) the spec documents is reachable: the list comes from the spec's
// responses and their examples' codes, and each entry must have a scenario below that produces
// exactly that status and code (and, through the helpers, a body that validates against the spec).
// 401, 403, 429, 500 and the idempotency conflicts are generated for every operation documenting them.

import { openapi } from '@billing-api/openapi';
import { deref, listOperations } from '@billing-api/openapi-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { account, type Fixture, line, UNKNOWN_INVOICE, UNKNOWN_LINE, UNKNOWN_UUID } from './fixtures.js';
import { type ApiResponse, DAY, spec, startTestSandbox, type TestSandbox, V2 } from './helpers.js';

const operations = listOperations(openapi);

/** `operationId status code` for every documented status (code `-` for successes). */
function documentedTriples(): string[] {
  const out: string[] = [];
  for (const op of operations) {
    for (const { status, response } of op.responses) {
      const codes = new Set<string>();
      for (const media of Object.values(response.content ?? {})) {
        for (const example of Object.values(media.examples ?? {}))
          codes.add((deref(openapi, example).value as { code?: string } | undefined)?.code ?? '-');
      }
      for (const code of codes.size ? codes : ['-'])
        out.push(`${op.id} ${status} ${Number(status) < 300 ? '-' : code}`);
    }
  }
  return [...new Set(out)];
}

let t: TestSandbox;
let limited: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ paymentDelayMs: 60_000 });
  limited = await startTestSandbox({ rateLimit: '1/3600s' });
});
afterAll(async () => {
  await t.close();
  await limited.close();
});

type Scenario = () => Promise<ApiResponse>;
const inv = (f: Fixture, i = 0, suffix = '') => `${V2}/invoices/${f.inv(i).id}${suffix}`;
const v1inv = (f: Fixture, i = 0, suffix = '') => `/api/billing/invoice/${f.inv(i).legacyId}${suffix}`;
const acct = (spec?: Parameters<typeof account>[1]) => account(t, spec);
const paidAcct = () => acct({ invoices: [{ status: 'paid', lines: [line()] }] });
const draftAcct = () => acct({ invoices: [{ status: 'draft', lines: [line()] }] });

async function linkUuid(f: Fixture): Promise<string> {
  const res = await t.post(v1inv(f, 0, '/payment-link'), undefined, f.rw);
  return res.body.data.uuid as string;
}

/** A request that succeeds, per operation (also used, with a fault injected, for 500). */
const success: Record<string, Scenario> = {
  listInvoices: async () => t.get(`${V2}/invoices`, (await acct()).rw),
  getInvoice: async () => {
    const f = await acct();
    return t.get(inv(f), f.rw);
  },
  payInvoice: async () => {
    const f = await acct();
    return t.post(inv(f, 0, '/actions/pay'), {}, f.rw);
  },
  applyCreditToInvoice: async () => {
    const f = await acct();
    return t.post(inv(f, 0, '/actions/apply-credit'), { amount: 10 }, f.rw);
  },
  cancelInvoice: async () => {
    const f = await acct();
    return t.post(inv(f, 0, '/actions/cancel'), undefined, f.rw);
  },
  finalizeInvoice: async () => {
    const f = await draftAcct();
    return t.post(inv(f, 0, '/actions/finalize'), undefined, f.rw);
  },
  generatePaymentLink: async () => {
    const f = await acct();
    return t.post(inv(f, 0, '/actions/generate-payment-link'), undefined, f.rw);
  },
  getPaymentLinkState: async () => {
    const f = await acct();
    return t.get(inv(f, 0, '/payment-link'), f.rw);
  },
  getCreditNote: async () => {
    const f = await acct({ invoices: [{ status: 'cancelled', lines: [line()] }] });
    return t.get(inv(f, 0, '/credit-note'), f.rw);
  },
  getInvoicePdf: async () => {
    const f = await acct();
    return t.get(inv(f, 0, '/pdf'), f.rw);
  },
  createCreditInvoice: async () => {
    const f = await acct();
    return t.post(inv(f, 0, '/actions/credit'), { note: 'Fel pris' }, f.rw);
  },
  resendInvoiceEmail: async () => {
    const f = await acct();
    return t.post(inv(f, 0, '/actions/resend-email'), undefined, f.rw);
  },
  getCreditBalance: async () => t.get(`${V2}/credit`, (await acct()).rw),
  addFunds: async () => t.post(`${V2}/credit/actions/add-funds`, { amount: 250 }, (await acct()).rw),
  listActivity: async () => t.get(`${V2}/activity?kind=credit`, (await acct()).rw),
  listCards: async () => t.get(`${V2}/cards`, (await acct()).rw),
  listInvoicesV1: async () => t.get('/api/billing/invoices', (await acct()).rw),
  getInvoiceV1: async () => {
    const f = await acct();
    return t.get(v1inv(f), f.rw);
  },
  applyCreditV1: async () => {
    const f = await acct();
    return t.post(v1inv(f, 0, '/apply-credit'), { amount: '10.00' }, f.rw);
  },
  createPaymentLinkV1: async () => {
    const f = await acct();
    return t.post(v1inv(f, 0, '/payment-link'), undefined, f.rw);
  },
  getPaymentLinkStateV1: async () => {
    const f = await acct();
    return t.get(v1inv(f, 0, '/payment-link'), f.rw);
  },
  getPaymentLinkV1: async () => t.get(`/api/billing/payment-link/${await linkUuid(await acct())}`),
  payPaymentLinkV1: async () =>
    t.post(`/api/billing/payment-link/${await linkUuid(await acct())}/pay`, { paymentMethod: 'swish' }),
  payInvoiceV1: async () => {
    const f = await acct();
    return t.post('/api/billing/pay', { invoiceId: f.inv().legacyId, cardId: 'primary' }, f.rw);
  },
  cancelInvoiceV1: async () => {
    const f = await acct();
    return t.post(v1inv(f, 0, '/cancel'), undefined, f.rw);
  },
  listCardsV1: async () => t.get('/api/billing/cards', (await acct()).rw),
  getAccountSummaryV1: async () => t.get('/api/billing/account-summary', (await acct()).rw),
  listCreditLogV1: async () => t.get('/api/billing/credit-log', (await acct()).rw),
  addFundsV1: async () => t.post('/api/credit/add-funds', { amount: '250.00' }, (await acct()).rw),
};

async function expiredLink(): Promise<string> {
  const uuid = await linkUuid(await acct());
  await t.advance(31 * DAY);
  return uuid;
}

/** Scenarios for specific documented errors. */
const specific: Record<string, Scenario> = {
  'listInvoices 400 invalid_request': async () => t.get(`${V2}/invoices?limit=0`, (await acct()).rw),
  'getInvoice 400 invalid_request': async () => t.get(`${V2}/invoices/inv_123`, (await acct()).rw),
  'getInvoice 404 invoice_not_found': async () => t.get(`${V2}/invoices/${UNKNOWN_INVOICE}`, (await acct()).rw),
  'payInvoice 400 invalid_request': async () => {
    const f = await acct();
    return t.post(inv(f, 0, '/actions/pay'), { savedCardId: 'card_x' }, f.rw);
  },
  'payInvoice 402 payment_declined': async () => {
    const f = await acct({ cards: [{ last4: '0002' }] });
    return t.post(inv(f, 0, '/actions/pay'), {}, f.rw);
  },
  'payInvoice 404 invoice_not_found': async () =>
    t.post(`${V2}/invoices/${UNKNOWN_INVOICE}/actions/pay`, {}, (await acct()).rw),
  'payInvoice 409 invoice_not_unpaid': async () => {
    const f = await paidAcct();
    return t.post(inv(f, 0, '/actions/pay'), {}, f.rw);
  },
  'payInvoice 409 invoice_payment_in_progress': async () => {
    const f = await acct();
    await t.post(inv(f, 0, '/actions/pay'), {}, f.rw);
    return t.post(inv(f, 0, '/actions/pay'), {}, f.rw);
  },
  'payInvoice 422 no_saved_card': async () => {
    const f = await acct({ cards: [] });
    return t.post(inv(f, 0, '/actions/pay'), {}, f.rw);
  },
  'applyCreditToInvoice 400 invalid_request': async () => {
    const f = await acct();
    return t.post(inv(f, 0, '/actions/apply-credit'), { amount: 0 }, f.rw);
  },
  'applyCreditToInvoice 404 invoice_not_found': async () =>
    t.post(`${V2}/invoices/${UNKNOWN_INVOICE}/actions/apply-credit`, {}, (await acct()).rw),
  'applyCreditToInvoice 409 invoice_not_unpaid': async () => {
    const f = await paidAcct();
    return t.post(inv(f, 0, '/actions/apply-credit'), {}, f.rw);
  },
  'applyCreditToInvoice 422 amount_exceeds_credit_balance': async () => {
    const f = await acct({ credit: 10 });
    return t.post(inv(f, 0, '/actions/apply-credit'), { amount: 50 }, f.rw);
  },
  'applyCreditToInvoice 422 amount_exceeds_invoice_balance': async () => {
    const f = await acct();
    return t.post(inv(f, 0, '/actions/apply-credit'), { amount: 500 }, f.rw);
  },
  'applyCreditToInvoice 422 no_credit_available': async () => {
    const f = await acct({ credit: 0 });
    return t.post(inv(f, 0, '/actions/apply-credit'), {}, f.rw);
  },
  'cancelInvoice 400 invalid_request': async () => {
    const f = await acct();
    return t.post(inv(f, 0, '/actions/cancel'), { reason: 'x' }, f.rw);
  },
  'cancelInvoice 404 invoice_not_found': async () =>
    t.post(`${V2}/invoices/${UNKNOWN_INVOICE}/actions/cancel`, undefined, (await acct()).rw),
  'cancelInvoice 409 invoice_not_cancellable': async () => {
    const f = await paidAcct();
    return t.post(inv(f, 0, '/actions/cancel'), undefined, f.rw);
  },
  'finalizeInvoice 400 invalid_request': async () => {
    const f = await draftAcct();
    return t.post(inv(f, 0, '/actions/finalize'), { note: 'x' }, f.rw);
  },
  'finalizeInvoice 404 invoice_not_found': async () =>
    t.post(`${V2}/invoices/${UNKNOWN_INVOICE}/actions/finalize`, undefined, (await acct()).rw),
  'finalizeInvoice 409 invoice_not_draft': async () => {
    const f = await acct();
    return t.post(inv(f, 0, '/actions/finalize'), undefined, f.rw);
  },
  'finalizeInvoice 422 credit_exceeds_creditable': async () => {
    const f = await paidAcct();
    const held = await t.post(inv(f, 0, '/actions/credit'), { hold: true }, f.rw);
    await t.post(inv(f, 0, '/actions/credit'), {}, f.rw);
    return t.post(`${V2}/invoices/${held.body.id}/actions/finalize`, undefined, f.rw);
  },
  'generatePaymentLink 400 invalid_request': async () => {
    const f = await acct();
    return t.post(inv(f, 0, '/actions/generate-payment-link'), { expiresInDays: 3 }, f.rw);
  },
  'generatePaymentLink 404 invoice_not_found': async () =>
    t.post(`${V2}/invoices/${UNKNOWN_INVOICE}/actions/generate-payment-link`, undefined, (await acct()).rw),
  'generatePaymentLink 409 invoice_not_unpaid': async () => {
    const f = await paidAcct();
    return t.post(inv(f, 0, '/actions/generate-payment-link'), undefined, f.rw);
  },
  'getPaymentLinkState 400 invalid_request': async () => t.get(`${V2}/invoices/INV_1/payment-link`, (await acct()).rw),
  'getPaymentLinkState 404 invoice_not_found': async () =>
    t.get(`${V2}/invoices/${UNKNOWN_INVOICE}/payment-link`, (await acct()).rw),
  'getCreditNote 400 invalid_request': async () => t.get(`${V2}/invoices/inv_/credit-note`, (await acct()).rw),
  'getCreditNote 404 invoice_not_found': async () =>
    t.get(`${V2}/invoices/${UNKNOWN_INVOICE}/credit-note`, (await acct()).rw),
  'getCreditNote 409 credit_note_unavailable': async () => {
    const f = await acct();
    return t.get(inv(f, 0, '/credit-note'), f.rw);
  },
  'getInvoicePdf 400 invalid_request': async () => t.get(`${V2}/invoices/46376/pdf`, (await acct()).rw),
  'getInvoicePdf 404 invoice_not_found': async () => t.get(`${V2}/invoices/${UNKNOWN_INVOICE}/pdf`, (await acct()).rw),
  'getInvoicePdf 409 invoice_is_draft': async () => {
    const f = await draftAcct();
    return t.get(inv(f, 0, '/pdf'), f.rw);
  },
  'createCreditInvoice 400 invalid_request': async () => {
    const f = await acct();
    return t.post(inv(f, 0, '/actions/credit'), { lines: [{ lineId: UNKNOWN_LINE, amount: 0 }] }, f.rw);
  },
  'createCreditInvoice 404 invoice_not_found': async () =>
    t.post(`${V2}/invoices/${UNKNOWN_INVOICE}/actions/credit`, {}, (await acct()).rw),
  'createCreditInvoice 409 invoice_not_creditable': async () => {
    const f = await acct({ invoices: [{ status: 'cancelled', lines: [line()] }] });
    return t.post(inv(f, 0, '/actions/credit'), {}, f.rw);
  },
  'createCreditInvoice 422 credit_exceeds_creditable': async () => {
    const f = await acct();
    const invoice = await t.get(inv(f), f.rw);
    return t.post(
      inv(f, 0, '/actions/credit'),
      { lines: [{ lineId: invoice.body.lines[0].id, amount: 100.01 }] },
      f.rw,
    );
  },
  'createCreditInvoice 422 unknown_invoice_line': async () => {
    const f = await acct();
    return t.post(inv(f, 0, '/actions/credit'), { lines: [{ lineId: UNKNOWN_LINE, amount: 1 }] }, f.rw);
  },
  'createCreditInvoice 422 nothing_to_credit': async () => {
    const f = await paidAcct();
    await t.post(inv(f, 0, '/actions/credit'), {}, f.rw);
    return t.post(inv(f, 0, '/actions/credit'), {}, f.rw);
  },
  'resendInvoiceEmail 400 invalid_request': async () => {
    const f = await acct();
    return t.post(inv(f, 0, '/actions/resend-email'), { to: 'x@example.com' }, f.rw);
  },
  'resendInvoiceEmail 404 invoice_not_found': async () =>
    t.post(`${V2}/invoices/${UNKNOWN_INVOICE}/actions/resend-email`, undefined, (await acct()).rw),
  'resendInvoiceEmail 409 invoice_is_draft': async () => {
    const f = await draftAcct();
    return t.post(inv(f, 0, '/actions/resend-email'), undefined, f.rw);
  },
  'addFunds 400 invalid_request': async () =>
    t.post(`${V2}/credit/actions/add-funds`, { amount: 100000.01 }, (await acct()).rw),
  'listActivity 400 invalid_request': async () => t.get(`${V2}/activity?limit=101`, (await acct()).rw),
  'listInvoicesV1 400 BAD_REQUEST': async () => t.get('/api/billing/invoices?page=0', (await acct()).rw),
  'getInvoiceV1 400 BAD_REQUEST': async () => t.get('/api/billing/invoice/abc', (await acct()).rw),
  'getInvoiceV1 404 INVOICE_NOT_FOUND': async () => t.get('/api/billing/invoice/999999', (await acct()).rw),
  'applyCreditV1 400 INVOICE_NOT_UNPAID': async () => {
    const f = await paidAcct();
    return t.post(v1inv(f, 0, '/apply-credit'), { amount: '1.00' }, f.rw);
  },
  'applyCreditV1 400 AMOUNT_NOT_POSITIVE': async () => {
    const f = await acct();
    return t.post(v1inv(f, 0, '/apply-credit'), { amount: '0.00' }, f.rw);
  },
  'applyCreditV1 400 AMOUNT_EXCEEDS_CREDIT_BALANCE': async () => {
    const f = await acct({ credit: 10 });
    return t.post(v1inv(f, 0, '/apply-credit'), { amount: '50.00' }, f.rw);
  },
  'applyCreditV1 400 AMOUNT_EXCEEDS_INVOICE_BALANCE': async () => {
    const f = await acct();
    return t.post(v1inv(f, 0, '/apply-credit'), { amount: '500.00' }, f.rw);
  },
  'applyCreditV1 400 BAD_REQUEST': async () => {
    const f = await acct();
    return t.post(v1inv(f, 0, '/apply-credit'), { amount: 130 }, f.rw);
  },
  'applyCreditV1 404 INVOICE_NOT_FOUND': async () =>
    t.post('/api/billing/invoice/999999/apply-credit', { amount: '1.00' }, (await acct()).rw),
  'createPaymentLinkV1 400 INVOICE_NOT_UNPAID': async () => {
    const f = await paidAcct();
    return t.post(v1inv(f, 0, '/payment-link'), undefined, f.rw);
  },
  'createPaymentLinkV1 404 INVOICE_NOT_FOUND': async () =>
    t.post('/api/billing/invoice/999999/payment-link', undefined, (await acct()).rw),
  'getPaymentLinkStateV1 400 BAD_REQUEST': async () => t.get('/api/billing/invoice/0/payment-link', (await acct()).rw),
  'getPaymentLinkStateV1 404 INVOICE_NOT_FOUND': async () =>
    t.get('/api/billing/invoice/999999/payment-link', (await acct()).rw),
  'getPaymentLinkV1 400 BAD_REQUEST': async () => t.get('/api/billing/payment-link/not-a-uuid'),
  'getPaymentLinkV1 404 PAYMENT_LINK_NOT_FOUND': async () => t.get(`/api/billing/payment-link/${UNKNOWN_UUID}`),
  'getPaymentLinkV1 410 PAYMENT_LINK_EXPIRED': async () => t.get(`/api/billing/payment-link/${await expiredLink()}`),
  'payPaymentLinkV1 400 BAD_REQUEST': async () =>
    t.post(`/api/billing/payment-link/${await linkUuid(await acct())}/pay`, { paymentMethod: 'cash' }),
  'payPaymentLinkV1 400 INVOICE_NOT_UNPAID': async () => {
    const uuid = await linkUuid(await acct());
    await t.post(`/api/billing/payment-link/${uuid}/pay`, { paymentMethod: 'card' });
    return t.post(`/api/billing/payment-link/${uuid}/pay`, { paymentMethod: 'card' });
  },
  'payPaymentLinkV1 404 PAYMENT_LINK_NOT_FOUND': async () =>
    t.post(`/api/billing/payment-link/${UNKNOWN_UUID}/pay`, { paymentMethod: 'card' }),
  'payPaymentLinkV1 410 PAYMENT_LINK_EXPIRED': async () =>
    t.post(`/api/billing/payment-link/${await expiredLink()}/pay`, { paymentMethod: 'card' }),
  'payInvoiceV1 400 INVOICE_NOT_UNPAID': async () => {
    const f = await paidAcct();
    return t.post('/api/billing/pay', { invoiceId: f.inv().legacyId, cardId: 'primary' }, f.rw);
  },
  'payInvoiceV1 400 PAYMENT_IN_PROGRESS': async () => {
    const f = await acct();
    await t.post('/api/billing/pay', { invoiceId: f.inv().legacyId, cardId: 'primary' }, f.rw);
    return t.post('/api/billing/pay', { invoiceId: f.inv().legacyId, cardId: 'primary' }, f.rw);
  },
  'payInvoiceV1 400 CARD_NOT_FOUND': async () => {
    const f = await acct();
    return t.post('/api/billing/pay', { invoiceId: f.inv().legacyId, cardId: '99' }, f.rw);
  },
  'payInvoiceV1 400 BAD_REQUEST': async () => {
    const f = await acct();
    return t.post('/api/billing/pay', { invoiceId: f.inv().legacyId }, f.rw);
  },
  'payInvoiceV1 402 PAYMENT_DECLINED': async () => {
    const f = await acct({ cards: [{ last4: '0002' }] });
    return t.post('/api/billing/pay', { invoiceId: f.inv().legacyId, cardId: f.cards[0]!.legacyId }, f.rw);
  },
  'payInvoiceV1 404 INVOICE_NOT_FOUND': async () =>
    t.post('/api/billing/pay', { invoiceId: '999999', cardId: 'primary' }, (await acct()).rw),
  'cancelInvoiceV1 400 INVOICE_NOT_CANCELLABLE': async () => {
    const f = await paidAcct();
    return t.post(v1inv(f, 0, '/cancel'), undefined, f.rw);
  },
  'cancelInvoiceV1 404 INVOICE_NOT_FOUND': async () =>
    t.post('/api/billing/invoice/999999/cancel', undefined, (await acct()).rw),
  'listCreditLogV1 400 BAD_REQUEST': async () => t.get('/api/billing/credit-log?limit=101', (await acct()).rw),
  'addFundsV1 400 AMOUNT_OUT_OF_RANGE': async () =>
    t.post('/api/credit/add-funds', { amount: '100000.01' }, (await acct()).rw),
  'addFundsV1 400 BAD_REQUEST': async () => t.post('/api/credit/add-funds', { amount: '250.001' }, (await acct()).rw),
};

/** A concrete path of an operation whose ids need not exist (for checks that run before lookup). */
function anyPath(template: string): string {
  return template
    .replace('{id}', template.startsWith('/api/v2/') ? UNKNOWN_INVOICE : '1')
    .replace('{uuid}', UNKNOWN_UUID);
}

function generic(operationId: string, status: string, code: string): Scenario | undefined {
  const op = spec.getOperation(operationId)!;
  const scope = Object.values(op.security[0] ?? {})[0]?.[0];
  if (status === '401') return () => t.call(op.method, anyPath(op.pathTemplate));
  if (status === '403') {
    return async () => {
      const f = await acct();
      return t.call(op.method, anyPath(op.pathTemplate), { key: scope === 'write:billing' ? f.ro : f.wo });
    };
  }
  if (status === '429') {
    return async () => {
      const key = limited.keys.business;
      await limited.call(op.method, anyPath(op.pathTemplate), { key }); // uses the one token (or the IP's)
      return limited.call(op.method, anyPath(op.pathTemplate), { key });
    };
  }
  if (status === '413') {
    return async () => {
      const f = await acct();
      const path = anyPath(op.pathTemplate).replace(UNKNOWN_INVOICE, f.inv().id);
      const raw = JSON.stringify({ note: 'x'.repeat(1_100_000) });
      return t.call(op.method, path, { key: f.rw, raw, headers: { 'Content-Type': 'application/json' } });
    };
  }
  if (status === '500') {
    return async () => {
      await t.control('POST', '/sandbox/faults', { operationId });
      try {
        return await success[operationId]!();
      } finally {
        await t.control('POST', '/sandbox/faults', { operationId, enabled: false });
      }
    };
  }
  if (code === 'idempotency_key_reused') {
    return async () => {
      const f = await acct({
        invoices: [
          { status: 'unpaid', lines: [line()] },
          { status: 'unpaid', lines: [line()] },
        ],
      });
      const target = (i: number) => anyPath(op.pathTemplate).replace(UNKNOWN_INVOICE, f.inv(i).id);
      const body = op.requestBody === 'none' ? undefined : operationId === 'addFunds' ? { amount: 1 } : {};
      const key = `reuse-${operationId}`;
      await t.call(op.method, target(0), { key: f.rw, idempotencyKey: key, ...(body ? { body } : {}) });
      // Same key, another request: another invoice (actions without a body) or another body.
      const other = operationId === 'addFunds' ? { body: { amount: 2 } } : body ? { body: { ...body } } : {};
      return t.call(op.method, operationId === 'addFunds' ? target(0) : target(1), {
        key: f.rw,
        idempotencyKey: key,
        ...other,
      });
    };
  }
  if (code === 'idempotency_request_in_progress') {
    return async () => {
      const f = await acct();
      const path = anyPath(op.pathTemplate).replace(UNKNOWN_INVOICE, f.inv().id);
      const body = op.requestBody === 'none' ? {} : { body: operationId === 'addFunds' ? { amount: 1 } : {} };
      await t.control('POST', '/sandbox/latency', { operationId, ms: 500 });
      try {
        // Whichever arrives first runs (held by the latency); the other finds its "running" row.
        const both = await Promise.all(
          [1, 2].map(() => t.call(op.method, path, { key: f.rw, idempotencyKey: 'slow', ...body })),
        );
        return both.find((r) => r.body?.code === 'idempotency_request_in_progress') ?? both[1]!;
      } finally {
        await t.control('POST', '/sandbox/latency', { operationId, ms: 0 });
      }
    };
  }
  return undefined;
}

describe('every documented status and code is reachable', () => {
  const triples = documentedTriples();

  it('covers every operation of the spec', () => {
    expect(new Set(triples.map((x) => x.split(' ')[0]))).toEqual(new Set(operations.map((o) => o.id)));
  });

  it.each(triples)('%s', async (triple) => {
    const [operationId, status, code] = triple.split(' ') as [string, string, string];
    const scenario =
      code === '-' && Number(status) < 300
        ? success[operationId]
        : (specific[triple] ?? generic(operationId, status, code));
    if (!scenario) throw new Error(`no scenario produces ${triple}`);
    const response = await scenario();
    expect({ status: response.status, code: response.body?.code ?? '-' }).toEqual({ status: Number(status), code });
  });
});
