/**
 * Follows the bundle's internal `$ref`s (`#/components/...`). The bundle has no external refs, so a
 * JSON pointer walk is all that is needed; an unknown target is an error, not a silent undefined.
 */
import type { OpenApiDocument, Reference } from './types.js';

export function isReference(value: unknown): value is Reference {
  return typeof value === 'object' && value !== null && typeof (value as Reference).$ref === 'string';
}

/** The target of a local JSON pointer such as `#/components/schemas/Invoice`. */
export function pointerTarget(document: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local refs are supported, got ${ref}`);
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof node !== 'object' || node === null || !(key in node)) {
      throw new Error(`unresolvable $ref ${ref}`);
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Follows `$ref`s until a non-reference value is reached. */
export function deref<T>(document: OpenApiDocument, value: T | Reference): T {
  let current: unknown = value;
  const seen = new Set<string>();
  while (isReference(current)) {
    if (seen.has(current.$ref)) throw new Error(`circular $ref ${current.$ref}`);
    seen.add(current.$ref);
    current = pointerTarget(document, current.$ref);
  }
  return current as T;
}

/** The component name at the end of a ref (`#/components/schemas/Invoice` -> `Invoice`). */
export function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}
