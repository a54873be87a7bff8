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

/** Returns `data` (already a copy owned by the caller) with defaults filled in. */
export function withDefaults<T>(document: unknown, schemaPointer: string, data: T): T {
  fill(document, getAt(document, schemaPointer) as Schema | undefined, data, 0);
  return data;
}
