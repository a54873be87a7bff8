// How to present a key to an operation, read from the spec's security schemes (v2: HTTP bearer, v1:
// the X-API-Key header), and which of the run's keys each scheme takes. Nothing about the two
// versions' auth is hard-coded here.
import { deref, isPublic, type SecurityScheme, scopesOf } from '@billing-api/openapi-model';
import type { ConformanceValidator } from '../validators.js';

export interface Keys {
  /** Key for HTTP bearer schemes (v2). */
  bearer: string;
  /** Key for apiKey schemes (v1); defaults to the bearer key. */
  apiKey: string;
  /** A second key of the same account for the GETs of bearer schemes, so reads draw on another rate-limit bucket. */
  readBearer?: string;
  /** The same for apiKey schemes. */
  readApiKey?: string;
}

export interface SchemeUse {
  scheme: SecurityScheme;
  /** Scopes the operation requires from this scheme. */
  scopes: string[];
}

/** The security schemes of the document, resolved. */
export function securitySchemes(validator: ConformanceValidator): SecurityScheme[] {
  return Object.values(validator.document.components?.securitySchemes ?? {}).map((s) =>
    deref<SecurityScheme>(validator.document, s),
  );
}

/** The first security requirement's scheme of an operation, or undefined for a public one. */
export function schemeOf(validator: ConformanceValidator, operationId: string): SchemeUse | undefined {
  const entry = validator.entry(operationId);
  if (isPublic(entry)) return undefined;
  const [name, scopes] = Object.entries(entry.security.find((r) => Object.keys(r).length > 0)!)[0]!;
  const declared = validator.document.components?.securitySchemes?.[name];
  if (!declared) throw new Error(`${operationId} names the security scheme ${name}, which the spec does not declare`);
  return { scheme: deref<SecurityScheme>(validator.document, declared), scopes };
}

/** The header that carries the credential of a scheme (`Authorization`, `X-API-Key`). */
export function credentialHeader(scheme: SecurityScheme): string {
  if (scheme.type === 'http') return 'Authorization';
  if (scheme.type === 'apiKey' && scheme.in === 'header' && typeof scheme.name === 'string') return scheme.name;
  throw new Error(`security scheme of type ${String(scheme.type)} in ${String(scheme.in)} is not supported by the kit`);
}

/** Headers that present `key` for a scheme. */
export function credentialHeaders(scheme: SecurityScheme, key: string): Record<string, string> {
  const header = credentialHeader(scheme);
  if (scheme.type === 'http')
    return {
      [header]: `${String(scheme.scheme).toLowerCase() === 'bearer' ? 'Bearer' : String(scheme.scheme)} ${key}`,
    };
  return { [header]: key };
}

/** Which of the run's keys a scheme takes; for a GET, the read key when the run has one. */
export function keyFor(scheme: SecurityScheme, keys: Keys, method?: string): string {
  const read = method === 'GET' ? (scheme.type === 'http' ? keys.readBearer : keys.readApiKey) : undefined;
  return read ?? (scheme.type === 'http' ? keys.bearer : keys.apiKey);
}

/** Every scope named by any operation of the spec. */
export function allScopes(validator: ConformanceValidator): string[] {
  const scopes = new Set<string>();
  for (const op of validator.spec.operations)
    for (const scope of scopesOf(validator.entry(op.operationId))) scopes.add(scope);
  return [...scopes].sort();
}
