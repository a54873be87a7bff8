// How to present a key to an operation, read from the spec's security schemes (v2: HTTP bearer, v1:
// the X-API-Key header), and which of the run's keys each scheme takes. Nothing about the two
// versions' auth is hard-coded here.

import type { Json } from '../spec.js';
import type { ConformanceValidator } from '../validators.js';

export interface Keys {
  /** Key for HTTP bearer schemes (v2). */
  bearer: string;
  /** Key for apiKey schemes (v1); defaults to the bearer key. */
  apiKey: string;
}

export interface SchemeUse {
  scheme: Json;
  /** Scopes the operation requires from this scheme. */
  scopes: string[];
}

/** The first security requirement's scheme of an operation, or undefined for a public one. */
export function schemeOf(validator: ConformanceValidator, operationId: string): SchemeUse | undefined {
  const info = validator.spec.getOperation(operationId)!;
  const requirement = info.security.find((r) => Object.keys(r).length > 0);
  if (!requirement || info.security.some((r) => Object.keys(r).length === 0)) return undefined;
  const [name, scopes] = Object.entries(requirement)[0]!;
  const scheme = (validator.document.components?.securitySchemes?.[name] ?? {}) as Json;
  return { scheme, scopes };
}

/** The header that carries the credential of a scheme (`Authorization`, `X-API-Key`). */
export function credentialHeader(scheme: Json): string {
  if (scheme.type === 'http') return 'Authorization';
  if (scheme.type === 'apiKey' && scheme.in === 'header' && typeof scheme.name === 'string') return scheme.name;
  throw new Error(`security scheme of type ${String(scheme.type)} in ${String(scheme.in)} is not supported by the kit`);
}

/** Headers that present `key` for a scheme. */
export function credentialHeaders(scheme: Json, key: string): Record<string, string> {
  const header = credentialHeader(scheme);
  if (scheme.type === 'http')
    return {
      [header]: `${String(scheme.scheme).toLowerCase() === 'bearer' ? 'Bearer' : String(scheme.scheme)} ${key}`,
    };
  return { [header]: key };
}

/** Which of the run's keys a scheme takes. */
export function keyFor(scheme: Json, keys: Keys): string {
  return scheme.type === 'http' ? keys.bearer : keys.apiKey;
}

/** Every scope named by any operation of the spec. */
export function allScopes(validator: ConformanceValidator): string[] {
  const scopes = new Set<string>();
  for (const op of validator.spec.operations)
    for (const r of op.security) for (const s of Object.values(r)) for (const x of s) scopes.add(x);
  return [...scopes].sort();
}
