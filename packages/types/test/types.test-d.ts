// Type tests: they prove the generated types carry what the spec says. Run by `vitest --typecheck`
// (tsc underneath): a wrong type fails here, at compile time, not at run time.
import { describe, expectTypeOf, it } from 'vitest';
import type {
  ApplyCreditRequestV1,
  Card,
  CreditBalance,
  CursorPage,
  components,
  ErrorBody,
  ErrorCode,
  ErrorCodeOf,
  ErrorCodeStatus,
  ErrorV1,
  Invoice,
  InvoiceLine,
  InvoiceStatus,
  InvoiceStatusV1,
  InvoiceV1,
  Money,
  OperationId,
  OperationIdOf,
  OperationParameters,
  operations,
  PageInfoV1,
  PaymentLink,
  PdfDocument,
  Problem,
  paths,
  RequestBody,
  ResponseBody,
  SuccessBody,
} from '../src/index.js';

describe('named aliases', () => {
  it('are the component schemas themselves', () => {
    expectTypeOf<Invoice>().toEqualTypeOf<components['schemas']['Invoice']>();
    expectTypeOf<Card>().toEqualTypeOf<components['schemas']['Card']>();
    expectTypeOf<PaymentLink>().toEqualTypeOf<components['schemas']['PaymentLink']>();
  });
});

describe('required and optional fields', () => {
  it('Invoice requires what the spec lists as required', () => {
    expectTypeOf<Invoice>().toHaveProperty('id').toEqualTypeOf<string>();
    expectTypeOf<Pick<Invoice, 'balance'>>().toEqualTypeOf<{ balance: number }>();
    expectTypeOf<Pick<Invoice, 'lines'>>().toEqualTypeOf<{ lines: InvoiceLine[] }>();
  });

  it('credit is optional on Invoice (present only on credit invoices)', () => {
    expectTypeOf<Pick<Invoice, 'credit'>>().toEqualTypeOf<{ credit?: components['schemas']['CreditDetails'] }>();
    // An invoice without `credit` is a valid Invoice; without `balance` it is not.
    expectTypeOf<Omit<Invoice, 'credit'>>().toExtend<Invoice>();
    expectTypeOf<Omit<Invoice, 'balance'>>().not.toExtend<Invoice>();
  });

  it('a request field with a default stays optional (the server fills it in)', () => {
    expectTypeOf<RequestBody<'applyCreditToInvoice'>>().toEqualTypeOf<{ amount?: number; noEmail?: boolean }>();
    expectTypeOf<ApplyCreditRequestV1>().toEqualTypeOf<{ amount?: string; noemail?: boolean }>();
    expectTypeOf<Record<string, never>>().toExtend<ApplyCreditRequestV1>();
  });

  it('Problem has optional errors[] and required detail and code', () => {
    expectTypeOf<Problem['errors']>().toEqualTypeOf<components['schemas']['FieldError'][] | undefined>();
    expectTypeOf<Pick<Problem, 'detail' | 'code'>>().toEqualTypeOf<{ detail: string; code: string }>();
  });
});

describe('enums', () => {
  it('v2 statuses are the lower-case union', () => {
    expectTypeOf<InvoiceStatus>().toEqualTypeOf<
      'draft' | 'unpaid' | 'payment_pending' | 'paid' | 'cancelled' | 'refunded' | 'collections'
    >();
  });

  it('v1 statuses are the title-case union', () => {
    expectTypeOf<InvoiceStatusV1>().toEqualTypeOf<
      'Draft' | 'Unpaid' | 'Payment Pending' | 'Paid' | 'Cancelled' | 'Refunded' | 'Collections'
    >();
    expectTypeOf<InvoiceV1['status']>().toEqualTypeOf<InvoiceStatusV1>();
  });

  it('consts are literal types', () => {
    expectTypeOf<PdfDocument['contentType']>().toEqualTypeOf<'application/pdf'>();
  });
});

describe('nullable fields', () => {
  it('timestamps that may not have happened are string | null', () => {
    expectTypeOf<Invoice['paidAt']>().toEqualTypeOf<string | null>();
    expectTypeOf<InvoiceV1['datepaid']>().toEqualTypeOf<string | null>();
    expectTypeOf<Invoice['number']>().toEqualTypeOf<string | null>();
  });

  it('a v2 cursor is null on the last page', () => {
    expectTypeOf<CursorPage['nextCursor']>().toEqualTypeOf<string | null>();
  });
});

