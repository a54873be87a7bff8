// Type tests (checked by `tsc`, the package's typecheck): the handler table is typed from the spec's
// generated operation ids, so a missing or misspelt handler, an undocumented success status or a
// body of the wrong shape does not compile. Each `@ts-expect-error` fails the typecheck if the
// line below it ever compiles.
import type { HandlerTable } from '../src/api/contract.js';
import { handlers } from '../src/api/handlers.js';
import { v1Handlers } from '../src/api/v1/handlers.js';
import { v2Handlers } from '../src/api/v2/handlers.js';

export const complete: HandlerTable = handlers;

const { getInvoice: _dropped, ...withoutGetInvoice } = v2Handlers;
// @ts-expect-error getInvoice is missing from the table
export const missing: HandlerTable = { ...withoutGetInvoice, ...v1Handlers };

export const misspelt = {
  // @ts-expect-error `getInvoce` is not an operationId of the spec
  async getInvoce() {
    return { status: 200 as const, body: {} };
  },
} satisfies Partial<HandlerTable>;

export const undocumentedStatus = {
  // @ts-expect-error getCreditBalance documents 200, not 201
  async getCreditBalance() {
    return {
      status: 201 as const,
      body: { accountId: 'acct_1', accountType: 'business' as const, amount: 1, currencyCode: 'SEK' },
    };
  },
} satisfies Partial<HandlerTable>;

export const wrongShape = {
  // @ts-expect-error `amount` of CreditBalance is a number in major units, not a v1 decimal string
  async getCreditBalance() {
    return {
      status: 200 as const,
      body: { accountId: 'acct_1', accountType: 'business' as const, amount: '1.00', currencyCode: 'SEK' },
    };
  },
} satisfies Partial<HandlerTable>;
