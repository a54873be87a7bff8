// What every rule is given: the clock, the id source, the settings of this sandbox, and the store
// transaction it runs in. Rules read and write only through `tx` (see db/store.ts).
import type { Tx } from '../db/store.js';
import type { SandboxClock } from './clock.js';
import type { Ids } from './ids.js';

export interface DomainSettings {
  /** Delay before a card or checkout payment completes, in sandbox-clock milliseconds. */
  paymentDelayMs: number;
  /** How long a payment link stays active. */
  linkTtlMs: number;
  /** Base URL printed into payment and checkout URLs (the server's own address by default). */
  publicUrl: () => string;
}

export interface Domain {
  clock: SandboxClock;
  ids: Ids;
  settings: DomainSettings;
}

/** A rule's view of the world: the domain, inside one store transaction. */
export interface Ctx extends Domain {
  tx: Tx;
}
