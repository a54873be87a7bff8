// The kit's HTTP client: one request in, one response out, with the body parsed the way its
// Content-Type says. It never throws on a status; it throws TransportError (a one-line reason, no
// stack) when the server cannot be reached or times out.
export interface SentRequest {
  method: string;
  /** Path and query, e.g. `/api/v2/billing/invoices?limit=10`. */
  path: string;
  headers: Record<string, string>;
  /** The JSON body, when one was sent. */
  body?: unknown;
  /** A raw body sent as is (for malformed JSON). */
  rawBody?: string;
}

export interface ReceivedResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON for JSON media types, the text otherwise, undefined when empty. */
  body: unknown;
  text: string;
}

export class TransportError extends Error {
  override readonly name = 'TransportError';
}

const JSON_MEDIA = /^application\/([\w.+-]+\+)?json$/i;

export function isJsonMedia(contentType: string | null | undefined): boolean {
  return JSON_MEDIA.test((contentType ?? '').split(';')[0]!.trim());
}

export interface HttpTarget {
  readonly baseUrl: string;
  send(request: SentRequest): Promise<ReceivedResponse>;
}

export function createHttpTarget(baseUrl: string, timeoutMs = 30_000): HttpTarget {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    baseUrl: base,
    async send(request) {
      const payload = request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
      const headers = { ...request.headers };
      if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
        headers['Content-Type'] = 'application/json';
      let response: Response;
      try {
        response = await fetch(base + request.path, {
          method: request.method,
          headers,
          body: payload,
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'manual',
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        const reason =
          (error as Error).name === 'TimeoutError'
            ? `no answer within ${timeoutMs} ms`
            : (cause?.code ?? cause?.message ?? (error as Error).message);
        throw new TransportError(`${request.method} ${base}${request.path}: ${reason}`);
      }
      const text = await response.text();
      let body: unknown = text === '' ? undefined : text;
      if (text !== '' && isJsonMedia(response.headers.get('content-type'))) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text; // the schema check then reports a string where JSON was documented
        }
      }
      return { status: response.status, headers: response.headers, body, text };
    },
  };
}
