// Parameters arrive as strings (path, query, headers); their schemas say integer, boolean, array...
// This turns a string into the schema's type before validation, so `limit=101` is "out of range" and
// `limit=abc` stays a string and is reported as "invalid type".
import { refChain, type Schema } from '@billing-api/openapi-model';

/**
 * Chains already followed, per document and schema object: the spec does not change while it is
 * validated against, and parameters and bodies follow the same chains on every request.
 */
const chains = new WeakMap<object, WeakMap<Schema, Schema[]>>();

/** The schemas on a `$ref` chain, the schema itself first (a `$ref` may carry sibling keywords). */
function chainOf(document: unknown, schema: Schema | undefined): Schema[] {
  if (!schema) return [];
  if (document === null || typeof document !== 'object' || typeof schema !== 'object')
    return refChain(document, schema).map((link) => link.value as Schema);
  let ofDocument = chains.get(document);
  if (!ofDocument) chains.set(document, (ofDocument = new WeakMap()));
  let chain = ofDocument.get(schema);
  if (!chain) ofDocument.set(schema, (chain = refChain(document, schema).map((link) => link.value as Schema)));
  return chain;
}

/** The first schema on a `$ref` chain that carries `type` (else the chain's end). */
export function resolveSchema(document: unknown, schema: Schema | undefined): Schema | undefined {
  const chain = chainOf(document, schema);
  return chain.find((link) => link.type !== undefined) ?? chain.at(-1);
}

function typesOf(schema: Schema | undefined): string[] {
  const type = schema?.type;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.map(String);
  return [];
}

const NUMERIC = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function coerceScalar(value: string, types: string[]): unknown {
  if ((types.includes('integer') || types.includes('number')) && NUMERIC.test(value)) return Number(value);
  if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  if (types.includes('null') && value === '' && !types.includes('string')) return null;
  return value;
}

/** The types a parameter's schema (and its array items) allow, resolved once per schema object. */
const typeCache = new WeakMap<Schema, { types: string[]; itemTypes: string[] }>();

function parameterTypes(document: unknown, schema: Schema): { types: string[]; itemTypes: string[] } {
  let cached = typeCache.get(schema);
  if (!cached) {
    const resolved = resolveSchema(document, schema);
    cached = {
      types: typesOf(resolved),
      itemTypes: typesOf(resolveSchema(document, resolved?.items as Schema | undefined)),
    };
    typeCache.set(schema, cached);
  }
  return cached;
}

/** Coerces one parameter's raw value(s) to its schema type. */
export function coerceParameter(document: unknown, schema: Schema | undefined, raw: string | string[]): unknown {
  const { types, itemTypes } = schema ? parameterTypes(document, schema) : { types: [], itemTypes: [] };
  if (types.includes('array')) {
    const list = Array.isArray(raw) ? raw : raw.split(',');
    return list.map((item) => coerceScalar(item, itemTypes));
  }
  return coerceScalar(Array.isArray(raw) ? (raw[0] ?? '') : raw, types);
}

/** The `default` of a parameter's schema (on the schema itself or on its `$ref` target). */
export function defaultOf(document: unknown, schema: Schema | undefined): { has: boolean; value?: unknown } {
  const carrier = chainOf(document, schema).find((link) => 'default' in link);
  return carrier ? { has: true, value: structuredClone(carrier.default) } : { has: false };
}
