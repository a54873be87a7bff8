// Test doubles for the unit tests: a fetch stub that answers from a script of responses and records
// every request as a real Request (headers, body and signal as the client sent them).
import { vi } from 'vitest';

export type Answer = Response | Error | ((request: Request) => Response | Promise<Response>);

export interface FetchStub {
  fetch: typeof globalThis.fetch;
  requests: Request[];
  /** The signal each attempt was sent with. */
  signals: AbortSignal[];
  mock: ReturnType<typeof vi.fn>;
}

/** A fetch that answers each call with the next answer (the last one repeats). */
export function stubFetch(...answers: Answer[]): FetchStub {
  const requests: Request[] = [];
  const signals: AbortSignal[] = [];
  let i = 0;
  const mock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request);
    if (init?.signal) signals.push(init.signal);
    const answer = answers[Math.min(i++, answers.length - 1)];
    if (answer instanceof Error) throw answer;
    if (typeof answer === 'function') return answer(request);
    return (answer as Response).clone();
  });
  return { fetch: mock as unknown as typeof globalThis.fetch, requests, signals, mock };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  const type =
    status >= 400 && body && typeof body === 'object' && 'detail' in body
      ? 'application/problem+json'
      : 'application/json';
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type, ...headers } });
}

/** A fetch that never answers until its signal aborts (then rejects like fetch does). */
export function hangingFetch(): FetchStub {
  return stubFetch(
    (request) =>
      new Promise<Response>((_, reject) => {
        request.signal.addEventListener('abort', () => reject(request.signal.reason));
      }),
  );
}

/**
 * A response whose connection drops while the body is read: the status and headers arrived, then
 * the stream errors as undici's does (`TypeError: terminated`).
 */
export function droppedBody(status = 200): Response {
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      controller.enqueue(new TextEncoder().encode('{"id":"inv_'));
      controller.error(
        new TypeError('terminated', {
          cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
        }),
      );
    },
  });
  return new Response(body, { status, headers: { 'content-type': 'application/json' } });
}

/** fetch's own network failure: `TypeError: fetch failed` with the errno in `cause`. */
export function networkError(code = 'ECONNREFUSED'): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code }) });
}

export const problem = (status: number, code: string, detail: string, extra: Record<string, unknown> = {}) => ({
  type: `https://docs.billing.example/errors/${code}`,
  title: code,
  status,
  detail,
  code,
  instance: '/api/v2/billing/invoices/inv_1',
  requestId: 'req_01jd8k7s9t1v3w5x7y9z1a3b5c',
  timestamp: '2026-02-10T09:30:00.000Z',
  ...extra,
});

export const invoice = { id: 'inv_01jd8k3a5b7c9d1e3f5g7h9j1k', status: 'unpaid', total: 1750 };
