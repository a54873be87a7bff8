// Rate limiting per API key, and per client address for public operations and for requests whose
// key is missing or unknown (so guessing keys is limited too): a token bucket of `limit` tokens
// refilled evenly over `windowMs` on the sandbox clock. Our own few lines rather than a library: the
// headers the spec documents (limit, remaining, ISO reset time, Retry-After) need the bucket's state.
// One process keeps its buckets in memory (TokenBuckets); sandboxes sharing a PostgreSQL database
// keep them in it (SharedBuckets), so a key has one bucket whichever instance it reaches.
import type { Store } from '../db/store.js';

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** `100/60s`, `10/1s`, `1000/5m`, `50/1h`, or `off`. */
export function parseRateLimit(text: string): RateLimit | undefined {
  if (text === 'off' || text === 'none') return undefined;
  const m = /^(\d+)\/(\d+)(ms|s|m|h)$/.exec(text.trim());
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1)
    throw new Error(`--rate-limit must look like 100/60s (or off), got "${text}"`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[3] as 'ms' | 's' | 'm' | 'h'];
  return { limit: Number(m[1]), windowMs: Number(m[2]) * unit };
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetAtMs: number;
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** The window in words, for messages: `60 seconds`. */
  readonly window: string;
  take(id: string, nowMs: number): RateDecision | Promise<RateDecision>;
  /** Refills every bucket (`/sandbox/reset`). */
  clear(): void;
}

function windowWords(config: RateLimit): string {
  const seconds = config.windowMs / 1000;
  return seconds >= 1 && Number.isInteger(seconds) ? `${seconds} seconds` : `${config.windowMs} ms`;
}

/** The answer and its headers, from what is left in the bucket after the request. */
function decision(config: RateLimit, tokens: number, allowed: boolean, nowMs: number): RateDecision {
  const perMs = config.limit / config.windowMs;
  return {
    allowed,
    limit: config.limit,
    remaining: Math.floor(tokens),
    resetAtMs: nowMs + Math.ceil((config.limit - tokens) / perMs),
    retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)),
  };
}

export class TokenBuckets implements RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;

  constructor(private readonly config: RateLimit) {
    this.perMs = config.limit / config.windowMs;
  }

  get window(): string {
    return windowWords(this.config);
  }

  take(id: string, nowMs: number): RateDecision {
    const bucket = this.buckets.get(id) ?? { tokens: this.config.limit, at: nowMs };
    bucket.tokens = Math.min(this.config.limit, bucket.tokens + Math.max(0, nowMs - bucket.at) * this.perMs);
    bucket.at = nowMs;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(id, bucket);
    if (this.buckets.size > 100_000) this.buckets.delete(this.buckets.keys().next().value!);
    return decision(this.config, bucket.tokens, allowed, nowMs);
  }

  clear(): void {
    this.buckets.clear();
  }
}

/**
 * The buckets as rows of the shared database: each request takes its token in one statement, so the
 * limit holds across every instance on the database (exactly, as far as their clocks agree).
 */
export class SharedBuckets implements RateLimiter {
  constructor(
    private readonly config: RateLimit,
    private readonly store: Store,
  ) {}

  get window(): string {
    return windowWords(this.config);
  }

  async take(id: string, nowMs: number): Promise<RateDecision> {
    const { tokens, allowed } = await this.store.read.rateLimits.take(
      id,
      nowMs,
      this.config.limit,
      this.config.windowMs,
    );
    return decision(this.config, tokens, allowed, nowMs);
  }

  /** Nothing to do: the buckets are rows, and a reset wipes them with the rest. */
  clear(): void {}
}
