/**
 * How the final response of a call becomes its result: the success body, parsed as the caller's
 * `parseAs` (JSON by default) with the response and request id beside it, or a `BillingApiError`
 * for anything else.
 */
import { BillingApiError } from './errors.js';

export type ParseAs = 'json' | 'text' | 'blob' | 'arrayBuffer' | 'stream';

/** A successful call: the body and what came with it. */
export interface BillingResponse<D> {
  data: D;
  /** The response (its body has been read, except with `parseAs: 'stream'`). */
  response: Response;
  /** The `X-Request-Id` header, else a v1 body's `requestId`: quote it to support. */
  requestId: string | undefined;
  /** The `Idempotency-Key` the call sent (generated or yours), if any. */
  idempotencyKey: string | undefined;
}

/** The success body (JSON: undefined when empty, a `malformed_response` error when not JSON), or the error. */
export async function readBody(response: Response, parseAs: ParseAs = 'json'): Promise<unknown> {
  if (response.ok && parseAs !== 'json') return parseAs === 'stream' ? response.body : response[parseAs]();
  const text = await response.text();
  if (!response.ok) throw new BillingApiError(response, text);
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    throw new BillingApiError(response, text, 'malformed_response');
  }
}

/** The request id of a success: the header the spec requires, or the v1 envelope's field. */
export function requestIdOf(response: Response, data: unknown): string | undefined {
  return response.headers.get('x-request-id') ?? (data as { requestId?: string } | undefined)?.requestId;
}
