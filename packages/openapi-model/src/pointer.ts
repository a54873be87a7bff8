/**
 * JSON pointers (RFC 6901), the one spelling of "a place in the spec" across the repository. Plain
 * pointers (`/paths/~1invoices/get`) and their URI-fragment form (`#/paths/~1invoices/get`, as in a
 * `$ref`, where tokens may also be percent-encoded) are both read; pointers are always written plain.
 */

/** Escapes one reference token: `~` -> `~0`, `/` -> `~1`. */
export function escapeToken(token: string | number): string {
  return String(token).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Reverses `escapeToken` (`~1` first, so `~01` reads as `~1`). */
export function unescapeToken(token: string): string {
  return token.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** Joins tokens into a plain pointer: `['paths', '/a']` -> `/paths/~1a`; `[]` -> `` (the whole document). */
export function toPointer(tokens: readonly (string | number)[]): string {
  let out = '';
  for (const token of tokens) out += `/${escapeToken(token)}`;
  return out;
}

/** Appends tokens to a pointer. */
export function appendPointer(pointer: string, ...tokens: (string | number)[]): string {
  return plainPointer(pointer) + toPointer(tokens);
}

/** The plain form of a pointer given in either form (`#/a` -> `/a`, `#` -> ``). */
export function plainPointer(pointer: string): string {
  // Fast paths (the operation list and the checker build pointers by the million on large specs):
  // a plain pointer is already plain, and a fragment without percent-escapes is its plain form.
  if (pointer === '' || (pointer.startsWith('/') && !pointer.includes('#'))) return pointer;
  if (pointer.startsWith('#/') && !pointer.includes('%')) return pointer.slice(1);
  return toPointer(parsePointer(pointer));
}

/** A pointer that is neither `` / `#` nor starts with `/` or `#/`. */
export class PointerError extends Error {
  override name = 'PointerError';
}

/** The unescaped tokens of a pointer: `#/a/b~1c` -> `['a', 'b/c']`. */
export function parsePointer(pointer: string): string[] {
  const fragment = pointer.startsWith('#');
  const body = fragment ? pointer.slice(1) : pointer;
  if (body === '') return [];
  if (!body.startsWith('/'))
    throw new PointerError(`"${pointer}" is not a JSON pointer (it must start with "/" or "#/")`);
  return body
    .slice(1)
    .split('/')
    .map((raw) => unescapeToken(fragment ? percentDecode(raw) : raw));
}

function percentDecode(token: string): string {
  if (!token.includes('%')) return token;
  try {
    return decodeURIComponent(token);
  } catch {
    return token; // a literal `%` that is not an escape
  }
}

/** The value at a pointer, or `undefined` when some token does not exist (own properties and array indexes only). */
export function getAt(document: unknown, pointer: string): unknown {
  let node = document;
  for (const token of parsePointer(pointer)) {
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      node = node[Number(token)];
    } else if (typeof node === 'object' && node !== null && Object.hasOwn(node, token)) {
      node = (node as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return node;
}
