// The sandbox's control endpoints under /sandbox/ (described in @billing-api/sandbox's README), used
// only when the target is a sandbox: make accounts in the states a scenario needs, move an account's
// clock (only through ./clock.ts), make an operation fail (500) or slow (idempotency in progress)
// for one account. Everything after creating the account acts on that account only (it sends the
// account's key): a run never moves the sandbox's default clock, resets it, or slows anyone else's
// calls. They are not part of the Billing API spec, so their responses are checked for status only.
import type { HttpTarget } from './http.js';

/** Test cards of the sandbox, by the last four digits it gives them meaning by. */
export const SANDBOX_CARDS = { approves: '4242', declines: '0002' } as const;

export interface AccountSetup {
  type?: 'business' | 'personal';
  credit?: number;
  invoices?: Array<{ status: string; kind?: 'standard' | 'add_funds' }>;
  cards?: Array<{ last4: string; primary?: boolean }>;
  /** Keys to create: label -> scopes. */
  keys: Record<string, string[]>;
}

export class ControlError extends Error {
  override readonly name = 'ControlError';
}

export interface CreatedAccount {
  accountId: string;
  /** The keys asked for, by label. */
  keys: Record<string, string>;
}

export interface SandboxControl {
  createAccount(setup: AccountSetup): Promise<CreatedAccount>;
  /** Moves the clock of the account of `key` forward; call it through ./clock.ts. */
  advanceClock(key: string, ms: number): Promise<void>;
  /** Makes an operation's handler fail (true) or work again (false), for the account of `key`. */
  setFault(key: string, operationId: string, enabled: boolean): Promise<void>;
  /** Delays an operation's handler by `ms` (0 removes the delay), for the account of `key`. */
  setLatency(key: string, operationId: string, ms: number): Promise<void>;
}

export function createControl(http: HttpTarget): SandboxControl {
  async function post(path: string, body: unknown, expected: number, key?: string): Promise<unknown> {
    const headers: Record<string, string> = key === undefined ? {} : { authorization: `Bearer ${key}` };
    const response = await http.send({ method: 'POST', path, headers, body });
    if (response.status !== expected) {
      const detail =
        typeof response.body === 'object' && response.body !== null
          ? JSON.stringify(response.body)
          : response.text.slice(0, 200);
      throw new ControlError(`POST ${path} answered ${response.status} (expected ${expected}): ${detail}`);
    }
    return response.body;
  }
  return {
    async createAccount(setup) {
      const created = (await post('/sandbox/accounts', setup, 201)) as Partial<CreatedAccount> | undefined;
      if (typeof created?.accountId !== 'string' || typeof created.keys !== 'object' || created.keys === null)
        throw new ControlError(`POST /sandbox/accounts answered without accountId and keys`);
      return { accountId: created.accountId, keys: created.keys };
    },
    async advanceClock(key, ms) {
      await post('/sandbox/account/clock/advance', { ms }, 200, key);
    },
    async setFault(key, operationId, enabled) {
      await post('/sandbox/account/faults', { operationId, enabled }, 200, key);
    },
    async setLatency(key, operationId, ms) {
      await post('/sandbox/account/latency', { operationId, ms }, 200, key);
    },
  };
}

/** Whether the target is a sandbox: its health endpoint answers `{ ok: true }`. */
export async function detectSandbox(http: HttpTarget): Promise<boolean> {
  try {
    const response = await http.send({ method: 'GET', path: '/sandbox/health', headers: {} });
    return response.status === 200 && (response.body as { ok?: unknown } | undefined)?.ok === true;
  } catch {
    return false;
  }
}
