// Type tests of the client surface (checked by tsc through `vitest --typecheck`): the success body
// of each call, required path parameters and bodies, the raw result, the per-operation error codes
// (narrowing, and a misspelt code failing to compile), and the item type of paginate().
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ApplyCreditResult,
  type BillingApiError,
  type BillingApiErrorOf,
  type BillingError,
  type BillingResponse,
  type CreditBalance,
  type CreditLogEntryV1,
  createBillingClient,
  type Invoice,
  type InvoiceV1,
  isBillingApiError,
  type OperationId,
  type PaginatedPath,
  type PaymentAttempt,
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
  it('is { data, error, response } with the error a BillingApiError typed for the operation', async () => {
    const v2 = await billing.raw.POST('/api/v2/billing/invoices/{id}/actions/pay', {
      params: { path: { id: 'inv_1' } },
    });
    expectTypeOf(v2.error).toEqualTypeOf<BillingApiErrorOf<'payInvoice'> | undefined>();
    if (v2.error) {
      expectTypeOf(v2.data).toEqualTypeOf<undefined>();
      expectTypeOf(v2.error.operationId).toEqualTypeOf<'payInvoice'>();
    } else {
      expectTypeOf(v2.data).toEqualTypeOf<PaymentAttempt>();
      expectTypeOf(v2.requestId).toEqualTypeOf<string | undefined>();
    }
    const v1 = await billing.raw.GET('/api/billing/invoice/{id}', { params: { path: { id: 1 } } });
    expectTypeOf(v1.error).toEqualTypeOf<BillingApiErrorOf<'getInvoiceV1'> | undefined>();
  });

  it('destructured: `if (error)` leaves data defined', async () => {
    const { data, error } = await billing.raw.GET('/api/v2/billing/invoices/{id}', { params: { path: { id: 'i' } } });
    if (error) expectTypeOf(error.status).toEqualTypeOf<number>();
    else expectTypeOf(data).toEqualTypeOf<Invoice>();
  });
});

describe('withResponse', () => {
  it('gives the body with the response, request id and Idempotency-Key', () => {
    expectTypeOf(billing.GET('/api/v2/billing/credit').withResponse()).resolves.toEqualTypeOf<
      BillingResponse<CreditBalance>
    >();
    expectTypeOf<BillingResponse<CreditBalance>>().toHaveProperty('response').toEqualTypeOf<Response>();
    expectTypeOf<BillingResponse<CreditBalance>>().toHaveProperty('requestId').toEqualTypeOf<string | undefined>();
  });
});

describe('per-call options only openapi-fetch itself implements', () => {
  it('are compile errors rather than silently ignored', () => {
    // @ts-expect-error middleware is openapi-fetch's own; wrap `fetch` in the client options instead
    void billing.GET('/api/v2/billing/cards', { middleware: [] });
    // @ts-expect-error a per-call baseUrl is not supported
    void billing.raw.GET('/api/v2/billing/cards', { baseUrl: 'https://other.test' });
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
    expectTypeOf<BillingApiError['code']>().toExtend<string>();
    expectTypeOf<BillingApiError['requestId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<BillingApiError['idempotencyKey']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<BillingError['idempotencyKey']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<BillingApiError['fieldErrors'][number]>().toHaveProperty('pointer').toEqualTypeOf<string>();
    expectTypeOf<BillingApiError['response']>().toEqualTypeOf<Response>();
  });

  it('a code narrows the status, and a status the codes, per operation', () => {
    const error = {} as BillingApiErrorOf<'applyCreditToInvoice'>;
    if (error.code === 'amount_exceeds_credit_balance') {
      expectTypeOf(error.status).toEqualTypeOf<422>();
      expectTypeOf(error.body).toEqualTypeOf<Problem>();
    }
    if (error.status === 409) {
      expectTypeOf<'invoice_not_unpaid'>().toExtend<typeof error.code>();
      expectTypeOf<'amount_exceeds_credit_balance'>().not.toExtend<typeof error.code>();
      // An undocumented code at a documented status is still possible: http_409, the server's in rawCode.
      expectTypeOf<'http_409'>().toExtend<typeof error.code>();
      expectTypeOf(error.rawCode).toEqualTypeOf<string | undefined>();
    }
    const v1 = {} as BillingApiErrorOf<'getPaymentLinkV1'>;
    if (v1.code === 'PAYMENT_LINK_EXPIRED') expectTypeOf(v1.status).toEqualTypeOf<410>();
  });

  it('a misspelt code is a compile error, in a comparison and in a switch', () => {
    const error = {} as BillingApiErrorOf<'applyCreditToInvoice'>;
    // @ts-expect-error 'invoice_not_unpiad' is not a code of this operation (nor any)
    void (error.code === 'invoice_not_unpiad');
    // @ts-expect-error a code of another operation is not one of this operation's
    void (error.code === 'payment_declined');
    switch (error.code) {
      case 'invoice_not_unpaid':
        break;
      // @ts-expect-error misspelt
      case 'no_credit_availabel':
        break;
    }
    // Any operation (the guard without an id, or `instanceof`): only the API's own codes compare.
    const any = {} as BillingApiError;
    // @ts-expect-error not a code of the API
    void (any.code === 'invoice_not_unpiad');
    void (any.code === 'INVOICE_NOT_UNPAID');
    // Codes the spec does not document arrive as http_<status>, the server's own in rawCode.
    void (any.code === 'http_409');
    void (any.rawCode === 'some_future_code');
  });

  it('isBillingApiError narrows an unknown error, for one operation or any', () => {
    const caught: unknown = undefined;
    if (isBillingApiError(caught, 'payInvoice')) {
      expectTypeOf(caught).toEqualTypeOf<BillingApiErrorOf<'payInvoice'>>();
      if (caught.code === 'payment_declined') expectTypeOf(caught.status).toEqualTypeOf<402>();
    }
    if (isBillingApiError(caught)) {
      expectTypeOf(caught.operationId).toEqualTypeOf<OperationId>();
      if (caught.code === 'PAYMENT_LINK_EXPIRED') expectTypeOf(caught.status).toEqualTypeOf<410>();
    }
    // @ts-expect-error not an operationId
    void isBillingApiError(caught, 'payInvoices');
  });
});
