// API-key authentication and scope checks, driven by the matched operation's security requirement
// in the spec (no per-route table): each requirement is a set of schemes with the scopes ("roles")
// the key must carry; `security: []` is public. Keys belong to one account.
import type { SandboxContext } from './context.js';
import type { AccountRow } from './domain/rows.js';

type Scheme = { type: string; scheme?: string; in?: string; name?: string };

export type AuthOutcome =
  | { ok: true; account: AccountRow | undefined; key: string | undefined }
  | { ok: false; status: 401; scheme: Scheme }
  | { ok: false; status: 403; scope: string };

function credential(
  scheme: Scheme,
  headers: Record<string, string | string[] | undefined>,
  query: URLSearchParams,
): string | undefined {
  if (scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer') {
    const header = headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    return match?.[1];
  }
  if (scheme.type === 'apiKey' && scheme.name) {
    if (scheme.in === 'header') {
      const value = headers[scheme.name.toLowerCase()];
      return typeof value === 'string' && value.length > 0 ? value : undefined;
    }
    if (scheme.in === 'query') return query.get(scheme.name) ?? undefined;
  }
  return undefined;
}

export function authenticate(
  ctx: SandboxContext,
  schemes: Record<string, Scheme>,
  security: Array<Record<string, string[]>>,
  headers: Record<string, string | string[] | undefined>,
  query: URLSearchParams,
): AuthOutcome {
  if (security.length === 0 || security.some((r) => Object.keys(r).length === 0))
    return { ok: true, account: undefined, key: undefined };
  let forbidden: string | undefined;
  let firstScheme: Scheme | undefined;
  for (const requirement of security) {
    let account: AccountRow | undefined;
    let key: string | undefined;
    let satisfied = true;
    for (const [name, scopes] of Object.entries(requirement)) {
      const scheme = schemes[name];
      if (!scheme) throw new Error(`security scheme ${name} is not defined in the spec`);
      firstScheme ??= scheme;
      const token = credential(scheme, headers, query);
      const row = token
        ? (ctx.db
            .prepare(
              'SELECT k.scopes AS key_scopes, a.* FROM api_keys k JOIN accounts a ON a.id = k.account_id WHERE k.key = ?',
            )
            .get(token) as (AccountRow & { key_scopes: string }) | undefined)
        : undefined;
      if (!row) {
        satisfied = false;
        break;
      }
      const granted = new Set(row.key_scopes.split(' ').filter(Boolean));
      const missing = scopes.find((s) => !granted.has(s));
      if (missing) {
        forbidden ??= missing;
        satisfied = false;
        break;
      }
      const { key_scopes: _scopes, ...accountRow } = row;
      account = accountRow;
      key = token;
    }
    if (satisfied) return { ok: true, account, key };
  }
  if (forbidden) return { ok: false, status: 403, scope: forbidden };
  return { ok: false, status: 401, scheme: firstScheme! };
}

/** How to send a key for a scheme, for the 401 message. */
export function howToAuthenticate(scheme: Scheme): string {
  if (scheme.type === 'http') return `Send a valid API key as Authorization: Bearer <key>.`;
  return `Missing or invalid ${scheme.name ?? 'API key'}`;
}

/** The WWW-Authenticate challenge every 401 carries (RFC 9110 section 11.6.1; Bearer as in RFC 6750). */
export function challenge(scheme: Scheme): string {
  if (scheme.type === 'http') return `Bearer realm="billing-api"`;
  return `ApiKey realm="billing-api", header="${scheme.name ?? 'X-API-Key'}"`;
}
