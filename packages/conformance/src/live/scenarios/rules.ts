// Business-rule scenarios: each documented 4xx that a business rule of the API produces (402
// declined, 409 wrong status, 410 expired link, 422 amounts, v1's 400 codes), provoked by putting an
// account in the state that breaks the rule. Amounts are computed from the account's own balances.

import type { Invoice, SuccessBody } from '@billing-api/types';
import type { ConformanceValidator } from '../../validators.js';
import { Unreachable } from '../errors.js';
import type { AccountRecipe, Fixture } from '../fixtures.js';
import { sampleFromPattern, unknownIdFor } from '../patterns.js';
import { linkUuid } from '../recipes.js';
import type { Scenario, ScenarioContext } from '../scenario.js';
import { bodyPropertySchema } from './common.js';

type Rule = Omit<Scenario, 'id' | 'kind' | 'run'> & {
  needs?: AccountRecipe;
  probe(f: Fixture, ctx: ScenarioContext): Promise<void>;
};

const PAID: AccountRecipe = { invoices: [{ status: 'paid' }] };
const DRAFT: AccountRecipe = { invoices: [{ status: 'draft' }] };
const id = (invoice: { id: string | number }) => ({ pathParams: { id: invoice.id } });
const decimal = (n: number) => n.toFixed(2);
const CLOCK = 'needs the server clock moved past the link expiry; only a sandbox has a clock to move';
const DECLINING = 'needs a saved card that declines; only a sandbox has test cards';

/**
 * A v1 payment link past its expiry, made once per run and shared by the scenarios that need one,
 * so the run moves one account's clock once, just past the link's `expiresAt`.
 */
function expiredLink(f: Fixture, ctx: ScenarioContext): Promise<string> {
  return ctx.once('an expired payment link', async () => {
    const invoice = await f.invoiceV1('unpaid');
    const created = ctx.setup<SuccessBody<'createPaymentLinkV1'>>(
      await f.call('createPaymentLinkV1', { pathParams: { id: invoice.id } }),
      200,
    );
    await ctx.clock!.advancePast(f, created.data.expiresAt, created.timestamp);
    return created.data.uuid;
  });
}