describe('path parameters', () => {
  it('are required where the path has them', () => {
    expectTypeOf<OperationParameters<'getInvoice'>['path']>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<OperationParameters<'getInvoiceV1'>['path']>().toEqualTypeOf<{ id: number }>();
    expectTypeOf<{ query?: never; header?: never; cookie?: never }>().not.toExtend<OperationParameters<'getInvoice'>>();
  });

  it('are never on paths without them', () => {
    expectTypeOf<OperationParameters<'listInvoices'>['path']>().toEqualTypeOf<undefined>();
  });

  it('paths maps each template to its operations', () => {
    expectTypeOf<paths['/api/v2/billing/invoices/{id}']['get']>().toEqualTypeOf<operations['getInvoice']>();
    expectTypeOf<paths['/api/billing/pay']['post']>().toEqualTypeOf<operations['payInvoiceV1']>();
  });
});

describe('money', () => {
  it('v2 amounts are numbers', () => {
    expectTypeOf<Money>().toEqualTypeOf<number>();
    expectTypeOf<Invoice['total']>().toEqualTypeOf<number>();
    expectTypeOf<CreditBalance>().toHaveProperty('amount').toEqualTypeOf<number>();
  });

  it('v1 amounts are strings', () => {
    expectTypeOf<InvoiceV1['total']>().toEqualTypeOf<string>();
    expectTypeOf<InvoiceV1['balance']>().toEqualTypeOf<string>();
    expectTypeOf<PageInfoV1['total']>().toEqualTypeOf<string>();
  });
});

describe('operation bodies', () => {
  it('every v2 operation can answer with a Problem', () => {
    expectTypeOf<ErrorBody<'applyCreditToInvoice'>>().toEqualTypeOf<Problem>();
    expectTypeOf<ErrorBody<'listInvoices'>>().toEqualTypeOf<Problem>();
    expectTypeOf<ResponseBody<'payInvoice', 402>>().toEqualTypeOf<Problem>();
  });

  it('every v1 operation answers errors with the ErrorV1 envelope', () => {
    expectTypeOf<ErrorBody<'applyCreditV1'>>().toEqualTypeOf<ErrorV1>();
    expectTypeOf<ErrorV1['retryAfter']>().toEqualTypeOf<number | undefined>();
  });

  it('success bodies: v2 is the resource, v1 is the envelope', () => {
    expectTypeOf<SuccessBody<'getInvoice'>>().toEqualTypeOf<Invoice>();
    expectTypeOf<SuccessBody<'getInvoiceV1'>>().toHaveProperty('success').toEqualTypeOf<true>();
    // The envelope's `data` is "any object" intersected with the operation's payload, so the payload's
    // fields keep their types (openapi-typescript's default would collapse them to never).
    expectTypeOf<SuccessBody<'getInvoiceV1'>['data']['invoice']>().toEqualTypeOf<InvoiceV1>();
    expectTypeOf<SuccessBody<'listInvoicesV1'>['data']['invoices']>().toEqualTypeOf<InvoiceV1[]>();
    expectTypeOf<SuccessBody<'listInvoicesV1'>['data']['currentPage']>().toEqualTypeOf<number>();
  });

  it('operation ids are the spec operationIds', () => {
    expectTypeOf<'listInvoices'>().toExtend<OperationId>();
    expectTypeOf<'listInvoicesV1'>().toExtend<OperationId>();
    expectTypeOf<'noSuchOperation'>().not.toExtend<OperationId>();
  });
});

describe('operation ids and error codes', () => {
  it('map each path and method to its operationId', () => {
    expectTypeOf<OperationIdOf<'/api/v2/billing/invoices/{id}', 'get'>>().toEqualTypeOf<'getInvoice'>();
    expectTypeOf<OperationIdOf<'/api/billing/pay', 'post'>>().toEqualTypeOf<'payInvoiceV1'>();
  });

  it('give each operation the codes its error examples show, by status', () => {
    expectTypeOf<'invoice_not_unpaid'>().toExtend<ErrorCodeOf<'applyCreditToInvoice', 409>>();
    expectTypeOf<'amount_exceeds_credit_balance'>().toExtend<ErrorCodeOf<'applyCreditToInvoice', 422>>();
    expectTypeOf<'amount_exceeds_credit_balance'>().not.toExtend<ErrorCodeOf<'applyCreditToInvoice', 409>>();
    expectTypeOf<'INVOICE_NOT_UNPAID'>().toExtend<ErrorCodeOf<'applyCreditV1'>>();
    expectTypeOf<410>().toExtend<ErrorCodeStatus<'getPaymentLinkV1'>>();
    expectTypeOf<410>().not.toExtend<ErrorCodeStatus<'getInvoiceV1'>>();
  });

  it('a misspelt code is not an error code of the API', () => {
    expectTypeOf<'invoice_not_unpiad'>().not.toExtend<ErrorCode>();
    expectTypeOf<'invoice_not_unpaid' | 'PAYMENT_LINK_EXPIRED'>().toExtend<ErrorCode>();
    // @ts-expect-error a typo is a compile error where a code is expected
    const typo: ErrorCodeOf<'payInvoice'> = 'payment_decilned';
    void typo;
  });
});
