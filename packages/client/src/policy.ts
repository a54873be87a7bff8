/**
 * Applies the spec's per-operation policy to a request's headers: the API key in the header the
 * operation's security scheme names (`Authorization: Bearer` on v2, `X-API-Key` on v1, nothing on
 * public operations), and an `Idempotency-Key` on operations that
 * take one, generated once per call unless the caller passed their own. The table comes from
 * `generated/operations.ts`, derived from the spec at generate time, so nothing here is by hand.
 */
import { RULES, SCHEMES } from '../generated/operations.js';
import { matchRule } from './rules.js';

/**
 * Sets the auth (and idempotency) headers for `METHOD schemaPath` on a Headers or on a record with
 * lower-case names. Returns true when the request is
 * safe to repeat: a GET/HEAD, or an operation that carries an `Idempotency-Key`.
 */
export function applyPolicy(
  headers: Headers | Record<string, string>,
  method: string,
  schemaPath: string,
  apiKey: string,
): boolean {
  const op = matchRule(RULES, method, schemaPath);
  const scheme = op && SCHEMES[op[2]];
  // Names are lower-case (SCHEMES is), as in the records the client builds; Headers does not mind.
  const set = (name: string, value: string) =>
    headers instanceof Headers ? headers.set(name, value) : (headers[name] = value);
  if (scheme) set(scheme[0], scheme[1] + apiKey);
  if (op?.[3]) {
    if (!(headers instanceof Headers ? headers.has('idempotency-key') : 'idempotency-key' in headers))
      set('idempotency-key', uuid());
    return true;
  }
  return method === 'GET' || method === 'HEAD';
}

/**
 * A random UUID v4 from crypto.randomUUID (Node 19+, browsers, edge runtimes). Node 18 has no global
 * `crypto` without a flag: there a key from the clock and Math.random, unique enough for an idempotency key (which is
 * not a secret).
 */
function uuid(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}-${Math.random()}`;
}
