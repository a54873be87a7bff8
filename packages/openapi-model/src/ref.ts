/**
 * The one `$ref` resolver. The repository reads bundled documents, whose refs are all internal
 * (`#/components/...`, `#/paths/...`); anything else is an error with the ref and where it was
 * found, never a silent `undefined`.
 */
import type { Reference } from './document.js';
import { getAt, parsePointer, plainPointer } from './pointer.js';

/** Why a `$ref` could not be followed. */
export type RefFailure = 'external' | 'missing' | 'cycle';

export class RefError extends Error {
  override name = 'RefError';
  constructor(
    /** The `$ref` value that failed. */
    readonly ref: string,
    /** Plain pointer of the object holding it. */
    readonly at: string,
    readonly reason: RefFailure,
  ) {
    const why = {
      external: 'only internal refs (#/...) are supported',
      missing: 'its target does not exist',
      cycle: 'it refers back to itself',
    }[reason];
    super(`$ref "${ref}" at ${at || '(root)'} cannot be resolved: ${why}`);
  }
}

export function isReference(value: unknown): value is Reference {
  return typeof value === 'object' && value !== null && typeof (value as { $ref?: unknown }).$ref === 'string';
}

export interface Resolved<T> {
  /** The first value on the chain that is not a `$ref`. */
  value: T;
  /** Plain pointer of `value`: where it is written in the document. */
  pointer: string;
  /** Whether at least one `$ref` was followed. */
  followed: boolean;
}

/**
 * Follows a chain of `$ref`s from `value`, which lives at `pointer`, to the object it names. A value
 * that is not a reference resolves to itself.
 */
export function resolveRef<T>(document: unknown, value: T | Reference, pointer = ''): Resolved<T> {
  let current: unknown = value;
  let at = plainPointer(pointer);
  let followed = false;
  const seen = new Set<string>();
  while (isReference(current)) {
    const ref = current.$ref;
    if (!ref.startsWith('#')) throw new RefError(ref, at, 'external');
    const target = plainPointer(ref);
    if (seen.has(target)) throw new RefError(ref, at, 'cycle');
    seen.add(target);
    const next = getAt(document, target);
    if (next === undefined) throw new RefError(ref, at, 'missing');
    current = next;
    at = target;
    followed = true;
  }
  return { value: current as T, pointer: at, followed };
}

/** `resolveRef` for callers that need only the value. */
export function deref<T>(document: unknown, value: T | Reference, pointer = ''): T {
  return resolveRef(document, value, pointer).value;
}

/** The component name a ref ends in: `#/components/schemas/Invoice` -> `Invoice`. */
export function refName(ref: string): string {
  return parsePointer(ref).at(-1) ?? '';
}
