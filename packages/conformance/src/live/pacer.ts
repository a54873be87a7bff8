// Paces requests by the rate-limit headers the server sends on every counted response
// (`X-RateLimit-Limit`, `-Remaining`, `-Reset`, and `Retry-After` on a 429), bucket by bucket: a
// request goes at once while its bucket has tokens left, and when none are left it waits exactly
// until one comes back, so a conforming server never has to answer a 429 the kit could have
// avoided. A 429 it gets anyway (another client spent the bucket, or the bucket is not the one the
// kit thought) is waited out by Retry-After and retried. No request waits longer than a bound in all:
// past it the request fails with RateLimitGaveUp, a one-line reason, instead of hanging the run.
//
// Our own few lines rather than a library: client-side limiters (bottleneck, p-throttle) take a rate
// configured up front, while the kit must follow whatever the server says about each bucket.
//
// When does a token come back? A fixed window gives every token back at `Reset`, and its `Reset`
// stays put while the window lasts; a token bucket refills evenly and its `Reset` (the moment it is
// full again) moves later with every request. The pacer tells them apart by watching `Reset` from one
// answer to the next: for a window it waits until `Reset`, for a refilling bucket until the next
// token, at most (Reset - now) / Limit as the bucket refills Limit tokens by Reset. Until it has seen
// which (a bucket already empty at its first answer) it takes the next token's time; a window then
// answers one 429, whose Retry-After is the exact wait and whose unmoved Reset settles it.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReceivedResponse } from './http.js';

/** The longest a request waits on the rate limit in all, by default (the sandbox's window is 60 s). */
export const DEFAULT_MAX_WAIT_MS = 65_000;

/** Added to every computed wait: a timer may fire a little early, and Reset is rounded to the ms. */
const MARGIN_MS = 5;

/** A request the rate limit did not let through within the bound. */
export class RateLimitGaveUp extends Error {
  override readonly name = 'RateLimitGaveUp';
}

interface BucketState {
  limit: number;
  /** Tokens left as of the last answer, less the requests sent since. */
  remaining: number;
  /** When the server says the bucket is full again (client clock, ms). */
  resetAt: number;
  /** When that answer arrived (client clock, ms). */
  seenAt: number;
  /** Whether the bucket refills evenly (`Reset` moved later within a window) or all at once (it stayed); undefined until seen. */
  refills: boolean | undefined;
}

export interface PacerOptions {
  /** The longest one request waits on the rate limit in all, ms. */
  maxWaitMs?: number;
}

/** Reads `X-RateLimit-Reset`: an ISO timestamp (the spec's), or else epoch seconds or seconds from now. */
function resetTime(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) {
    const n = Number(value);
    return n > 1e9 ? n * 1000 : now + n * 1000;
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export class Pacer {
  private readonly buckets = new Map<string, BucketState>();
  /** Time spent waiting on the rate limit, ms (before sending, and after a 429). */
  waitedMs = 0;
  /** 429s the pacer got while pacing (the server's bucket was not where its headers said). */
  unplanned429s = 0;
  readonly maxWaitMs: number;

  constructor(options: PacerOptions = {}) {
    this.maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  }

  /** How long a request in `bucket` must wait before it may go, ms (0: now). */
  delayFor(bucket: string, now = Date.now()): number {
    const state = this.buckets.get(bucket);
    if (!state || state.remaining > 0) return 0;
    if (now >= state.resetAt) {
      this.buckets.delete(bucket); // full again: nothing known until the next answer
      return 0;
    }
    if (state.refills === false) return state.resetAt - now + MARGIN_MS;
    const perToken = Math.ceil((state.resetAt - state.seenAt) / state.limit);
    return Math.max(0, state.seenAt + perToken + MARGIN_MS - now);
  }

  /** Takes in an answer's rate-limit headers for `bucket`. */
  observe(bucket: string, response: ReceivedResponse, now = Date.now()): void {
    const limit = Number(response.headers.get('x-ratelimit-limit'));
    const remaining = Number(response.headers.get('x-ratelimit-remaining'));
    const resetAt = resetTime(response.headers.get('x-ratelimit-reset'), now);
    if (!(limit > 0) || !Number.isFinite(remaining) || resetAt === undefined) return;
    // Compared within one window only: a new window's Reset is later without the bucket refilling evenly.
    const before = this.buckets.get(bucket);
    let refills = before?.refills;
    if (before && now < before.resetAt && refills !== true) {
      if (resetAt > before.resetAt + 1) refills = true;
      else if (Math.abs(resetAt - before.resetAt) <= 1) refills = false;
    }
    this.buckets.set(bucket, { limit, remaining, resetAt, seenAt: now, refills });
  }

  /**
   * Sends through `send` when `bucket` allows, waiting as long as it takes (up to the bound), and
   * retries after a 429 once Retry-After has passed. `paced: false` sends at once and returns the 429
   * (the rate-limit scenarios provoke them), still learning from the headers.
   */
  async send(
    bucket: string,
    what: string,
    send: () => Promise<ReceivedResponse>,
    paced = true,
  ): Promise<ReceivedResponse> {
    let waited = 0;
    const wait = async (ms: number, why: string) => {
      if (waited + ms > this.maxWaitMs)
        throw new RateLimitGaveUp(
          `${what}: the server's rate limit did not let the request through within ${this.maxWaitMs / 1000} s (${why})`,
        );
      waited += ms;
      this.waitedMs += ms;
      await sleep(ms);
    };
    for (;;) {
      const delay = paced ? this.delayFor(bucket) : 0;
      if (delay > 0) {
        await wait(delay, `no requests left until ${new Date(Date.now() + delay).toISOString()}`);
        continue;
      }
      const state = this.buckets.get(bucket);
      if (state) state.remaining--; // the request about to go takes a token
      const response = await send();
      this.observe(bucket, response);
      if (response.status !== 429 || !paced) return response;
      this.unplanned429s++;
      const retryAfter = Number(response.headers.get('retry-after'));
      const byHeader = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined;
      const byReset = this.delayFor(bucket);
      await wait(byHeader ?? (byReset > 0 ? byReset : 1000), `429 with Retry-After ${retryAfter || 'missing'}`);
    }
  }
}
