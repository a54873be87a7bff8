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

/** One value on a `$ref` chain, and the plain pointer where it is written. */
export interface ChainLink {
  value: unknown;
  pointer: string;
}

/**
 * Every value on the chain of `$ref`s from `value` (which lives at `pointer`): `value` itself first,
 * then each target in turn; the last one is not a reference. JSON Schema 2020-12 lets a `$ref` carry
 * sibling keywords (`minimum`, `default`, `description`), so schema readers look at every link;
 * `resolveRef` keeps only the last.
 */
export function refChain(document: unknown, value: unknown, pointer = ''): ChainLink[] {
  const chain: ChainLink[] = [{ value, pointer: plainPointer(pointer) }];
  const seen = new Set<string>();
  for (let current = chain[0]!; isReference(current.value); ) {
    const ref = current.value.$ref;
    if (!ref.startsWith('#')) throw new RefError(ref, current.pointer, 'external');
    const target = plainPointer(ref);
    if (seen.has(target)) throw new RefError(ref, current.pointer, 'cycle');
    seen.add(target);
    const next = getAt(document, target);
    if (next === undefined) throw new RefError(ref, current.pointer, 'missing');
    current = { value: next, pointer: target };
    chain.push(current);
  }
  return chain;
}

/**
 * Follows a chain of `$ref`s from `value`, which lives at `pointer`, to the object it names. A value
 * that is not a reference resolves to itself.
 */
export function resolveRef<T>(document: unknown, value: T | Reference, pointer = ''): Resolved<T> {
  const chain = refChain(document, value, pointer);
  const last = chain.at(-1)!;
  return { value: last.value as T, pointer: last.pointer, followed: chain.length > 1 };
}

/** `resolveRef` for callers that need only the value. */
export function deref<T>(document: unknown, value: T | Reference, pointer = ''): T {
  return resolveRef(document, value, pointer).value;
}

/** The component name a ref ends in: `#/components/schemas/Invoice` -> `Invoice`. */
export function refName(ref: string): string {
  return parsePointer(ref).at(-1) ?? '';
}
