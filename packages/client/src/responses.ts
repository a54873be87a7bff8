/**
 * How the final response of a call becomes its result: the success body, parsed as the caller's
 * `parseAs` (JSON by default), for `billing.GET`/`POST`, a `BillingApiError` for anything else, and a
 * buffered copy for `billing.raw`.
 */
import { BillingApiError } from './errors.js';

export type ParseAs = 'json' | 'text' | 'blob' | 'arrayBuffer' | 'stream';

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

/**
 * For `billing.raw`: the response with its body read into memory while the deadline still holds, so
 * that a timeout during the body read is a `BillingTimeoutError` there too.
 */
export async function readBuffered(response: Response): Promise<Response> {
  return new Response(response.body && (await response.arrayBuffer()), response);
}
