/**
 * Typed error codes: `BillingApiErrorOf<'applyCreditToInvoice'>` is a union discriminated by
 * `status` and `code`, built from the codes the spec documents for that operation (generated into
 * @billing-api/types), so `error.code === 'amount_exceeds_credit_balance'` narrows `status` to 422
 * and a misspelt code is a compile error. The fallback for a code the spec does not document (a
 * newer server, a proxy's page) is `http_<status>`, with the server's code in `rawCode`: a plain
 * `string` in the union would make every literal comparable, typos included.
 */
import type { ErrorCodeOf, ErrorCodeStatus, OperationId, ResponseBody, StatusOf } from '@billing-api/types';
import { BillingApiError } from './errors.js';

/**
 * Codes the client sets itself: `http_<status>` when the body carries no code the spec documents for
 * the operation at that status, `malformed_response` for a 2xx that is not JSON.
 */
export type ClientErrorCode = `http_${number}` | 'malformed_response';

// Distributive over a union of operations, so `BillingApiErrorOf<OperationId>` merges them by status.
type Statuses<Id> = Id extends OperationId ? ErrorCodeStatus<Id> : never;
type CodesAt<Id, S> = Id extends OperationId ? (S extends ErrorCodeStatus<Id> ? ErrorCodeOf<Id, S> : never) : never;
type BodyAt<Id, S> = Id extends OperationId ? (S extends StatusOf<Id> ? ResponseBody<Id, S> : never) : never;

/** A `BillingApiError` of operation `Id` (or of any of a union of them), discriminated by `status` and `code`. */
export type BillingApiErrorOf<Id extends OperationId> =
  | {
      [S in Statuses<Id>]: BillingApiError<Id> & {
        readonly status: S;
        readonly code: CodesAt<Id, S>;
        readonly body: BodyAt<Id, S>;
      };
    }[Statuses<Id>]
  | (BillingApiError<Id> & { readonly code: ClientErrorCode });

/**
 * Whether `error` is a `BillingApiError` (also one from a second copy of this package, ESM and CJS side
 * by side), optionally of the call to one operation: `isBillingApiError(error, 'applyCreditToInvoice')`.
 */
export function isBillingApiError<Id extends OperationId = OperationId>(
  error: unknown,
  operationId?: Id,
): error is BillingApiErrorOf<Id> {
  return (
    (error instanceof BillingApiError ||
      (error instanceof Error && error.name === 'BillingApiError' && 'status' in error && 'code' in error)) &&
    (operationId === undefined || (error as BillingApiError).operationId === operationId)
  );
}
