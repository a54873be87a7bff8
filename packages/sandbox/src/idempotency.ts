// v2 idempotency (DESIGN §4.1): a key is kept 24 h on the sandbox clock, per account. The first
// request stores a "running" row before it executes, then its response; a repeat with the same
// fingerprint (operation, path, canonical body) replays that response, another body is
// `idempotency_key_reused`, a repeat while the first runs is `idempotency_request_in_progress`.
import { createHash } from 'node:crypto';
import { DAY_MS } from './clock.js';
import type { SandboxContext } from './context.js';

/** A running row older than this (sandbox clock) belongs to a request that died: run again. */
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
  return createHash('sha256')
    .update(`${operationId} ${path} ${canonical(body ?? null)}`)
    .digest('hex');
}

export interface StoredResponse {
  status: number;
  contentType: string;
  body: string;
  requestId: string;
}

export type Begin =
  | { kind: 'execute' }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'conflict'; code: 'idempotency_key_reused' | 'idempotency_request_in_progress' };

interface Row {
  fingerprint: string;
  state: 'running' | 'done';
  request_id: string;
  status: number | null;
  content_type: string | null;
  body: string | null;
  created_at: string;
  expires_at: string;
}

export function begin(
  ctx: SandboxContext,
  accountId: string,
  key: string,
  operationId: string,
  print: string,
  requestId: string,
): Begin {
  return ctx.db.transaction((): Begin => {
    const now = ctx.clock.iso();
    const row = ctx.db.prepare('SELECT * FROM idempotency_keys WHERE account_id = ? AND key = ?').get(accountId, key) as
      | Row
      | undefined;
    const abandoned = row?.state === 'running' && Date.parse(row.created_at) + ABANDONED_MS < ctx.clock.nowMs();
    if (row && row.expires_at > now && !abandoned) {
      if (row.fingerprint !== print) return { kind: 'conflict', code: 'idempotency_key_reused' };
      if (row.state === 'running') return { kind: 'conflict', code: 'idempotency_request_in_progress' };
      return {
        kind: 'replay',
        response: { status: row.status!, contentType: row.content_type!, body: row.body!, requestId: row.request_id },
      };
    }
    ctx.db
      .prepare(
        `INSERT INTO idempotency_keys (account_id, key, operation_id, fingerprint, state, request_id, created_at, expires_at)
         VALUES (?, ?, ?, ?, 'running', ?, ?, ?)
         ON CONFLICT (account_id, key) DO UPDATE SET operation_id = excluded.operation_id, fingerprint = excluded.fingerprint,
           state = 'running', request_id = excluded.request_id, status = NULL, content_type = NULL, body = NULL,
           created_at = excluded.created_at, expires_at = excluded.expires_at`,
      )
      .run(accountId, key, operationId, print, requestId, now, ctx.clock.iso(DAY_MS));
    return { kind: 'execute' };
  })();
}

export function finish(
  ctx: SandboxContext,
  accountId: string,
  key: string,
  response: Omit<StoredResponse, 'requestId'>,
): void {
  ctx.db
    .prepare(
      `UPDATE idempotency_keys SET state = 'done', status = ?, content_type = ?, body = ? WHERE account_id = ? AND key = ?`,
    )
    .run(response.status, response.contentType, response.body, accountId, key);
}

/** A server fault is not remembered: the client may retry with the same key. */
export function abandon(ctx: SandboxContext, accountId: string, key: string): void {
  ctx.db.prepare('DELETE FROM idempotency_keys WHERE account_id = ? AND key = ?').run(accountId, key);
}
