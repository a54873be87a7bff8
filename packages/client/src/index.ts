/**
 * @billing-api/client: a typed client for the Billing API (v2 and legacy v1) on openapi-fetch.
 * This module only re-exports; each feature lives in its own module.
 */

export type * from '@billing-api/types';
export type {
  BillingClient,
  BillingClientOptions,
  BillingData,
  BillingMethod,
  BillingOperationId,
  BillingPath,
  BillingPromise,
  BillingRawMethod,
  BillingResult,
} from './client.js';
export { createBillingClient } from './client.js';
export type { BillingApiErrorOf, ClientErrorCode } from './error-codes.js';
export { isBillingApiError } from './error-codes.js';
export {
  BillingAbortError,
  BillingApiError,
  BillingError,
  BillingNetworkError,
  BillingTimeoutError,
} from './errors.js';
export { formatMinor, fromMinorUnits, parseDecimalToMinor, toMinorUnits } from './money.js';
export type { PageItem, PaginatedPath } from './paginate.js';
export { paginate } from './paginate.js';
export { decodePdf } from './pdf.js';
export type { BillingResponse } from './responses.js';
export type { RetryOptions } from './transport.js';
