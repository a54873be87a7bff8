// What the document-level comparisons share: both documents, the schema comparer, the component and
// security-scheme renames found up front, and the finding type that carries the response status.

import { type OpenApiDocument, RefError, resolveRef } from '@billing-api/openapi-model';
import type { SchemaComparer } from '../schema/compare.js';
import type { RawFinding } from '../schema/context.js';

export interface OpFinding extends RawFinding {
  /** Response status (or webhook response status) the finding was reached through. */
  status?: string;
}

export interface Comparison {
  base: OpenApiDocument;
  head: OpenApiDocument;
  schemas: SchemaComparer;
  /** Base component pointer -> head component pointer. */
  renames: ReadonlyMap<string, string>;
  /** Base security scheme name -> head name. */
  schemeRenames: ReadonlyMap<string, string>;
}

export function withStatus(findings: RawFinding[], status: string): OpFinding[] {
  return findings.map((f) => ({ ...f, status }));
}

/** Follow `$ref`s from `node` at `ptr`; a ref that does not resolve stays where it is. */
export function resolveAt(doc: unknown, node: unknown, ptr: string): { node: unknown; ptr: string } {
  try {
    const r = resolveRef<unknown>(doc, node, ptr);
    return { node: r.value, ptr: r.pointer };
  } catch (e) {
    if (e instanceof RefError) return { node, ptr };
    throw e;
  }
}
