/**
 * The error types of the client. Every failure of a call surfaces as one of these (never a bare
 * TypeError or string): `BillingApiError` for any HTTP answer that is not a success, whatever its body
 * (v2 problem+json, v1 envelope, an HTML page from a proxy, malformed JSON or nothing), and
 * `BillingNetworkError` / `BillingTimeoutError` / `BillingAbortError` when there is no answer.
 */

import type { FieldError } from '@billing-api/types';

/** Base class of every error the client throws. */
export class BillingError extends Error {
  override name = 'BillingError';
}

/** The server answered, with a status that is not a success (or with a success body that is not JSON). */
export class BillingApiError extends BillingError {
  /** HTTP status. */
  declare readonly status: number;
  /** v2 `code` (`invoice_not_unpaid`), v1 `code` (`INVOICE_NOT_UNPAID`), or `http_<status>` without one. */
  declare readonly code: string;
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

/** No response: DNS, connection refused or reset, TLS... (after the retries allowed, if any). */
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

/** Type guard that also works across two copies of this package (ESM and CJS in one process). */
export function isBillingApiError(error: unknown): error is BillingApiError {
  return (
    error instanceof BillingApiError ||
    (error instanceof Error && error.name === 'BillingApiError' && 'status' in error && 'code' in error)
  );
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or invalid. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
