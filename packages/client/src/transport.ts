/**
 * One logical call on the wire: the attempts, the backoff between them, `Retry-After`, the deadline
 * (`timeoutMs` for the whole call, waits included) and the caller's `AbortSignal`.
 *
 * Why a fetch-level loop of our own: openapi-fetch middleware cannot re-send a request
 * (openapi-ts/openapi-typescript#2075), and retry libraries bring their own timers and dependencies.
 * Why AbortController + setTimeout rather than AbortSignal.any/timeout: on Node 20 those two cost
 * ~50 µs per call, a quarter of a local round trip; this costs ~4 µs and needs no fallback.
 * Whatever the signal, fetch itself pays ~7% of a local round trip on Node 20 for having one, so a
 * call with no deadline and no caller signal (`timeoutMs: 0`) gives fetch none.
 */
import {
  BillingAbortError,
  BillingApiError,
  BillingError,
  BillingNetworkError,
  BillingTimeoutError,
} from './errors.js';

/** Retries of calls that are safe to repeat (GET, and POSTs that carry an `Idempotency-Key`). */
export interface RetryOptions {
  /** Attempts in all, the first included (default 3). */
  maxAttempts: number;
  /** Backoff base: attempt n waits a random time in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))) (default 250). */
  baseDelayMs: number;
  /** Longest wait between attempts; a `Retry-After` longer than this is not waited for (default 20 000). */
  maxDelayMs: number;
}

export interface Call<T> {
  /** What fetch is called with on every attempt: `send` adds the signal to `init` when there is one. */
  input: string | Request;
  init: RequestInit;
  /** Whether this call may be sent more than once. */
  retryable: boolean;
  retry: RetryOptions | false;
  timeoutMs: number;
  /** The caller's signal. */
  signal: AbortSignal | null | undefined;
  /** Reads the final response (body included) while the deadline still holds. */
  read: (response: Response) => Promise<T>;
}

// The hot path allocates little on purpose: `init` is built once per call and sent as it is on every
// attempt, and error messages are only built when thrown.
export async function send<T>(fetch: typeof globalThis.fetch, call: Call<T>): Promise<T> {
  const { retry, timeoutMs, signal: caller } = call;
  if (caller?.aborted) throw aborted(caller);
  // timeoutMs 0 and no caller signal: no deadline, no controller and no signal for fetch.
  const controller = timeoutMs > 0 || caller ? new AbortController() : undefined;
  const signal = (call.init.signal = controller?.signal);
  const abort = () => controller?.abort();
  let timedOut = false;
  const timer =
    timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          abort();
        }, timeoutMs)
      : undefined;
  // Unref'd (Node; elsewhere a no-op): the request itself keeps the process alive, and Node keeps an
  // unref'd timer list when it empties, where it would free and rebuild a ref'd one on every call.
  (timer as { unref?: () => void } | undefined)?.unref?.();
  caller?.addEventListener('abort', abort);
  const started = Date.now();
  const maxAttempts = call.retryable && retry ? retry.maxAttempts : 1;
  try {
    for (let attempt = 1; ; attempt++) {
      let response: Response | undefined;
      let failure: unknown;
      try {
        response = await fetch(call.input, call.init);
      } catch (error) {
        if (signal?.aborted) throw error;
        failure = error;
      }
      let wait: number | undefined;
      if (retry && attempt < maxAttempts && (!response || response.status === 429 || response.status >= 500)) {
        let asked: number | undefined;
        if (response) [asked, response] = await askedDelay(response);
        wait = asked ?? Math.random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
        if (wait > retry.maxDelayMs || (timer && Date.now() - started + wait >= timeoutMs)) wait = undefined;
      }
      if (wait === undefined) {
        if (!response) throw new BillingNetworkError(`${what(call)} failed: ${reason(failure)}`, { cause: failure });
        // Read inside the deadline: fetch errors the body stream when the signal aborts.
        return await call.read(response);
      }
      // Free the connection; not awaited: cancelling one branch of a tee'd body waits for the other.
      response?.body?.cancel().catch(() => {});
      await sleep(wait, signal);
    }
  } catch (error) {
    if (signal?.aborted) throw timedOut ? new BillingTimeoutError(timeoutMs) : aborted(caller);
    throw error instanceof BillingError
      ? error
      : new BillingNetworkError(`${what(call)} failed: ${reason(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
    caller?.removeEventListener('abort', abort);
  }
}

/** `GET https://...`, for error messages (built only when one is thrown): from the Request, or the URL and init. */
function what({ input, init }: Call<unknown>): string {
  const request = input as Partial<Request>;
  return `${request.method ?? init.method} ${request.url ?? input}`;
}

/**
 * The wait the server asked for (`Retry-After`, or a v1 body's `retryAfter`, read as BillingApiError
 * reads them) and a copy of the response, since its body has been read.
 */
async function askedDelay(response: Response): Promise<[number | undefined, Response]> {
  const text = await response.text();
  return [new BillingApiError(response, text).retryAfterMs, new Response(text, response)];
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    // Left attached after the wait: rejecting a settled promise later does nothing, and the signal
    // dies with the call.
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

function aborted(caller: AbortSignal | null | undefined): BillingAbortError {
  return new BillingAbortError(`Aborted by the caller: ${reason(caller?.reason)}`, { cause: caller?.reason });
}

/** The most useful line of a fetch failure (undici hides the errno in `cause`). */
function reason(error: unknown): string {
  const e = error as { message?: string; cause?: { code?: string; message?: string } } | undefined;
  return e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(error);
}
