// The sandbox clock: real time plus an offset that `/sandbox/clock/advance` moves forward, so link
// expiry, overdue invoices, idempotency-key expiry and payment completion can be tested without
// waiting. The offset is stored in the database so a restart keeps the sandbox's notion of "now".

export const DAY_MS = 24 * 60 * 60 * 1000;

export class SandboxClock {
  constructor(
    private offsetMs = 0,
    private readonly persist: (offsetMs: number) => void = () => {},
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
    return new Date(this.nowMs() + offsetMs).toISOString();
  }

  get offset(): number {
    return this.offsetMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the clock only moves forward');
    this.offsetMs += ms;
    this.persist(this.offsetMs);
  }

  /** Sets the offset (used when a database with a stored offset is opened or reset). */
  setOffset(ms: number): void {
    this.offsetMs = ms;
    this.persist(ms);
  }
}
