/**
 * Turns JSON Schemas of the bundle into what a reader needs: a type name, its constraints in words
 * (`1-255 characters`, `> 0`, `at most 2 decimals`, allowed values) and a flat list of fields with
 * dotted names. Used by the Markdown twins; every constraint shown comes from the schema itself.
 */
import { deref, isReference, refName } from './ref.js';
import type { OpenApiDocument, Schema } from './types.js';

export interface SchemaField {
  name: string;
  required: boolean;
  type: string;
  constraints: string[];
  description: string;
}

/** Resolves refs and merges `allOf` members (properties, required, constraints) into one schema. */
export function flattenSchema(document: OpenApiDocument, input: Schema): Schema {
  const schema = deref<Schema>(document, input);
  if (!schema.allOf) return schema;
  const merged: Schema = { ...schema, allOf: undefined };
  for (const member of schema.allOf) {
    const part = flattenSchema(document, member);
    merged.properties = { ...merged.properties, ...part.properties };
    merged.required = [...new Set([...(merged.required ?? []), ...(part.required ?? [])])];
    for (const [key, value] of Object.entries(part)) {
      if (key === 'properties' || key === 'required' || key === 'allOf') continue;
      if ((merged as Record<string, unknown>)[key] === undefined) (merged as Record<string, unknown>)[key] = value;
    }
  }
  return merged;
}

/** A short type label: `string`, `integer`, `Invoice[]`, `string | null`, `object`. */
export function typeLabel(document: OpenApiDocument, input: Schema): string {
  const named = input.$ref ? refName(input.$ref) : undefined;
  const schema = flattenSchema(document, input);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.includes('array') && schema.items) return `${typeLabel(document, schema.items)}[]`;
  if (types.length === 0 && schema.oneOf) return schema.oneOf.map((s) => typeLabel(document, s)).join(' | ');
  const base = types.length > 0 ? types.join(' | ') : 'object';
  return named && (types.includes('object') || types.length === 0) ? named : base;
}

function quote(value: unknown): string {
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

/** Constraints of one schema in words, in a stable order. */
export function constraintsOf(document: OpenApiDocument, input: Schema): string[] {
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
  if (s.exclusiveMinimum !== undefined) out.push(`> ${s.exclusiveMinimum}`);
  if (s.minimum !== undefined) out.push(`>= ${s.minimum}`);
  if (s.exclusiveMaximum !== undefined) out.push(`< ${s.exclusiveMaximum}`);
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

function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** The first sentence of a shared schema's description (used when a field has none of its own). */
function firstSentence(text: string | undefined): string {
  const line = oneLine(text);
  const end = line.search(/\.(\s|$)/);
  return end === -1 ? line : line.slice(0, end + 1);
}

/**
 * The fields of an object schema, nested objects and arrays of objects included (`lines[].amount`),
 * down to `maxDepth` levels. Descriptions fall back to the referenced schema's own description.
 */
export function schemaFields(document: OpenApiDocument, input: Schema, maxDepth = 3, prefix = ''): SchemaField[] {
  const schema = flattenSchema(document, input);
  const fields: SchemaField[] = [];
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    const own = isReference(raw) ? {} : raw;
    const resolved = flattenSchema(document, raw);
    const path = `${prefix}${name}`;
    fields.push({
      name: path,
      required: (schema.required ?? []).includes(name),
      type: typeLabel(document, raw),
      constraints: constraintsOf(document, raw),
      description: own.description !== undefined ? oneLine(own.description) : firstSentence(resolved.description),
    });
    if (maxDepth <= 1) continue;
    const types = Array.isArray(resolved.type) ? resolved.type : [resolved.type];
    if (types.includes('object') && resolved.properties) {
      fields.push(...schemaFields(document, resolved, maxDepth - 1, `${path}.`));
    } else if (types.includes('array') && resolved.items) {
      const item = flattenSchema(document, resolved.items);
      if (item.properties) fields.push(...schemaFields(document, item, maxDepth - 1, `${path}[].`));
    }
  }
  return fields;
}
