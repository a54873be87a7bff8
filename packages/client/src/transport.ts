/**
 * One logical call on the wire: the attempts, the backoff between them, `Retry-After`, the deadline
 * (`timeoutMs` for the whole call, waits included) and the caller's `AbortSignal`. An attempt ends
 * when its body has been read, so a connection dropped during the body is retried like one dropped
 * before the status line (when the call is safe to repeat).
 *
 * Why a fetch-level loop of our own: retry libraries bring their own timers and dependencies, and
 * openapi-fetch cannot re-send a request (openapi-ts/openapi-typescript#2075).
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
  ofCall,
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
  url: string;
  init: RequestInit;
  /** Whether this call may be sent more than once. */
  retryable: boolean;
  retry: RetryOptions | false;
  timeoutMs: number;
  /** The caller's signal. */
  signal: AbortSignal | null | undefined;
  /** Reads the final response (body included) while the deadline still holds. */
  read: (response: Response) => Promise<T>;
  /** Set on every error the call throws (see `ofCall`). */
  operationId: string | undefined;
  idempotencyKey: string | undefined;
  codes: string;
}

// The hot path allocates little on purpose: `init` is built once per call and sent as it is on every
// attempt, and error messages are only built when thrown.
export async function send<T>(fetch: typeof globalThis.fetch, call: Call<T>): Promise<T> {
  const { retry, timeoutMs, signal: caller } = call;
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
  if (caller?.aborted) abort();
  const started = Date.now();
  const maxAttempts = call.retryable && retry ? retry.maxAttempts : 1;
  try {
    for (let attempt = 1; ; attempt++) {
      const again = retry && attempt < maxAttempts ? retry : undefined;
      let response: Response | undefined;
      let failure: unknown;
      let wait: number | undefined;
      try {
        if (signal?.aborted) throw signal.reason;
        response = await fetch(call.url, call.init);
        if (!again || (response.status !== 429 && response.status < 500)) return await call.read(response);
        [wait, response] = await askedDelay(response);
      } catch (error) {
        // Final: an abort, an answer read into a BillingApiError, or a failure with no attempt left.
        if (!again || signal?.aborted || error instanceof BillingError) throw error;
        failure = error;
        response = undefined;
      }
      wait ??= Math.random() * Math.min(again.maxDelayMs, again.baseDelayMs * 2 ** (attempt - 1));
      if (wait > again.maxDelayMs || (timer && Date.now() - started + wait >= timeoutMs)) {
        if (!response) throw failure;
        return await call.read(response);
      }
      await sleep(wait, signal);
    }
  } catch (error) {
    throw ofCall(
      signal?.aborted
        ? timedOut
          ? new BillingTimeoutError(timeoutMs)
          : aborted(caller)
        : error instanceof BillingError
          ? error
          : new BillingNetworkError(`${call.init.method} ${call.url} failed: ${reason(error)}`, { cause: error }),
      call.operationId,
      call.idempotencyKey,
      call.codes,
    );
  } finally {
    clearTimeout(timer);
    caller?.removeEventListener('abort', abort);
  }
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
