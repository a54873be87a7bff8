// Fills the spec's `default`s into a valid request body, following `$ref`s (Ajv's `useDefaults` stops
// at a `$ref`, so `detailsSource: $ref CreditDetailsSource` with its default would be missed), so the
// sandbox never restates a default the spec already gives.

import { getAt, type Schema } from '@billing-api/openapi-model';
import { defaultOf, resolveSchema } from './coerce.js';

function fill(document: unknown, schema: Schema | undefined, data: unknown, depth: number): void {
  const resolved = resolveSchema(document, schema);
  if (!resolved || depth > 32 || data === null || typeof data !== 'object') return;
  for (const part of (resolved.allOf as Schema[] | undefined) ?? []) fill(document, part, data, depth + 1);
  if (Array.isArray(data)) {
    for (const item of data) fill(document, resolved.items as Schema | undefined, item, depth + 1);
    return;
  }
  const record = data as Record<string, unknown>;
  for (const [name, property] of Object.entries((resolved.properties ?? {}) as Record<string, Schema>)) {
    if (record[name] === undefined) {
      const fallback = defaultOf(document, property);
      if (fallback.has) record[name] = fallback.value;
    } else {
      fill(document, property, record[name], depth + 1);
    }
  }
}

/** The schema at each pointer already looked up, per document (a body's schema, on every request). */
const schemasAt = new WeakMap<object, Map<string, Schema | undefined>>();

function schemaAt(document: unknown, pointer: string): Schema | undefined {
  if (document === null || typeof document !== 'object') return getAt(document, pointer) as Schema | undefined;
  let ofDocument = schemasAt.get(document);
  if (!ofDocument) schemasAt.set(document, (ofDocument = new Map()));
  if (!ofDocument.has(pointer)) ofDocument.set(pointer, getAt(document, pointer) as Schema | undefined);
  return ofDocument.get(pointer);
}

/** Returns `data` (already a copy owned by the caller) with defaults filled in. */
export function withDefaults<T>(document: unknown, schemaPointer: string, data: T): T {
  fill(document, schemaAt(document, schemaPointer), data, 0);
  return data;
}
