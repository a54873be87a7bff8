// One valid request per operation of the spec, built from an account's own data (ids from list
// responses, never written down), plus, where idempotency needs it, a second valid request that
// differs from the first. Success, 401/403, 429, 500 and idempotency scenarios all start from these.
import type { SuccessBody } from '@billing-api/types';
import { Unreachable } from './errors.js';
import type { AccountRecipe, Fixture } from './fixtures.js';
import type { ScenarioContext } from './scenario.js';
import type { CallOptions } from './session.js';

export interface Recipe {
  operation: string;
  /** The account state the request needs (default: one unpaid invoice, credit, a card that approves). */
  needs?: AccountRecipe;
  build(f: Fixture, ctx: ScenarioContext): Promise<CallOptions>;
  /** Another valid request of the same operation, with another body (or another invoice when it takes none). */
  variant?(f: Fixture, ctx: ScenarioContext): Promise<CallOptions>;
}

const id = (invoice: { id: string | number }) => ({ pathParams: { id: invoice.id } });

async function needCredit(f: Fixture, amount: number): Promise<void> {
  const credit = await f.credit();
  if (credit.amount < amount)
    throw new Unreachable(`needs a credit balance of at least ${amount}; the account has ${credit.amount}`);
}

/** A payment link's uuid, from creating one (v1) on an unpaid invoice. */
export async function linkUuid(f: Fixture, ctx: ScenarioContext): Promise<string> {
  const invoice = await f.invoiceV1('unpaid');
  const created = ctx.setup<SuccessBody<'createPaymentLinkV1'>>(
    await f.call('createPaymentLinkV1', { pathParams: { id: invoice.id } }),
    200,
  );
  return created.data.uuid;
}

const TWO_UNPAID: AccountRecipe = { invoices: [{ status: 'unpaid' }, { status: 'unpaid' }] };

export const RECIPES: Recipe[] = [
  // --- v2 ---
  { operation: 'listInvoices', build: async () => ({ query: { limit: 10 } }) },
  { operation: 'getInvoice', build: async (f) => id(await f.invoice('unpaid')) },
  {
    operation: 'payInvoice',
    build: async (f) => ({ ...id(await f.invoice('unpaid')), body: { savedCardId: (await f.cards())[0]?.id } }),
    variant: async (f) => ({ ...id(await f.invoice('unpaid')), body: {} }),
  },
  {
    operation: 'applyCreditToInvoice',
    build: async (f) => {
      await needCredit(f, 3);
      return { ...id(await f.invoice('unpaid')), body: { amount: 1 } };
    },
    variant: async (f) => ({ ...id(await f.invoice('unpaid')), body: { amount: 2 } }),
  },
  {
    operation: 'cancelInvoice',
    needs: TWO_UNPAID,
    build: async (f) => id(await f.invoice('unpaid')),
    variant: async (f) => id(await f.invoice('unpaid', { nth: 1 })),
  },
  {
    operation: 'finalizeInvoice',
    needs: { invoices: [{ status: 'draft' }, { status: 'draft' }] },
    build: async (f) => id(await f.invoice('draft')),
    variant: async (f) => id(await f.invoice('draft', { nth: 1 })),
  },
  {
    operation: 'generatePaymentLink',
    needs: TWO_UNPAID,
    build: async (f) => id(await f.invoice('unpaid')),
    variant: async (f) => id(await f.invoice('unpaid', { nth: 1 })),
  },
  { operation: 'getPaymentLinkState', build: async (f) => id(await f.invoice('unpaid')) },
  {
    operation: 'getCreditNote',
    needs: { type: 'business', invoices: [{ status: 'cancelled' }] },
    build: async (f) => id(await f.invoice('cancelled')),
  },
  { operation: 'getInvoicePdf', build: async (f) => id(await f.invoice('unpaid')) },
  {
    operation: 'createCreditInvoice',
    build: async (f) => {
      const invoice = await f.invoice('unpaid');
      return {
        ...id(invoice),
        body: {
          note: 'Fel pris på första raden',
          lines: [{ lineId: invoice.lines[0]!.id, amount: 1 }],
          detailsSource: 'original',
        },
      };
    },
    variant: async (f) => ({ ...id(await f.invoice('unpaid')), body: { note: 'Tjänsten avslutades i förtid' } }),
  },
  {
    operation: 'resendInvoiceEmail',
    needs: TWO_UNPAID,
    build: async (f) => id(await f.invoice('unpaid')),
    variant: async (f) => id(await f.invoice('unpaid', { nth: 1 })),
  },
  { operation: 'getCreditBalance', build: async () => ({}) },
  {
    operation: 'addFunds',
    build: async () => ({ body: { amount: 250 } }),
    variant: async () => ({ body: { amount: 125.5 } }),
  },
  { operation: 'listActivity', build: async () => ({ query: { limit: 10 } }) },
  { operation: 'listCards', build: async () => ({}) },
  // --- v1 ---
  { operation: 'listInvoicesV1', build: async () => ({ query: { limit: 10 } }) },
  { operation: 'getInvoiceV1', build: async (f) => id(await f.invoiceV1('unpaid')) },
  {
    operation: 'applyCreditV1',
    build: async (f) => {
      await needCredit(f, 1);
      return { ...id(await f.invoiceV1('unpaid')), body: { amount: '1.00' } };
    },
  },
  { operation: 'createPaymentLinkV1', build: async (f) => id(await f.invoiceV1('unpaid')) },
  { operation: 'getPaymentLinkStateV1', build: async (f) => id(await f.invoiceV1('unpaid')) },
  { operation: 'getPaymentLinkV1', build: async (f, ctx) => ({ pathParams: { uuid: await linkUuid(f, ctx) } }) },
  {
    operation: 'payPaymentLinkV1',
    build: async (f, ctx) => ({ pathParams: { uuid: await linkUuid(f, ctx) }, body: { paymentMethod: 'card' } }),
  },
  {
    operation: 'payInvoiceV1',
    build: async (f) => ({
      body: { invoiceId: (await f.invoiceV1('unpaid')).id, cardId: (await f.cardsV1())[0]?.id ?? 'primary' },
    }),
  },
  { operation: 'cancelInvoiceV1', build: async (f) => id(await f.invoiceV1('unpaid')) },
  { operation: 'listCardsV1', build: async () => ({}) },
  { operation: 'getAccountSummaryV1', build: async () => ({}) },
  { operation: 'listCreditLogV1', build: async () => ({ query: { limit: 10 } }) },
  { operation: 'addFundsV1', build: async () => ({ body: { amount: '250.00' } }) },
];

export function recipeOf(operation: string): Recipe {
  const recipe = RECIPES.find((r) => r.operation === operation);
  if (!recipe) throw new Error(`the kit has no request recipe for ${operation}`);
  return recipe;
}
