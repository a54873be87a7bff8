/**
 * Applies the spec's per-operation policy to a request's headers: the API key in the header the
 * operation's security scheme names (`Authorization: Bearer` on v2, `X-API-Key` on v1, nothing on
 * public operations), and an `Idempotency-Key` on operations that take one, generated once per call
 * unless the caller passed their own. The table comes from `generated/operations.ts`, derived from
 * the spec at generate time, so nothing here is by hand.
 */
import { OPERATIONS, SCHEMES } from '../generated/operations.js';

export interface Policy {
  /** The spec's operationId of `METHOD path` (undefined for a path the spec does not have). */
  operationId: string | undefined;
  /** The key sent in `Idempotency-Key`, if any. */
  idempotencyKey: string | undefined;
  /** Whether the request is safe to repeat: a GET, or an operation that carries an `Idempotency-Key`. */
  retryable: boolean;
  /** The error codes the spec documents for the operation, as ` status:code ` pairs. */
  codes: string;
}

/** Sets the auth (and idempotency) headers for `METHOD path` on a record with lower-case names. */
export function applyPolicy(headers: Record<string, string>, method: string, path: string, apiKey: string): Policy {
  const op = OPERATIONS[`${method} ${path}`];
  const scheme = op && SCHEMES[op[1]];
  if (scheme) headers[scheme[0]] = scheme[1] + apiKey;
  if (op?.[2]) headers['idempotency-key'] ??= uuid();
  return {
    operationId: op?.[0] || undefined,
    idempotencyKey: headers['idempotency-key'],
    retryable: !!op?.[2] || method === 'GET',
    codes: op?.[3] ?? '',
  };
}

/**
 * A random UUID v4 from crypto.randomUUID (Node 19+, browsers, edge runtimes). Node 18 has no global
 * `crypto` without a flag: there a key from the clock and Math.random, unique enough for an
 * idempotency key (which is not a secret).
 */
function uuid(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}-${Math.random()}`;
}
