/**
 * Turns JSON Schemas of the bundle into what a reader needs: a type name, its constraints in words
 * (`1-255 characters`, `> 0`, `at most 2 decimals`, allowed values) and a flat list of fields with
 * dotted names, each with its own description, whole. A description written beside a `$ref` is the
 * field's own and wins over the shared schema's; only a field without one shows the shared text.
 */
import {
  deref,
  isReference,
  type OpenApiDocument,
  type Reference,
  refName,
  type Schema,
} from '@billing-api/openapi-model';

export interface SchemaField {
  name: string;
  required: boolean;
  type: string;
  constraints: string[];
  /** The field's description, whole (Markdown, trimmed), or '' when neither it nor its schema has one. */
  description: string;
}

/** A schema as the document writes it: in place or as a `$ref`. */
export type SchemaOrRef = Schema | Reference;

/**
 * Resolves refs and merges `allOf` members (properties, required, constraints) into one schema. A
 * property that several members define must satisfy all of them (an `allOf` of the definitions) and
 * keeps the last description given. A description of the whole is taken from a member only when
 * there is one member (the `allOf: [$ref]` wrapper): of several, no one member speaks for the whole.
 */
export function flattenSchema(document: OpenApiDocument, input: SchemaOrRef): Schema {
  const schema = deref<Schema>(document, input);
  if (!schema.allOf) return schema;
  const merged: Schema = { ...schema, allOf: undefined };
  const properties: Record<string, SchemaOrRef> = { ...(schema.properties as Record<string, SchemaOrRef>) };
  for (const member of schema.allOf) {
    const part = flattenSchema(document, member);
    for (const [name, property] of Object.entries((part.properties ?? {}) as Record<string, SchemaOrRef>)) {
      const before = properties[name];
      if (before === undefined) {
        properties[name] = property;
        continue;
      }
      const description = fieldDescription(document, property) || fieldDescription(document, before);
      properties[name] = { allOf: [before, property], ...(description ? { description } : {}) };
    }
    merged.required = [...new Set([...(merged.required ?? []), ...(part.required ?? [])])];
    for (const [key, value] of Object.entries(part)) {
      if (key === 'properties' || key === 'required' || key === 'allOf') continue;
      if ((key === 'description' || key === 'title') && schema.allOf.length > 1) continue;
      if ((merged as Record<string, unknown>)[key] === undefined) (merged as Record<string, unknown>)[key] = value;
    }
  }
  merged.properties = properties;
  return merged;
}

function typesOf(schema: Schema): string[] {
  return Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
}

/** A short type label: `string`, `integer`, `Invoice[]`, `string | null`, `object`. */
export function typeLabel(document: OpenApiDocument, input: SchemaOrRef): string {
  const named = isReference(input) ? refName(input.$ref) : undefined;
  const schema = flattenSchema(document, input);
  const types = typesOf(schema);
  if (types.includes('array') && schema.items) return `${typeLabel(document, schema.items)}[]`;
  if (types.length === 0 && schema.oneOf) return schema.oneOf.map((s) => typeLabel(document, s)).join(' | ');
  const base = types.length > 0 ? types.join(' | ') : 'object';
  return named && (types.includes('object') || types.length === 0) ? named : base;
}

function quote(value: unknown): string {
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

/** Constraints of one schema in words, in a stable order. */
export function constraintsOf(document: OpenApiDocument, input: SchemaOrRef): string[] {
  const s = flattenSchema(document, input);
  const out: string[] = [];
  if (s.enum) out.push(`one of ${s.enum.map(quote).join(', ')}`);
  if (s.const !== undefined) out.push(`always ${quote(s.const)}`);
  if (s.format) out.push(`format \`${s.format}\``);
  if (s.pattern) out.push(`pattern \`${s.pattern}\``);
  if (s.minLength !== undefined && s.minLength === s.maxLength) out.push(`exactly ${s.minLength} characters`);
  else if (s.minLength !== undefined && s.maxLength !== undefined) out.push(`${s.minLength}-${s.maxLength} characters`);
  else if (s.minLength !== undefined) out.push(`at least ${s.minLength} characters`);
  else if (s.maxLength !== undefined) out.push(`at most ${s.maxLength} characters`);
  if (typeof s.exclusiveMinimum === 'number') out.push(`> ${s.exclusiveMinimum}`);
  if (s.minimum !== undefined) out.push(`>= ${s.minimum}`);
  if (typeof s.exclusiveMaximum === 'number') out.push(`< ${s.exclusiveMaximum}`);
  if (s.maximum !== undefined) out.push(`<= ${s.maximum}`);
  if (s.multipleOf !== undefined) out.push(`multiple of ${s.multipleOf}`);
  if (s['x-decimal-places'] !== undefined) out.push(`at most ${s['x-decimal-places']} decimals`);
  if (s.minItems !== undefined) out.push(`at least ${s.minItems} ${s.minItems === 1 ? 'item' : 'items'}`);
  if (s.maxItems !== undefined) out.push(`at most ${s.maxItems} ${s.maxItems === 1 ? 'item' : 'items'}`);
  if (s.default !== undefined) out.push(`default ${quote(s.default)}`);
  if (s.readOnly) out.push('read-only');
  if (s.deprecated) out.push('deprecated');
  return out;
}

/**
 * A property's own description: the one written on the property (beside a `$ref` included), else
 * the description of the schema it refers to. Whole, only trimmed.
 */
export function fieldDescription(document: OpenApiDocument, raw: SchemaOrRef): string {
  const own = (raw as { description?: unknown }).description;
  if (typeof own === 'string') return own.trim();
  return (flattenSchema(document, raw).description ?? '').trim();
}

/** The object schema whose fields a field's value has: itself, or its array items. */
function nestedObject(document: OpenApiDocument, schema: Schema): { schema: Schema; suffix: string } | undefined {
  const types = typesOf(schema);
  if (schema.properties && (types.includes('object') || types.length === 0)) return { schema, suffix: '.' };
  if (types.includes('array') && schema.items) {
    const item = flattenSchema(document, schema.items);
    if (item.properties) return { schema: item, suffix: '[].' };
  }
  return undefined;
}

/**
 * Every field of an object schema, nested objects and arrays of objects included (`lines[].amount`),
 * to any depth. A schema met again on its own path (a recursive type) is listed once, not unrolled.
 */
export function schemaFields(
  document: OpenApiDocument,
  input: SchemaOrRef,
  prefix = '',
  seen: ReadonlySet<Schema> = new Set(),
): SchemaField[] {
  const schema = flattenSchema(document, input);
  const path = new Set(seen).add(deref<Schema>(document, input));
  const fields: SchemaField[] = [];
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    const resolved = flattenSchema(document, raw);
    const fieldName = `${prefix}${name}`;
    fields.push({
      name: fieldName,
      required: (schema.required ?? []).includes(name),
      type: typeLabel(document, raw),
      constraints: constraintsOf(document, raw),
      description: fieldDescription(document, raw),
    });
    const nested = nestedObject(document, resolved);
    if (nested && !path.has(deref<Schema>(document, raw)) && !path.has(nested.schema)) {
      fields.push(...schemaFields(document, nested.schema, `${fieldName}${nested.suffix}`, path));
    }
  }
  return fields;
}
