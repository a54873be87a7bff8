// Every move of the server's clock goes through this module. The sandbox has a clock per account:
// a move changes "now" for the scenario's own account only (its links expire, its invoices fall
// overdue, its idempotency keys expire), never the sandbox's default clock or anyone else's. Moves
// are still as short as a scenario allows, and the run reports their total.
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
  advancePast(account: { keys: { bearer: string } }, instant: string, serverNow: string): Promise<void>;
}

export function createClock(control: SandboxControl): ScenarioClock {
  let movedMs = 0;
  return {
    get movedMs() {
      return movedMs;
    },
    async advancePast(account, instant, serverNow) {
      const ms = Date.parse(instant) - Date.parse(serverNow) + PAST_MARGIN_MS;
      if (!Number.isFinite(ms)) throw new Error(`cannot move the clock past "${instant}" from "${serverNow}"`);
      if (ms <= 0) return;
      await control.advanceClock(account.keys.bearer, ms);
      movedMs += ms;
    },
  };
}
