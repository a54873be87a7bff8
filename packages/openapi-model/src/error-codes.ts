/**
 * The error codes an operation documents, per status. The Billing API's error bodies (v2 problem,
 * v1 envelope) carry a machine-readable `code`; the spec documents which codes a response can carry
 * by its examples (`examples.*.value.code`, `example.code`), and a `const` or `enum` on the response
 * schema's `code` property would document them too. This collects both, for error statuses (exact
 * `4xx`/`5xx` keys; ranges and `default` name no status).
 */
import type { Example, MediaType, OpenApiDocument, Schema } from './document.js';
import type { OperationEntry } from './operations.js';
import { appendPointer } from './pointer.js';
import { resolveRef } from './ref.js';

export interface DocumentedErrorCode {
  status: number;
  code: string;
  /** Plain pointer of where the code is written (the example's `code`, or the schema's `code`). */
  pointer: string;
}

const CODE = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * The documented `(status, code)` pairs of an operation, in document order, without repeats. Throws
 * naming the place when a documented code is not an identifier (`invoice_not_found`).
 */
export function documentedErrorCodes(document: OpenApiDocument, entry: OperationEntry): DocumentedErrorCode[] {
  const found: DocumentedErrorCode[] = [];
  const seen = new Set<string>();
  for (const { status, response, pointer } of entry.responses) {
    if (!/^[45]\d\d$/.test(status)) continue;
    for (const [mediaType, media] of Object.entries(response.content ?? {})) {
      for (const { code, at } of codesOf(document, media, appendPointer(pointer, 'content', mediaType))) {
        if (typeof code !== 'string' || !CODE.test(code))
          throw new Error(`#${at}: error code ${JSON.stringify(code)} is not an identifier like invoice_not_found`);
        const key = `${status} ${code}`;
        if (seen.has(key)) continue;
        seen.add(key);
        found.push({ status: Number(status), code, pointer: at });
      }
    }
  }
  return found;
}

function codesOf(document: OpenApiDocument, media: MediaType, at: string): { code: unknown; at: string }[] {
  const found: { code: unknown; at: string }[] = [];
  for (const [name, raw] of Object.entries(media.examples ?? {})) {
    const { value, pointer } = resolveRef<Example>(document, raw, appendPointer(at, 'examples', name));
    if (value.value && typeof value.value === 'object' && 'code' in value.value)
      found.push({ code: value.value.code, at: appendPointer(pointer, 'value', 'code') });
  }
  if (media.example && typeof media.example === 'object' && 'code' in media.example)
    found.push({ code: media.example.code, at: appendPointer(at, 'example', 'code') });
  if (media.schema) {
    const schema = resolveRef<Schema>(document, media.schema, appendPointer(at, 'schema'));
    const property = schema.value.properties?.code;
    if (property) {
      const code = resolveRef<Schema>(document, property, appendPointer(schema.pointer, 'properties', 'code'));
      const declared = code.value.const !== undefined ? [code.value.const] : (code.value.enum ?? []);
      for (const value of declared) found.push({ code: value, at: code.pointer });
    }
  }
  return found;
}
