/**
 * The error types of the client. Every failure of a call surfaces as one of these (never a bare
 * TypeError, SyntaxError or string): `BillingApiError` for any HTTP answer that is not a usable
 * success, whatever its body (v2 problem+json, v1 envelope, an HTML page from a proxy, malformed JSON
 * or nothing), and `BillingNetworkError` / `BillingTimeoutError` / `BillingAbortError` when there is
 * no answer. Each carries the call's operationId and the Idempotency-Key it sent.
 */

import type { ErrorCode, FieldError, OperationId } from '@billing-api/types';
import type { ClientErrorCode } from './error-codes.js';

/** Base class of every error the client throws. */
export class BillingError extends Error {
  override name = 'BillingError';
  /** The spec's operationId of the call that failed (undefined for errors outside a call). */
  declare readonly operationId: OperationId | undefined;
  /** The `Idempotency-Key` the call sent (generated or yours): retry with it to be safe. */
  declare readonly idempotencyKey: string | undefined;
}

/** The server answered, with a status that is not a success (or with a success body that is not JSON). */
export class BillingApiError<Id extends OperationId = OperationId> extends BillingError {
  declare readonly operationId: Id;
  /** HTTP status. */
  declare readonly status: number;
  /**
   * The v2 `code` (`invoice_not_unpaid`) or v1 `code` (`INVOICE_NOT_UNPAID`) when the spec documents it
   * for this operation and status; else `http_<status>` (the server's own code, if any, is in
   * `rawCode`); `malformed_response` for a success that is not JSON. So it is typed with exactly the
   * documented codes, and a misspelt one does not compile.
   */
  declare readonly code: ErrorCode | ClientErrorCode;
  /** The body's `code` exactly as the server sent it (also one the spec does not document), if any. */
  declare readonly rawCode: string | undefined;
  /** Body `requestId`, else the `X-Request-Id` header: quote it to support. */
  declare readonly requestId: string | undefined;
  /** v2 `errors[]` as `{ pointer, detail, code }` (with `code: invalid_request`); empty otherwise. */
  declare readonly fieldErrors: FieldError[];
  /** The parsed JSON body, or the text when it is not JSON, or undefined when empty. */
  declare readonly body: unknown;
  /** The response (its body has been read). */
  declare readonly response: Response;
  /** On 429/503, how long the server asked to wait (`Retry-After`, or v1 body `retryAfter`), in ms. */
  declare readonly retryAfterMs: number | undefined;

  constructor(response: Response, text: string, fallbackCode = `http_${response.status}`) {
    let body: unknown = text || undefined;
    let json = false;
    try {
      body = JSON.parse(text);
      json = true;
    } catch {
      // not JSON (or empty): keep the text
    }
    const o = (json && body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
    const type = response.headers.get('content-type');
    super(
      str(o.detail) ??
        str(o.message) ??
        `${`HTTP ${response.status} ${response.statusText}`.trim()} with ${text ? (json ? 'an unexpected JSON' : `a non-JSON (${type})`) : 'an empty'} body`,
    );
    Object.assign(this, {
      name: 'BillingApiError',
      status: response.status,
      code: str(o.code) ?? fallbackCode,
      rawCode: str(o.code),
      requestId: str(o.requestId) ?? response.headers.get('x-request-id') ?? undefined,
      fieldErrors: Array.isArray(o.errors) ? o.errors : [],
      body,
      response,
      retryAfterMs:
        retryAfterMs(response.headers.get('retry-after')) ??
        (typeof o.retryAfter === 'number' && o.retryAfter >= 0 ? o.retryAfter * 1000 : undefined),
    });
  }
}

/** No response: DNS, connection refused or reset, TLS, a body cut off... (after the retries allowed, if any). */
export class BillingNetworkError extends BillingError {
  override name = 'BillingNetworkError';
}

/** The call took longer than `timeoutMs` (all attempts and waits included). */
export class BillingTimeoutError extends BillingError {
  override name = 'BillingTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`The request did not complete within ${timeoutMs} ms`);
  }
}

/** The caller's `signal` aborted the call. Named `AbortError` like the DOM's, so existing checks still match. */
export class BillingAbortError extends BillingError {
  override name = 'AbortError';
}

/**
 * Ties an error to the call that threw it: its operationId and Idempotency-Key, and an API error's
 * `code` kept only when the spec documents it for the operation at that status (` 409:code ` in
 * `codes`), else `http_<status>`, so that the code always is one its type names.
 */
export function ofCall<E extends BillingError>(
  error: E,
  operationId: string | undefined,
  idempotencyKey: string | undefined,
  codes: string,
): E {
  const api = error as BillingError as { status?: number; rawCode?: string; code?: string };
  if (api.rawCode && !codes.includes(` ${api.status}:${api.rawCode} `)) api.code = `http_${api.status}`;
  return Object.assign(error, { operationId, idempotencyKey });
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or invalid. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