function rules(validator: ConformanceValidator): Rule[] {
  return [
    // --- v2 ---
    {
      operation: 'payInvoice',
      status: 402,
      code: 'payment_declined',
      title: 'pay with a saved card that declines',
      sandboxOnly: DECLINING,
      needs: { cards: 'declines' },
      probe: async (f, ctx) =>
        void ctx.expect(
          await f.call('payInvoice', {
            ...id(await f.invoice('unpaid')),
            body: { savedCardId: (await f.cards())[0]!.id },
          }),
          402,
          'payment_declined',
        ),
    },
    {
      operation: 'payInvoice',
      status: 409,
      code: 'invoice_not_unpaid',
      title: 'pay an invoice that is already paid',
      needs: PAID,
      probe: async (f, ctx) =>
        void ctx.expect(
          await f.call('payInvoice', { ...id(await f.invoice('paid')), body: {} }),
          409,
          'invoice_not_unpaid',
        ),
    },
    {
      operation: 'payInvoice',
      status: 409,
      code: 'invoice_payment_in_progress',
      title: 'pay an invoice twice, the second time while the first payment is processing',
      probe: async (f, ctx) => {
        const target = id(await f.invoice('unpaid'));
        ctx.setup(await f.call('payInvoice', { ...target, body: {} }), 202);
        ctx.expect(await f.call('payInvoice', { ...target, body: {} }), 409, 'invoice_payment_in_progress');
      },
    },
    {
      operation: 'payInvoice',
      status: 422,
      code: 'no_saved_card',
      title: 'pay with the primary card on an account without saved cards',
      needs: { cards: 'none' },
      probe: async (f, ctx) =>
        void ctx.expect(
          await f.call('payInvoice', { ...id(await f.invoice('unpaid')), body: {} }),
          422,
          'no_saved_card',
        ),
    },
    {
      operation: 'applyCreditToInvoice',
      status: 409,
      code: 'invoice_not_unpaid',
      title: 'apply credit to a paid invoice',
      needs: PAID,
      probe: async (f, ctx) =>
        void ctx.expect(
          await f.call('applyCreditToInvoice', { ...id(await f.invoice('paid')), body: {} }),
          409,
          'invoice_not_unpaid',
        ),
    },
    {
      operation: 'applyCreditToInvoice',
      status: 422,
      code: 'amount_exceeds_credit_balance',
      title: 'apply more than the credit balance (but not more than the invoice balance)',
      needs: { credit: 10 },
      probe: async (f, ctx) => {
        const invoice = await f.invoice('unpaid');
        const amount = (await f.credit()).amount + 1;
        if (amount > invoice.balance)
          throw new Unreachable(
            `needs a credit balance below the invoice balance minus 1 (credit ${amount - 1}, balance ${invoice.balance})`,
          );
        ctx.expect(
          await f.call('applyCreditToInvoice', { ...id(invoice), body: { amount } }),
          422,
          'amount_exceeds_credit_balance',
        );
      },
    },
    {
      operation: 'applyCreditToInvoice',
      status: 422,
      code: 'amount_exceeds_invoice_balance',
      title: 'apply more than the invoice balance (but not more than the credit balance)',
      needs: { credit: 1000 },
      probe: async (f, ctx) => {
        const invoice = await f.invoice('unpaid');
        const amount = invoice.balance + 1;
        const credit = (await f.credit()).amount;
        if (credit < amount)
          throw new Unreachable(
            `needs a credit balance above the invoice balance plus 1 (credit ${credit}, balance ${invoice.balance})`,
          );
        ctx.expect(
          await f.call('applyCreditToInvoice', { ...id(invoice), body: { amount } }),
          422,
          'amount_exceeds_invoice_balance',
        );
      },
    },
    {
      operation: 'applyCreditToInvoice',
      status: 422,
      code: 'no_credit_available',
      title: 'apply credit on an account with no credit',
      needs: { credit: 0 },
      probe: async (f, ctx) => {
        if ((await f.credit()).amount !== 0) throw new Unreachable('needs an account whose credit balance is 0');
        ctx.expect(
          await f.call('applyCreditToInvoice', { ...id(await f.invoice('unpaid')), body: {} }),
          422,
          'no_credit_available',
        );
      },
    },
    {
      operation: 'cancelInvoice',
      status: 409,
      code: 'invoice_not_cancellable',
      title: 'cancel a paid invoice',
      needs: PAID,
      probe: async (f, ctx) =>
        void ctx.expect(await f.call('cancelInvoice', id(await f.invoice('paid'))), 409, 'invoice_not_cancellable'),
    },
    {
      operation: 'finalizeInvoice',
      status: 409,
      code: 'invoice_not_draft',
      title: 'finalize an unpaid (already issued) invoice',
      probe: async (f, ctx) =>
        void ctx.expect(await f.call('finalizeInvoice', id(await f.invoice('unpaid'))), 409, 'invoice_not_draft'),
    },
    {
      operation: 'finalizeInvoice',
      status: 422,
      code: 'credit_exceeds_creditable',
      title: 'finalize a held credit invoice after the rest of the invoice was credited',
      needs: PAID,
      probe: async (f, ctx) => {
        const original = id(await f.invoice('paid'));
        const held = ctx.setup<Invoice>(
          await f.call('createCreditInvoice', { ...original, body: { hold: true } }),
          201,
        );
        ctx.setup(await f.call('createCreditInvoice', { ...original, body: {} }), 201);
        ctx.expect(await f.call('finalizeInvoice', id(held)), 422, 'credit_exceeds_creditable');
      },
    },
    {
      operation: 'generatePaymentLink',
      status: 409,
      code: 'invoice_not_unpaid',
      title: 'create a payment link for a paid invoice',
      needs: PAID,
      probe: async (f, ctx) =>
        void ctx.expect(await f.call('generatePaymentLink', id(await f.invoice('paid'))), 409, 'invoice_not_unpaid'),
    },
    {
      operation: 'getCreditNote',
      status: 409,
      code: 'credit_note_unavailable',
      title: 'fetch the credit note of an unpaid invoice',
      probe: async (f, ctx) =>
        void ctx.expect(await f.call('getCreditNote', id(await f.invoice('unpaid'))), 409, 'credit_note_unavailable'),
    },
    {
      operation: 'getInvoicePdf',
      status: 409,
      code: 'invoice_is_draft',
      title: 'fetch the PDF of a draft invoice',
      needs: DRAFT,
      probe: async (f, ctx) =>
        void ctx.expect(await f.call('getInvoicePdf', id(await f.invoice('draft'))), 409, 'invoice_is_draft'),
    },
    {
      operation: 'createCreditInvoice',
      status: 409,
      code: 'invoice_not_creditable',
      title: 'credit a cancelled invoice',
      needs: { invoices: [{ status: 'cancelled' }] },
      probe: async (f, ctx) =>
        void ctx.expect(
          await f.call('createCreditInvoice', { ...id(await f.invoice('cancelled')), body: {} }),
          409,
          'invoice_not_creditable',
        ),
    },
    {
      operation: 'createCreditInvoice',
      status: 422,
      code: 'credit_exceeds_creditable',
      title: 'credit a line for more than its amount',
      probe: async (f, ctx) => {
        const invoice = await f.invoice('unpaid');
        const line = invoice.lines[0]!;
        ctx.expect(
          await f.call('createCreditInvoice', {
            ...id(invoice),
            body: { lines: [{ lineId: line.id, amount: Math.round(line.amount * 100 + 1) / 100 }] },
          }),
          422,
          'credit_exceeds_creditable',
        );
      },
    },
    {
      operation: 'createCreditInvoice',
      status: 422,
      code: 'unknown_invoice_line',
      title: 'credit a line id the invoice does not have (well-formed, never issued)',
      probe: async (f, ctx) => {
        const lineId = unknownIdFor(bodyPropertySchema(validator, 'createCreditInvoice', ['lines', 'items', 'lineId']));
        ctx.expect(
          await f.call('createCreditInvoice', {
            ...id(await f.invoice('unpaid')),
            body: { lines: [{ lineId, amount: 1 }] },
          }),
          422,
          'unknown_invoice_line',
        );
      },
    },
    {
      operation: 'createCreditInvoice',
      status: 422,
      code: 'nothing_to_credit',
      title: 'credit a paid invoice in full, then credit it again',
      needs: PAID,
      probe: async (f, ctx) => {
        const target = id(await f.invoice('paid'));
        ctx.setup(await f.call('createCreditInvoice', { ...target, body: {} }), 201);
        ctx.expect(await f.call('createCreditInvoice', { ...target, body: {} }), 422, 'nothing_to_credit');
      },
    },
    {
      operation: 'resendInvoiceEmail',
      status: 409,
      code: 'invoice_is_draft',
      title: 'resend the email of a draft invoice',
      needs: DRAFT,
      probe: async (f, ctx) =>
        void ctx.expect(await f.call('resendInvoiceEmail', id(await f.invoice('draft'))), 409, 'invoice_is_draft'),
    },
    // --- v1 ---
    {
      operation: 'applyCreditV1',
      status: 400,
      code: 'INVOICE_NOT_UNPAID',
      title: 'apply credit to a paid invoice',
      needs: PAID,
      probe: async (f, ctx) =>
        void ctx.expect(
          await f.call('applyCreditV1', { ...id(await f.invoiceV1('paid')), body: { amount: '1.00' } }),
          400,
          'INVOICE_NOT_UNPAID',
        ),
    },
    {
      operation: 'applyCreditV1',
      status: 400,
      code: 'AMOUNT_NOT_POSITIVE',
      title: 'apply 0.00 credit',
      probe: async (f, ctx) =>
        void ctx.expect(
          await f.call('applyCreditV1', { ...id(await f.invoiceV1('unpaid')), body: { amount: '0.00' } }),
          400,
          'AMOUNT_NOT_POSITIVE',
        ),
    },
    {
      operation: 'applyCreditV1',
      status: 400,
      code: 'AMOUNT_EXCEEDS_CREDIT_BALANCE',
      title: 'apply more than the credit balance',
      needs: { credit: 10 },
      probe: async (f, ctx) => {
        const invoice = await f.invoiceV1('unpaid');
        const amount = (await f.credit()).amount + 1;
        if (amount > Number(invoice.balance))
          throw new Unreachable(`needs a credit balance below the invoice balance minus 1`);
        ctx.expect(
          await f.call('applyCreditV1', { ...id(invoice), body: { amount: decimal(amount) } }),
          400,
          'AMOUNT_EXCEEDS_CREDIT_BALANCE',
        );
      },
    },
    {
      operation: 'applyCreditV1',
      status: 400,
      code: 'AMOUNT_EXCEEDS_INVOICE_BALANCE',
      title: 'apply more than the invoice balance',
      needs: { credit: 1000 },
      probe: async (f, ctx) => {
        const invoice = await f.invoiceV1('unpaid');
        const amount = Number(invoice.balance) + 1;
        if ((await f.credit()).amount < amount)
          throw new Unreachable('needs a credit balance above the invoice balance plus 1');
        ctx.expect(
          await f.call('applyCreditV1', { ...id(invoice), body: { amount: decimal(amount) } }),
          400,
          'AMOUNT_EXCEEDS_INVOICE_BALANCE',
        );
      },
    },
    {
      operation: 'createPaymentLinkV1',
      status: 400,
      code: 'INVOICE_NOT_UNPAID',
      title: 'create a payment link for a paid invoice',
      needs: PAID,
      probe: async (f, ctx) =>
        void ctx.expect(await f.call('createPaymentLinkV1', id(await f.invoiceV1('paid'))), 400, 'INVOICE_NOT_UNPAID'),
    },
    {
      operation: 'getPaymentLinkV1',
      status: 410,
      code: 'PAYMENT_LINK_EXPIRED',
      title: 'open a payment link after it expired',
      sandboxOnly: CLOCK,
      late: true,
      probe: async (f, ctx) =>
        void ctx.expect(
          await f.call('getPaymentLinkV1', { pathParams: { uuid: await expiredLink(f, ctx) } }),
          410,
          'PAYMENT_LINK_EXPIRED',
        ),
    },
    {
      operation: 'payPaymentLinkV1',
      status: 410,
      code: 'PAYMENT_LINK_EXPIRED',
      title: 'pay through a payment link after it expired',
      sandboxOnly: CLOCK,
      late: true,
      probe: async (f, ctx) =>
        void ctx.expect(
          await f.call('payPaymentLinkV1', {
            pathParams: { uuid: await expiredLink(f, ctx) },
            body: { paymentMethod: 'card' },
          }),
          410,
          'PAYMENT_LINK_EXPIRED',
        ),
    },
    {
      operation: 'payPaymentLinkV1',
      status: 400,
      code: 'INVOICE_NOT_UNPAID',
      title: 'pay through a payment link twice',
      probe: async (f, ctx) => {
        const uuid = await linkUuid(f, ctx);
        ctx.setup(await f.call('payPaymentLinkV1', { pathParams: { uuid }, body: { paymentMethod: 'card' } }), 200);
        ctx.expect(
          await f.call('payPaymentLinkV1', { pathParams: { uuid }, body: { paymentMethod: 'card' } }),
          400,
          'INVOICE_NOT_UNPAID',
        );
      },
    },
    {
      operation: 'payInvoiceV1',
      status: 400,
      code: 'INVOICE_NOT_UNPAID',
      title: 'pay a paid invoice',
      needs: PAID,
      probe: async (f, ctx) =>
        void ctx.expect(
          await f.call('payInvoiceV1', { body: { invoiceId: (await f.invoiceV1('paid')).id, cardId: 'primary' } }),
          400,
          'INVOICE_NOT_UNPAID',
        ),
    },
    {
      operation: 'payInvoiceV1',
      status: 400,
      code: 'PAYMENT_IN_PROGRESS',
      title: 'pay an invoice twice, the second time while the first payment is processing',
      probe: async (f, ctx) => {
        const body = { invoiceId: (await f.invoiceV1('unpaid')).id, cardId: 'primary' };
        ctx.setup(await f.call('payInvoiceV1', { body }), 200);
        ctx.expect(await f.call('payInvoiceV1', { body }), 400, 'PAYMENT_IN_PROGRESS');
      },
    },
    {
      operation: 'payInvoiceV1',
      status: 400,
      code: 'CARD_NOT_FOUND',
      title: 'pay with a card id the account does not have (well-formed, never issued)',
      probe: async (f, ctx) => {
        const known = new Set((await f.cardsV1()).map((c) => String(c.id)));
        const pattern = String(bodyPropertySchema(validator, 'payInvoiceV1', ['cardId']).pattern);
        let cardId = sampleFromPattern(pattern);
        for (let i = 0; i < 50 && (known.has(cardId) || !/^\d+$/.test(cardId)); i++)
          cardId = sampleFromPattern(pattern);
        ctx.expect(
          await f.call('payInvoiceV1', { body: { invoiceId: (await f.invoiceV1('unpaid')).id, cardId } }),
          400,
          'CARD_NOT_FOUND',
        );
      },
    },
    {
      operation: 'payInvoiceV1',
      status: 402,
      code: 'PAYMENT_DECLINED',
      title: 'pay with a saved card that declines',
      sandboxOnly: DECLINING,
      needs: { cards: 'declines' },
      probe: async (f, ctx) =>
        void ctx.expect(
          await f.call('payInvoiceV1', {
            body: { invoiceId: (await f.invoiceV1('unpaid')).id, cardId: (await f.cardsV1())[0]!.id },
          }),
          402,
          'PAYMENT_DECLINED',
        ),
    },
    {
      operation: 'payInvoiceV1',
      status: 404,
      code: 'INVOICE_NOT_FOUND',
      title: 'pay an invoice id that was never issued (well-formed)',
      probe: async (f, ctx) => {
        const invoiceId = unknownIdFor(bodyPropertySchema(validator, 'payInvoiceV1', ['invoiceId']));
        ctx.expect(await f.call('payInvoiceV1', { body: { invoiceId, cardId: 'primary' } }), 404, 'INVOICE_NOT_FOUND');
      },
    },
    {
      operation: 'cancelInvoiceV1',
      status: 400,
      code: 'INVOICE_NOT_CANCELLABLE',
      title: 'cancel a paid invoice',
      needs: PAID,
      probe: async (f, ctx) =>
        void ctx.expect(await f.call('cancelInvoiceV1', id(await f.invoiceV1('paid'))), 400, 'INVOICE_NOT_CANCELLABLE'),
    },
    {
      operation: 'addFundsV1',
      status: 400,
      code: 'AMOUNT_OUT_OF_RANGE',
      title: 'add more funds than the maximum (the v2 AddFundsRequest maximum, plus 0.01)',
      probe: async (f, ctx) => {
        const maximum = Number(bodyPropertySchema(validator, 'addFunds', ['amount']).maximum);
        ctx.expect(
          await f.call('addFundsV1', { body: { amount: decimal(maximum + 0.01) } }),
          400,
          'AMOUNT_OUT_OF_RANGE',
        );
      },
    },
  ];
}

export function ruleScenarios(validator: ConformanceValidator): Scenario[] {
  return rules(validator)
    .filter((r) => validator.spec.getOperation(r.operation))
    .map(({ needs, probe, ...rule }) => ({
      ...rule,
      id: `${rule.operation} ${rule.status} ${rule.code}`,
      kind: 'rule',
      async run(ctx) {
        await probe(await ctx.account(needs), ctx);
      },
    }));
}
