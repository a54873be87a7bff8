// The sandbox clock: real time plus an offset that `/sandbox/clock/advance` moves forward, so link
// expiry, overdue invoices, idempotency-key expiry and payment completion can be tested without
// waiting. The offset is stored with the data (the caller persists it) so a restart keeps the
// sandbox's notion of "now". It never leaves the range of valid dates.

export const DAY_MS = 24 * 60 * 60 * 1000;

/** The latest moment a JavaScript Date (and an ISO timestamp) can hold. */
export const MAX_DATE_MS = 8.64e15;

/** How far the clock may be moved ahead of real time in all: far enough for any test, far from the end of dates. */
export const MAX_OFFSET_MS = 100 * 365 * DAY_MS;

// A request formats the same millisecond several times (each row it writes, each invoice it shows),
// and formatting costs more than comparing: the last one is kept.
let lastMs = Number.NaN;
let lastIso = '';
function isoOf(ms: number): string {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}

export class SandboxClock {
  constructor(
    private offsetMs = 0,
    private readonly realNow: () => number = Date.now,
  ) {}

  nowMs(): number {
    return this.realNow() + this.offsetMs;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** ISO 8601 UTC with milliseconds, the spec's Timestamp. */
  iso(offsetMs = 0): string {
    return isoOf(this.nowMs() + offsetMs);
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** Whether `ms` more would stay within MAX_OFFSET_MS. */
  canAdvance(ms: number): boolean {
    return Number.isFinite(ms) && ms >= 0 && this.offsetMs + ms <= MAX_OFFSET_MS;
  }

  advance(ms: number): void {
    if (!this.canAdvance(ms))
      throw new RangeError(`the clock moves forward only, and at most ${MAX_OFFSET_MS} ms ahead in all`);
    this.offsetMs += ms;
  }

  /** This clock moved a further `ms` ahead: an account's clock on top of the default clock. */
  shifted(ms: number): SandboxClock {
    return new SandboxClock(this.offsetMs + ms, this.realNow);
  }

  /** Sets the offset (a database with a stored offset is opened, or reset). */
  setOffset(ms: number): void {
    this.offsetMs = ms;
  }
}
