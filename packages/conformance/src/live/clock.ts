// Every move of the server's clock goes through this module. The sandbox has one clock, shared by
// all of its accounts, so a move changes "now" for everyone using that sandbox (links expire,
// invoices fall overdue, idempotency keys expire, rate budgets refill): moves are as short as a
// scenario allows, and the run reports their total. When the sandbox gets a clock per account,
// `advance` passes the account along and nothing else in the kit changes.
import type { SandboxControl } from './control.js';

/** How far past an instant the clock is moved, so that "after" holds on the server whatever its rounding. */
export const PAST_MARGIN_MS = 1000;

export interface ScenarioClock {
  /** Total distance the run has moved the server clock, ms. */
  readonly movedMs: number;
  /**
   * Moves the clock of `account`'s server just past `instant`, given the server's `now` (both ISO
   * timestamps from its own responses). Does nothing when `instant` has already passed.
   */
  advancePast(account: { accountId?: string }, instant: string, serverNow: string): Promise<void>;
}

export function createClock(control: SandboxControl): ScenarioClock {
  let movedMs = 0;
  return {
    get movedMs() {
      return movedMs;
    },
    async advancePast(_account, instant, serverNow) {
      const ms = Date.parse(instant) - Date.parse(serverNow) + PAST_MARGIN_MS;
      if (!Number.isFinite(ms)) throw new Error(`cannot move the clock past "${instant}" from "${serverNow}"`);
      if (ms <= 0) return;
      // The sandbox's clock is shared: `_account` is where a per-account clock will be chosen.
      await control.advanceClock(ms);
      movedMs += ms;
    },
  };
}
