// JSON pointers (RFC 6901) and the resolution of the spec's internal `$ref`s for OpenAPI objects
// (responses, parameters, headers). Schemas are not resolved here: Ajv resolves those itself.

/** Escapes one reference token (`~` -> `~0`, `/` -> `~1`). */
export function escapeToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Joins tokens into a pointer: `['paths', '/a']` -> `/paths/~1a`. */
export function toPointer(tokens: readonly (string | number)[]): string {
  return tokens.map((t) => `/${escapeToken(String(t))}`).join('');
}

/** Reads the value at a `#/...` pointer of a document. */
export function getAt(document: unknown, pointer: string): unknown {
  const path = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (path === '') return document;
  let node: unknown = document;
  for (const raw of path.slice(1).split('/')) {
    const token = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/**
 * Follows `$ref` chains of an OpenAPI object (not a schema) and returns the target and the pointer
 * where it lives, so that schemas inside it can be compiled by pointer.
 */
export function resolveObject<T = Record<string, unknown>>(
  document: unknown,
  value: unknown,
  pointer: string,
): { value: T; pointer: string } {
  let current = value;
  let at = pointer;
  for (let hops = 0; hops < 20; hops++) {
    const ref = (current as { $ref?: unknown } | null)?.$ref;
    if (typeof ref !== 'string') return { value: current as T, pointer: at };
    if (!ref.startsWith('#/')) throw new Error(`Only internal $refs are supported, found ${ref} at ${at}`);
    at = ref.slice(1);
    current = getAt(document, ref);
    if (current === undefined) throw new Error(`$ref ${ref} does not resolve`);
  }
  throw new Error(`$ref cycle at ${pointer}`);
}
