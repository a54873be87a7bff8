// The bundled spec as plain JSON, and the few lookups into it that the kit needs beyond the
// validator's index (documented responses, request examples, security schemes), resolved through the
// bundle's internal `$ref`s so nothing of the spec is restated here.
import { openapi } from '@billing-api/openapi';
import { getAt, toPointer } from '@billing-api/validation';

export type Json = Record<string, any>;

/** The bundled OpenAPI document (`@billing-api/openapi`'s `dist/openapi.json`). */
export const bundledSpec: Json = openapi as unknown as Json;

/** Follows `$ref`s of an OpenAPI object (response, parameter, header, example). */
export function deref(document: Json, value: unknown): Json {
  let current = value as Json;
  for (let hops = 0; hops < 20 && typeof current?.$ref === 'string'; hops++)
    current = getAt(document, current.$ref) as Json;
  return current;
}

/** The operation object at `paths[template][method]`. */
export function operationObject(document: Json, pathTemplate: string, method: string): Json {
  return getAt(document, toPointer(['paths', pathTemplate, method.toLowerCase()])) as Json;
}

/** The response object documented for a status: exact, then `4XX`-style range, then `default`. */
export function documentedResponse(operation: Json, status: number): Json | undefined {
  const responses = (operation.responses ?? {}) as Json;
  for (const key of [String(status), `${String(status)[0]}XX`, 'default']) if (key in responses) return responses[key];
  return undefined;
}

/** Documented statuses of an operation, as numbers (range keys such as `4XX` are left out). */
export function documentedStatuses(operation: Json): number[] {
  return Object.keys(operation.responses ?? {})
    .filter((key) => /^\d{3}$/.test(key))
    .map(Number);
}

/** The named examples of a media type object (resolved), plus a lone `example`. */
export function mediaExamples(
  document: Json,
  media: Json | undefined,
): Array<{ name: string; value: unknown; ref?: string }> {
  if (!media) return [];
  const out: Array<{ name: string; value: unknown; ref?: string }> = [];
  for (const [name, raw] of Object.entries((media.examples ?? {}) as Json)) {
    const example = deref(document, raw);
    if ('value' in example)
      out.push({
        name,
        value: example.value,
        ...(typeof (raw as Json).$ref === 'string' ? { ref: (raw as Json).$ref } : {}),
      });
  }
  if ('example' in media) out.push({ name: 'example', value: media.example });
  return out;
}
