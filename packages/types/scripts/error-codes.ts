/**
 * The error codes an operation documents, per status. The spec has no machine-readable list of them:
 * what it documents is the `code` of each example of an error response (`examples.*.value.code`,
 * `example.code`), so that is what is collected, plus a `const` or `enum` on the response schema's
 * `code` property should the spec ever declare one. Refs are followed with openapi-model's resolver.
 */
import {
  type Example,
  type MediaType,
  type OpenApiDocument,
  type OperationEntry,
  resolveRef,
  type Schema,
} from '@billing-api/openapi-model';

const CODE = /^[A-Za-z][A-Za-z0-9_]*$/;

/** entry id -> status -> codes (in document order, without repeats); error statuses only (4xx, 5xx). */
export function documentedErrorCodes(
  spec: OpenApiDocument,
  entries: readonly OperationEntry[],
): Map<string, Map<number, string[]>> {
  const result = new Map<string, Map<number, string[]>>();
  for (const entry of entries) {
    const statuses = new Map<number, string[]>();
    for (const { status, response, pointer } of entry.responses) {
      if (!/^[45]\d\d$/.test(status)) continue;
      const codes = new Set<string>();
      for (const [mediaType, media] of Object.entries(response.content ?? {})) {
        for (const { code, at } of codesOf(spec, media, `${pointer}/content/${mediaType.replaceAll('/', '~1')}`)) {
          if (typeof code !== 'string' || !CODE.test(code))
            throw new Error(`${at}: error code ${JSON.stringify(code)} is not an identifier like invoice_not_found`);
          codes.add(code);
        }
      }
      if (codes.size > 0) statuses.set(Number(status), [...codes]);
    }
    result.set(entry.id, statuses);
  }
  return result;
}

function codesOf(spec: OpenApiDocument, media: MediaType, at: string): { code: unknown; at: string }[] {
  const found: { code: unknown; at: string }[] = [];
  for (const [name, raw] of Object.entries(media.examples ?? {})) {
    const { value, pointer } = resolveRef<Example>(spec, raw, `${at}/examples/${name}`);
    if (value.value && typeof value.value === 'object' && 'code' in value.value)
      found.push({ code: value.value.code, at: `#${pointer}/value/code` });
  }
  if (media.example && typeof media.example === 'object' && 'code' in media.example)
    found.push({ code: media.example.code, at: `#${at}/example/code` });
  if (media.schema) {
    const schema = resolveRef<Schema>(spec, media.schema, `${at}/schema`);
    const property = schema.value.properties?.code;
    if (property) {
      const code = resolveRef<Schema>(spec, property, `${schema.pointer}/properties/code`);
      const declared = code.value.const !== undefined ? [code.value.const] : (code.value.enum ?? []);
      for (const value of declared) found.push({ code: value, at: `#${code.pointer}` });
    }
  }
  return found;
}
