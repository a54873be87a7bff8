// What every part of the sandbox shares for one running instance: the database, the clock, the id
// source, the settings, and the test hooks (latency, faults) that control endpoints set.

import type { SandboxClock } from './clock.js';
import type { Db } from './db/database.js';
import type { Ids } from './ids.js';

export interface SandboxSettings {
  /** Delay before a card or checkout payment completes, in sandbox-clock milliseconds. */
  paymentDelayMs: number;
  /** How long a payment link stays active. */
  linkTtlMs: number;
  /** Base URL printed into payment and checkout URLs (the server's own address by default). */
  publicUrl: () => string;
}

export interface TestHooks {
  /** Extra wait (ms) before an operation's handler runs, per operationId or '*' for all. */
  latencyMs: Map<string, number>;
  /** operationIds whose handler throws (to exercise the documented 500). */
  faults: Set<string>;
}

export interface SandboxContext {
  db: Db;
  clock: SandboxClock;
  ids: Ids;
  settings: SandboxSettings;
  hooks: TestHooks;
}
