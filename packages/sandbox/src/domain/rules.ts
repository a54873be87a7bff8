// A broken business rule, with the facts the message needs. The domain knows rules, not wire
// codes: each API version maps a rule to its own code and wording (api/v2/problems.ts,
// api/v1/errors.ts), and the spec says which HTTP status that code has for the operation.

export type Rule =
  | 'invoice_not_found'
  | 'invoice_not_unpaid'
  | 'payment_in_progress'
  | 'amount_not_positive'
  | 'amount_out_of_range'
  | 'no_credit_available'
  | 'amount_exceeds_credit_balance'
  | 'amount_exceeds_invoice_balance'
  | 'no_saved_card'
  | 'card_not_found'
  | 'payment_declined'
  | 'invoice_not_cancellable'
  | 'invoice_not_draft'
  | 'invoice_is_draft'
  | 'invoice_not_creditable'
  | 'credit_exceeds_creditable'
  | 'unknown_invoice_line'
  | 'nothing_to_credit'
  | 'duplicate_credit_line'
  | 'credit_note_not_business'
  | 'credit_note_wrong_status'
  | 'payment_link_not_found'
  | 'payment_link_expired'
  | 'invalid_cursor';

export type Facts = Record<string, string | number>;

export class RuleError extends Error {
  constructor(
    readonly rule: Rule,
    readonly facts: Facts = {},
  ) {
    super(rule);
    this.name = 'RuleError';
  }
}
