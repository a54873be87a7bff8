// v1 errors: the wording of each broken rule (the UPPER_SNAKE `code`, whose HTTP status comes from
// the spec, and the legacy `message`, which for some rules depends on the operation, as the v1
// examples show), and the error envelope every v1 error is rendered as.
import type { ErrorV1 } from '@billing-api/types';
import { minorToDecimal as dec } from '../../domain/money.js';
import type { Facts, Rule } from '../../domain/rules.js';
import { ApiError } from '../errors.js';
import type { SpecCatalog } from '../spec.js';

export function v1ErrorFor(rule: Rule, facts: Facts, operationId: string, catalog: SpecCatalog): ApiError {
  const f = (key: string) => String(facts[key] ?? '');
  const money = (key: string) => dec(Number(facts[key] ?? 0));
  const status = catalog.statusV1(f('status'));
  const invoiceRef = f('legacyId') || f('id');
  switch (rule) {
    case 'invoice_not_found':
      return new ApiError('INVOICE_NOT_FOUND', `Invoice ${f('id')} was not found`);
    case 'invoice_not_unpaid':
      if (operationId === 'applyCreditV1')
        return new ApiError('INVOICE_NOT_UNPAID', `Failed to apply credit: invoice status is ${status}, not Unpaid`);
      if (operationId === 'createPaymentLinkV1') {
        return new ApiError(
          'INVOICE_NOT_UNPAID',
          `Payment links can only be created for unpaid invoices; invoice status is ${status}`,
        );
      }
      return new ApiError('INVOICE_NOT_UNPAID', `Invoice ${invoiceRef} is ${status} and cannot be paid again`);
    case 'payment_in_progress':
      return new ApiError('PAYMENT_IN_PROGRESS', `A payment for invoice ${invoiceRef} is already processing`);
    case 'amount_not_positive':
      return new ApiError('AMOUNT_NOT_POSITIVE', 'Failed to apply credit: the amount must be greater than zero');
    case 'no_credit_available':
      return new ApiError('AMOUNT_EXCEEDS_CREDIT_BALANCE', 'Failed to apply credit: the credit balance is 0.00');
    case 'amount_exceeds_credit_balance':
      return new ApiError(
        'AMOUNT_EXCEEDS_CREDIT_BALANCE',
        `Failed to apply credit: ${money('amount')} exceeds the credit balance of ${money('credit')}`,
      );
    case 'amount_exceeds_invoice_balance':
      return new ApiError(
        'AMOUNT_EXCEEDS_INVOICE_BALANCE',
        `Failed to apply credit: ${money('amount')} exceeds the invoice balance of ${money('balance')}`,
      );
    case 'amount_out_of_range':
      return new ApiError('AMOUNT_OUT_OF_RANGE', `The amount must be greater than 0.00 and at most ${money('max')}`);
    case 'card_not_found':
    case 'no_saved_card':
      return new ApiError('CARD_NOT_FOUND', `No saved card matches cardId ${f('cardId') || 'primary'}`);
    case 'payment_declined':
      return new ApiError('PAYMENT_DECLINED', `The card was declined by the issuer (${f('reason')})`);
    case 'invoice_not_cancellable':
      return new ApiError(
        'INVOICE_NOT_CANCELLABLE',
        `Only draft or unpaid invoices can be cancelled; invoice status is ${status}`,
      );
    case 'payment_link_not_found':
      return new ApiError('PAYMENT_LINK_NOT_FOUND', 'No payment link with this uuid exists');
    case 'payment_link_expired':
      return new ApiError('PAYMENT_LINK_EXPIRED', 'This payment link has expired; ask for a new one');
    default:
      // Rules of v2-only operations; no v1 operation reaches them.
      return new ApiError('BAD_REQUEST', `The request breaks the rule ${rule}`);
  }
}

/** The v1 error envelope. */
export function errorBody(
  error: ApiError,
  facts: { status: number; reason: string; requestId: string; timestamp: string },
): ErrorV1 {
  return {
    error: facts.reason,
    message: error.detail,
    code: error.code,
    timestamp: facts.timestamp,
    requestId: facts.requestId,
    ...(error.options.retryAfter !== undefined ? { retryAfter: error.options.retryAfter } : {}),
  };
}
