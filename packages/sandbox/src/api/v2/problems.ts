// v2 errors: the wording of each broken rule (the problem `code`, whose status and title come from
// the spec, and a `detail` sentence with the facts: amounts in the account's currency, the current
// status), and the problem+json body every v2 error is rendered as.
import type { Problem } from '@billing-api/types';
import { minorToDecimal as dec, minorToMajor as major } from '../../domain/money.js';
import type { Facts, Rule } from '../../domain/rules.js';
import { ApiError } from '../errors.js';

const f = (facts: Facts, key: string) => String(facts[key] ?? '');
const money = (facts: Facts, key: string) => `${dec(Number(facts[key] ?? 0))}`;

const DETAILS: Record<Rule, (facts: Facts) => [code: string, detail: string]> = {
  invoice_not_found: (x) => ['invoice_not_found', `No invoice ${f(x, 'id')} exists on this account.`],
  invoice_not_unpaid: (x) => [
    'invoice_not_unpaid',
    `This action needs an unpaid invoice. Current invoice status: ${f(x, 'status')}.`,
  ],
  payment_in_progress: () => [
    'invoice_payment_in_progress',
    'A payment for this invoice is already processing; wait for it before retrying.',
  ],
  amount_not_positive: () => ['invalid_request', 'The amount must be greater than zero.'],
  amount_out_of_range: (x) => ['invalid_request', `The amount must be greater than 0 and at most ${money(x, 'max')}.`],
  no_credit_available: () => ['no_credit_available', 'The account has no credit balance to apply.'],
  amount_exceeds_credit_balance: (x) => [
    'amount_exceeds_credit_balance',
    `The amount ${money(x, 'amount')} exceeds the account's credit balance of ${money(x, 'credit')} ${f(x, 'currency')}.`,
  ],
  amount_exceeds_invoice_balance: (x) => [
    'amount_exceeds_invoice_balance',
    `The amount ${money(x, 'amount')} exceeds the invoice balance of ${money(x, 'balance')} ${f(x, 'currency')}.`,
  ],
  no_saved_card: (x) => [
    'no_saved_card',
    x.savedCardId
      ? `The saved card ${f(x, 'savedCardId')} is not a card of this account.`
      : 'The account has no saved card to charge; add one in the dashboard or pay through a payment link.',
  ],
  card_not_found: (x) => ['no_saved_card', `No saved card matches ${f(x, 'cardId')}.`],
  payment_declined: (x) => ['payment_declined', `The card was declined by the issuer (${f(x, 'reason')}).`],
  invoice_not_cancellable: (x) => [
    'invoice_not_cancellable',
    `Only draft or unpaid invoices can be cancelled. Current invoice status: ${f(x, 'status')}.`,
  ],
  invoice_not_draft: (x) => [
    'invoice_not_draft',
    `Only draft invoices can be finalized. Current invoice status: ${f(x, 'status')}.`,
  ],
  invoice_is_draft: () => ['invoice_is_draft', 'A draft invoice has no document or email yet; finalize it first.'],
  invoice_not_creditable: (x) => [
    'invoice_not_creditable',
    x.kind === 'credit'
      ? 'A credit invoice cannot be credited.'
      : `Only unpaid, paid or collections invoices can be credited. Current invoice status: ${f(x, 'status')}.`,
  ],
  credit_exceeds_creditable: (x) => [
    'credit_exceeds_creditable',
    `Line ${f(x, 'lineId')} has ${money(x, 'remaining')} ${f(x, 'currency')} left to credit; ${money(x, 'asked')} was asked.`,
  ],
  unknown_invoice_line: (x) => ['unknown_invoice_line', `Line ${f(x, 'lineId')} is not a line of this invoice.`],
  nothing_to_credit: () => ['nothing_to_credit', 'This invoice has already been credited in full.'],
  duplicate_credit_line: () => ['invalid_request', 'The request failed validation; see errors.'],
  credit_note_not_business: (x) => [
    'credit_note_unavailable',
    `Credit notes are only available for business accounts. This account is ${f(x, 'accountType')}.`,
  ],
  credit_note_wrong_status: (x) => [
    'credit_note_unavailable',
    x.reason
      ? `A credit note exists only for an issued invoice; ${f(x, 'reason')}. Current invoice status: ${f(x, 'status')}.`
      : `A credit note exists only for a refunded or cancelled invoice. Current invoice status: ${f(x, 'status')}.`,
  ],
  payment_link_not_found: () => ['not_found', 'No payment link with this id exists.'],
  payment_link_expired: () => ['not_found', 'This payment link has expired.'],
  invalid_cursor: () => ['invalid_request', 'The request failed validation; see errors.'],
};

/** Apply-credit refusals whose answer names the largest amount that would be accepted now. */
const CREDIT_REFUSALS: ReadonlySet<Rule> = new Set([
  'no_credit_available',
  'amount_exceeds_credit_balance',
  'amount_exceeds_invoice_balance',
]);

export function problemFor(rule: Rule, facts: Facts): ApiError {
  const [code, detail] = DETAILS[rule](facts);
  if (rule === 'duplicate_credit_line') {
    return new ApiError(code, detail, {
      errors: [
        {
          pointer: `/lines/${f(facts, 'index')}/lineId`,
          detail: `line ${f(facts, 'lineId')} appears more than once`,
          code: 'invalid_value',
        },
      ],
    });
  }
  if (rule === 'invalid_cursor') {
    return new ApiError(code, detail, {
      errors: [
        {
          pointer: '/query/cursor',
          detail: 'is not a cursor of this list; send nextCursor back unchanged',
          code: 'invalid_value',
        },
      ],
    });
  }
  if (CREDIT_REFUSALS.has(rule)) {
    const credit = Number(facts.credit ?? 0);
    const balance = Number(facts.balance ?? 0);
    return new ApiError(code, detail, {
      extensions: {
        maxAmount: major(Math.max(0, Math.min(credit, balance))),
        creditBalance: major(credit),
        invoiceBalance: major(balance),
        currencyCode: f(facts, 'currency'),
      },
    });
  }
  if (code === 'invalid_request')
    return new ApiError(code, 'The request failed validation; see errors.', {
      errors: [{ pointer: '/amount', detail, code: 'out_of_range' }],
    });
  return new ApiError(code, detail);
}

/** The RFC 9457 problem body of an error on a v2 path. */
export function problemBody(
  error: ApiError,
  facts: { status: number; title: string; typeBase: string; instance: string; requestId: string; timestamp: string },
): Problem {
  return {
    type: `${facts.typeBase}${error.code}`,
    title: facts.title,
    status: facts.status,
    detail: error.detail,
    code: error.code,
    instance: facts.instance,
    requestId: facts.requestId,
    timestamp: facts.timestamp,
    ...(error.options.errors ? { errors: error.options.errors } : {}),
    ...(error.options.extensions ? { extensions: error.options.extensions } : {}),
  };
}
