// v2 idempotency: a key is kept 24 h on the sandbox clock, per account. The check of the key, the
// request's effect and its stored response are written in ONE transaction (dispatch.ts), under a lock
// on the key (`idempotency.get`: SQLite runs one transaction at a time, PostgreSQL takes a lock on the
// key until the transaction ends), so no other request or instance sees the key between the check and
// the commit, and a crash leaves either all or nothing: a retry replays the response, or runs the
// request for the first time, never twice. Inside that transaction the key's row is written once,
// finished, with the response (a "running" row there would be seen by no one before the commit, and
// cost a second write on the durable path). A request held before its handler (the test latency
// hook) first stores a "running" row in a short transaction of its own, so a repeat meanwhile is
// `idempotency_request_in_progress`; once it runs, it first checks the row is still its own (a repeat
// may have taken over a row that looked abandoned, and then only that one runs). A repeat with the
// same fingerprint (operation, path, canonical body) replays the response, another body is
// `idempotency_key_reused`. A running row of a process that is gone (an `owner` the store no longer
// sees alive: on SQLite any other process, on PostgreSQL an instance whose liveness lock is released)
// was abandoned before its effect committed, and is run again at once.
import { hash } from 'node:crypto';
import type { IdempotencyRow } from '../db/rows.js';
import type { Store, Tx } from '../db/store.js';
import { DAY_MS, type SandboxClock } from '../domain/clock.js';

/** A running row older than this (sandbox clock) belongs to a request that died in this process: run again. */
const ABANDONED_MS = 60_000;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function fingerprint(operationId: string, path: string, body: unknown): string {
  return hash('sha256', `${operationId} ${path} ${canonical(body ?? null)}`, 'hex');
}

export interface StoredResponse {
  status: number;
  contentType: string;
  body: string;
  requestId: string;
}

export type Begin =
  /** Run the request; `pending` is the key's row to store with its response. */
  | { kind: 'execute'; pending: IdempotencyRow }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'conflict'; code: 'idempotency_key_reused' | 'idempotency_request_in_progress' };

export interface KeyUse {
  accountId: string;
  key: string;
  operationId: string;
  fingerprint: string;
  requestId: string;
}

/** Says whether the request runs (and the key's row it will store), or why it must not; call inside the transaction of its effect. */
export async function check(tx: Tx, clock: SandboxClock, owner: string, use: KeyUse): Promise<Begin> {
  const now = clock.iso();
  const row = await tx.idempotency.get(use.accountId, use.key);
  const abandoned =
    row?.state === 'running' &&
    (Date.parse(row.created_at) + ABANDONED_MS < clock.nowMs() ||
      (row.owner !== owner && !(await tx.idempotency.alive(row.owner))));
  if (row && row.expires_at > now && !abandoned) {
    if (row.fingerprint !== use.fingerprint) return { kind: 'conflict', code: 'idempotency_key_reused' };
    if (row.state === 'running') return { kind: 'conflict', code: 'idempotency_request_in_progress' };
    return {
      kind: 'replay',
      response: { status: row.status!, contentType: row.content_type!, body: row.body!, requestId: row.request_id },
    };
  }
  const pending: IdempotencyRow = {
    account_id: use.accountId,
    key: use.key,
    operation_id: use.operationId,
    fingerprint: use.fingerprint,
    state: 'running',
    owner,
    request_id: use.requestId,
    status: null,
    content_type: null,
    body: null,
    created_at: now,
    expires_at: clock.iso(DAY_MS),
  };
  return { kind: 'execute', pending };
}

/** Records the request as running in a transaction of its own (a request held before its handler). */
export function begin(store: Store, clock: SandboxClock, owner: string, use: KeyUse): Promise<Begin> {
  return store.transaction(async (tx) => {
    const started = await check(tx, clock, owner, use);
    if (started.kind === 'execute') await tx.idempotency.put(started.pending);
    return started;
  });
}

/** Stores the key finished with its response, in the transaction of the request's effect (after `check`). */
export function complete(tx: Tx, pending: IdempotencyRow, response: Omit<StoredResponse, 'requestId'>): Promise<void> {
  return tx.idempotency.put({
    ...pending,
    state: 'done',
    status: response.status,
    content_type: response.contentType,
    body: response.body,
  });
}

/** Stores the response of a request `begin` recorded as running. */
export function finish(tx: Tx, use: KeyUse, response: Omit<StoredResponse, 'requestId'>): Promise<void> {
  return tx.idempotency.finish(use.accountId, use.key, {
    status: response.status,
    content_type: response.contentType,
    body: response.body,
  });
}

/**
 * Whether the key's running row `begin` stored is still this request's. While a request is held, its
 * row can be taken over: the sandbox clock moved past ABANDONED_MS, or (PostgreSQL) this instance
 * lost its liveness lock, and a repeat then ran the request again; the held one must not run too.
 */
export async function stillHeld(tx: Tx, owner: string, use: KeyUse): Promise<boolean> {
  const row = await tx.idempotency.get(use.accountId, use.key);
  return row?.state === 'running' && row.owner === owner && row.request_id === use.requestId;
}

/** A server fault is not remembered: the client may retry with the same key (unless another request holds it now). */
export function abandon(store: Store, owner: string, use: KeyUse): Promise<void> {
  return store.transaction(async (tx) => {
    if (await stillHeld(tx, owner, use)) await tx.idempotency.drop(use.accountId, use.key);
  });
}
