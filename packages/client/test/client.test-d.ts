// Type tests of the client surface (checked by tsc through `vitest --typecheck`): the success body
// of each call, required path parameters and bodies, the raw client's error union, and the item type
// of paginate().
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ApplyCreditResult,
  type BillingApiError,
  type CreditLogEntryV1,
  createBillingClient,
  type ErrorV1,
  type Invoice,
  type InvoiceV1,
  type PaginatedPath,
  type Problem,
  paginate,
} from '../src/index.js';

const billing = createBillingClient({ baseUrl: 'https://billing.test', apiKey: 'k' });

describe('GET / POST', () => {
  it('resolve to the success body', () => {
    expectTypeOf(
      billing.GET('/api/v2/billing/invoices/{id}', { params: { path: { id: 'inv_1' } } }),
    ).resolves.toEqualTypeOf<Invoice>();
    expectTypeOf(
      billing.POST('/api/v2/billing/invoices/{id}/actions/apply-credit', {
        params: { path: { id: 'inv_1' } },
        body: { amount: 1 },
      }),
    ).resolves.toEqualTypeOf<ApplyCreditResult>();
    expectTypeOf(billing.GET('/api/billing/invoice/{id}', { params: { path: { id: 1 } } }))
      .resolves.toHaveProperty('data')
      .toHaveProperty('invoice')
      .toEqualTypeOf<InvoiceV1>();
  });

  it('require path parameters and required bodies', () => {
    // @ts-expect-error the invoice id is required
    void billing.GET('/api/v2/billing/invoices/{id}');
    // @ts-expect-error v1 path ids are numbers
    void billing.GET('/api/billing/invoice/{id}', { params: { path: { id: 'inv_1' } } });
    // @ts-expect-error v1 apply-credit needs a body with an amount string
    void billing.POST('/api/billing/invoice/{id}/apply-credit', { params: { path: { id: 1 } }, body: { amount: 130 } });
    // @ts-expect-error no such path
    void billing.GET('/api/v2/billing/nothing');
    // @ts-expect-error list filters are the spec's enums
    void billing.GET('/api/v2/billing/invoices', { params: { query: { status: 'Unpaid' } } });
    // Optional init: a list needs nothing.
    expectTypeOf(billing.GET('/api/v2/billing/cards')).resolves.toHaveProperty('data');
  });
});

describe('raw', () => {
  it('is openapi-fetch: { data, error } with Problem on v2 and ErrorV1 on v1', async () => {
    const v2 = await billing.raw.POST('/api/v2/billing/invoices/{id}/actions/pay', {
      params: { path: { id: 'inv_1' } },
    });
    expectTypeOf(v2.error).toEqualTypeOf<Problem | undefined>();
    const v1 = await billing.raw.GET('/api/billing/invoice/{id}', { params: { path: { id: 1 } } });
    expectTypeOf(v1.error).toEqualTypeOf<ErrorV1 | undefined>();
  });
});

describe('paginate', () => {
  it('yields the item type of the list', () => {
    expectTypeOf(paginate(billing, '/api/v2/billing/invoices')).toEqualTypeOf<
      AsyncGenerator<Invoice, void, undefined>
    >();
    expectTypeOf(paginate(billing, '/api/billing/invoices')).toEqualTypeOf<
      AsyncGenerator<InvoiceV1, void, undefined>
    >();
    expectTypeOf(paginate(billing, '/api/billing/credit-log')).toEqualTypeOf<
      AsyncGenerator<CreditLogEntryV1, void, undefined>
    >();
  });

  it('accepts list paths only', () => {
    expectTypeOf<'/api/v2/billing/activity'>().toExtend<PaginatedPath>();
    expectTypeOf<'/api/v2/billing/invoices/{id}'>().not.toExtend<PaginatedPath>();
    expectTypeOf<'/api/billing/account-summary'>().not.toExtend<PaginatedPath>();
    // @ts-expect-error not a list
    void paginate(billing, '/api/v2/billing/credit');
  });
});

describe('errors', () => {
  it('BillingApiError carries the documented fields', () => {
    expectTypeOf<BillingApiError['status']>().toEqualTypeOf<number>();
    expectTypeOf<BillingApiError['code']>().toEqualTypeOf<string>();
    expectTypeOf<BillingApiError['requestId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<BillingApiError['fieldErrors'][number]>().toHaveProperty('pointer').toEqualTypeOf<string>();
    expectTypeOf<BillingApiError['response']>().toEqualTypeOf<Response>();
  });
});
