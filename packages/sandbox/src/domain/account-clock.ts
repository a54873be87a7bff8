// A clock per account, like Stripe's test clocks: an account's "now" is the sandbox's default clock
// plus the account's own offset, so one integrator moving time (to expire a link, make an invoice
// overdue, settle a payment) changes nothing for the others. The offset is a row of the meta table
// (`clock_offset_ms:<accountId>`), read on every use rather than cached, so it survives restarts and
// every process serving the same database sees the same clock. Rules never see the difference: the
// context a request runs in carries its account's clock.
import type { Tx } from '../db/store.js';
import { MAX_OFFSET_MS, type SandboxClock } from './clock.js';
import type { Domain } from './context.js';

const offsetKey = (accountId: string) => `clock_offset_ms:${accountId}`;

/** How far the account's clock is ahead of the default clock, in ms (0 when it was never moved). */
export async function accountOffset(meta: Tx['meta'], accountId: string): Promise<number> {
  const stored = await meta.get(offsetKey(accountId));
  const offset = Number(stored ?? 0);
  // Only this module writes the row; anything else is treated as a clock that was never moved.
  return Number.isSafeInteger(offset) && offset >= 0 && offset <= MAX_OFFSET_MS ? offset : 0;
}

/** The account's clock: the default clock moved ahead by the account's offset. */
export async function accountClock(domain: Domain, meta: Tx['meta'], accountId: string): Promise<SandboxClock> {
  return domain.clock.shifted(await accountOffset(meta, accountId));
}

export function saveAccountOffset(tx: Tx, accountId: string, offsetMs: number): Promise<void> {
  return tx.meta.set(offsetKey(accountId), String(offsetMs));
}
