// Negative inputs generated from the schemas: for every parameter and body property of every
// operation, values that break one constraint (missing required field, wrong type, out of range,
// unknown enum value, malformed id or format, too long/short, unknown property, malformed JSON, a
// body where none is taken). Each starts from the operation's valid recipe request, is confirmed
// invalid by the kit's own validateRequest (whose findings give the pointer the server must name),
// and must get the documented 400, never a 5xx or a success.

import { deref, type Example, type Schema } from '@billing-api/openapi-model';
import type { ConformanceValidator } from '../../validators.js';
import { Unreachable } from '../errors.js';
import type { Scenario, ScenarioContext } from '../scenario.js';
import type { CallOptions } from '../session.js';
import { type ValidRequest, validRequest } from '../shared-probes.js';
import { operationIds, parametersOf, requestSchema, resolveSchema, statusesOf } from './common.js';

export interface Mutation {
  /** Constraint broken: missing_required, invalid_type, out_of_range, invalid_value, invalid_format, too_long, too_short, unknown_property. */
  kind: string;
  /** The input broken (`/amount`, `/query/limit`, `/path/id`, `/header/Idempotency-Key`, `/` for the body). */
  pointer: string;
  /** The bad value, as short text. */
  value: string;
  /** Position among the mutations with the same pointer and kind (stable across bases). */
  ordinal: number;
  apply(base: CallOptions): CallOptions;
}

type Token = string | number;
type JsonObject = Record<string, unknown>;

function typesOf(schema: Schema): string[] {
  return Array.isArray(schema.type) ? schema.type : typeof schema.type === 'string' ? [schema.type] : [];
}

function violating(pattern: string): string | undefined {
  const regex = new RegExp(pattern, 'u');
  return ['!', 'not valid!', '0', 'a'].find((candidate) => !regex.test(candidate));
}

/** Values that break one constraint of a scalar schema. Parameter values are sent as text. */
function invalidValues(
  schema: Schema,
  where: 'path' | 'query' | 'header' | 'body',
): Array<{ kind: string; value: unknown }> {
  const out: Array<{ kind: string; value: unknown }> = [];
  const types = typesOf(schema);
  const text = where !== 'body';
  if (types.includes('integer') || types.includes('number')) {
    out.push({ kind: 'invalid_type', value: text ? 'abc' : '12' });
    if (types.includes('integer') && !types.includes('number')) out.push({ kind: 'invalid_type', value: 1.5 });
    if (typeof schema.exclusiveMinimum === 'number') out.push({ kind: 'out_of_range', value: schema.exclusiveMinimum });
    if (typeof schema.minimum === 'number') out.push({ kind: 'out_of_range', value: schema.minimum - 1 });
    if (typeof schema.maximum === 'number') out.push({ kind: 'out_of_range', value: schema.maximum + 1 });
    if (typeof schema['x-decimal-places'] === 'number')
      out.push({ kind: 'invalid_format', value: 1 + 10 ** -(schema['x-decimal-places'] + 1) });
  } else if (types.includes('string')) {
    if (!text) out.push({ kind: 'invalid_type', value: 12 });
    if (Array.isArray(schema.enum)) out.push({ kind: 'invalid_value', value: 'not_a_valid_value' });
    if (schema.const !== undefined) out.push({ kind: 'invalid_value', value: `not_${String(schema.const)}` });
    if (typeof schema.pattern === 'string') {
      const bad = violating(schema.pattern);
      if (bad !== undefined) out.push({ kind: 'invalid_format', value: bad });
    }
    if (typeof schema.format === 'string') out.push({ kind: 'invalid_format', value: `not-a-${schema.format}` });
    if (typeof schema.minLength === 'number' && schema.minLength > 0 && where !== 'path')
      out.push({ kind: 'too_short', value: '' });
    if (typeof schema.maxLength === 'number') out.push({ kind: 'too_long', value: 'a'.repeat(schema.maxLength + 1) });
  } else if (types.includes('boolean')) {
    out.push({ kind: 'invalid_type', value: text ? 'maybe' : 'true' });
  }
  return out;
}

function setAt(body: unknown, path: Token[], value: unknown, remove = false): unknown {
  const root = structuredClone(body ?? {}) as JsonObject;
  let node: JsonObject = root;
  for (const token of path.slice(0, -1)) node = node[token as string] as JsonObject;
  const last = path[path.length - 1]!;
  if (remove) delete node[last as string];
  else node[last as string] = value;
  return root;
}

function valueAt(body: unknown, path: Token[]): unknown {
  let node = body;
  for (const token of path) node = (node as JsonObject | undefined)?.[token as string];
  return node;
}

const short = (value: unknown) => {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 24 ? `${text.slice(0, 21)}...` : text;
};

function bodyMutations(
  validator: ConformanceValidator,
  schema: Schema,
  base: unknown,
  path: Token[],
  out: Mutation[],
): void {
  const required = new Set<string>(Array.isArray(schema.required) ? schema.required : []);
  const pointer = (p: Token[]) => `/${p.join('/')}`;
  const set = (p: Token[], kind: string, value: unknown, remove = false) =>
    out.push({
      kind,
      pointer: pointer(p),
      value: remove ? '(removed)' : short(value),
      ordinal: 0,
      apply: (b) => ({ ...b, body: setAt(b.body, p, value, remove) }),
    });
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    const property = resolveSchema(validator, raw);
    const at = [...path, name];
    const current = valueAt(base, at);
    if (required.has(name) && current !== undefined) set(at, 'missing_required', undefined, true);
    for (const { kind, value } of invalidValues(property, 'body')) set(at, kind, value);
    const types = typesOf(property);
    if (types.includes('array')) {
      set(at, 'invalid_type', {});
      if (typeof property.minItems === 'number' && property.minItems > 0) set(at, 'too_short', []);
      const items = Array.isArray(current) ? current : [];
      if (typeof property.maxItems === 'number' && items.length > 0)
        set(
          at,
          'too_long',
          Array.from({ length: property.maxItems + 1 }, () => items[0]),
        );
      if (items.length > 0 && property.items)
        bodyMutations(validator, resolveSchema(validator, property.items as Schema), base, [...at, 0], out);
    } else if (types.includes('object')) {
      set(at, 'invalid_type', 'x');
      if (current !== undefined) bodyMutations(validator, property, base, at, out);
    }
  }
  if (schema.additionalProperties === false) set([...path, 'unexpectedField'], 'unknown_property', true);
}

/** Every negative input of an operation, applied to a valid base request. */
export function mutationsOf(validator: ConformanceValidator, operation: string, base: CallOptions): Mutation[] {
  const out: Mutation[] = [];
  listMutations(validator, operation, base, out);
  const counts = new Map<string, number>();
  for (const m of out) {
    const key = `${m.pointer} ${m.kind}`;
    m.ordinal = counts.get(key) ?? 0;
    counts.set(key, m.ordinal + 1);
  }
  return out;
}

function listMutations(validator: ConformanceValidator, operation: string, base: CallOptions, out: Mutation[]): void {
  for (const parameter of parametersOf(validator, operation)) {
    const where = parameter.in as 'path' | 'query' | 'header';
    const schema = resolveSchema(validator, parameter.schema);
    const pointer = `/${where}/${parameter.name}`;
    for (const { kind, value } of invalidValues(schema, where)) {
      const text = String(value);
      const apply = (b: CallOptions): CallOptions =>
        where === 'path'
          ? { ...b, pathParams: { ...b.pathParams, [parameter.name]: text } }
          : where === 'query'
            ? { ...b, query: { ...b.query, [parameter.name]: text } }
            : parameter.name.toLowerCase() === 'idempotency-key'
              ? { ...b, idempotencyKey: text }
              : { ...b, headers: { ...b.headers, [parameter.name]: text } };
      out.push({ kind, pointer, value: short(text), ordinal: 0, apply });
    }
  }
  const info = validator.spec.getOperation(operation)!;
  const schema = requestSchema(validator, operation);
  if (schema) {
    const resolved = resolveSchema(validator, schema);
    if (info.requestBody === 'required')
      out.push({
        kind: 'missing_required',
        pointer: '/',
        value: '(no body)',
        ordinal: 0,
        apply: ({ body: _body, ...b }) => b,
      });
    out.push({ kind: 'invalid_type', pointer: '/', value: '[]', ordinal: 0, apply: (b) => ({ ...b, body: [] }) });
    out.push({
      kind: 'invalid_type',
      pointer: '/',
      value: 'malformed JSON',
      ordinal: 0,
      apply: ({ body: _body, ...b }) => ({ ...b, rawBody: '{"' }),
    });
    bodyMutations(validator, resolved, base.body ?? {}, [], out);
  } else if (info.method !== 'GET' && info.method !== 'HEAD') {
    out.push({
      kind: 'unknown_property',
      pointer: '/',
      value: '{"unexpected":true}',
      ordinal: 0,
      apply: (b) => ({ ...b, body: { unexpected: true } }),
    });
  }
}

/** The request as validateRequest sees it, to confirm a mutation is invalid and learn the pointers it breaks. */
function asRequest(options: CallOptions) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined) query.set(k, String(v));
  return {
    pathParams: options.pathParams ?? {},
    query,
    headers: {
      ...(options.headers ?? {}),
      ...(options.idempotencyKey === undefined ? {} : { 'Idempotency-Key': options.idempotencyKey }),
    },
    ...(options.body === undefined ? {} : { body: options.body }),
  };
}

/** Whether a 400 body names one of the expected pointers (v2 problems list them in `errors[]`). */
function pinpoints(body: unknown, pointers: string[]): { checked: boolean; named: string[] } {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors)) return { checked: false, named: [] };
  const named = errors
    .map((e) => (e as { pointer?: unknown }).pointer)
    .filter((p): p is string => typeof p === 'string');
  return { checked: !named.some((p) => pointers.includes(p)), named };
}

export function negativeScenarios(validator: ConformanceValidator): Scenario[] {
  const scenarios: Scenario[] = [];
  for (const operation of operationIds(validator)) {
    if (!statusesOf(validator, operation).includes(400)) continue;
    // One account and one valid base request per operation, shared by its negative scenarios.
    let base: Promise<ValidRequest> | undefined;
    const baseFor = (ctx: ScenarioContext) => (base ??= validRequest(ctx, operation));
    // Mutations are listed from the schemas with a placeholder base; the real base is applied at run time.
    for (const template of mutationsOf(validator, operation, { body: exampleShape(validator, operation) })) {
      scenarios.push({
        id: `${operation} 400 ${template.pointer} ${template.kind}${template.ordinal ? ` #${template.ordinal + 1}` : ''}`,
        operation,
        status: 400,
        kind: 'negative',
        title: `${template.pointer} ${template.kind.replaceAll('_', ' ')}: ${template.value}`,
        async run(ctx) {
          const { f, options } = await baseFor(ctx);
          const mutation = mutationsOf(validator, operation, options).find(
            (m) => m.pointer === template.pointer && m.kind === template.kind && m.ordinal === template.ordinal,
          );
          if (!mutation)
            throw new Unreachable(`the valid ${operation} request has no value at ${template.pointer} to break`);
          const request = mutation.apply(options);
          const malformed = request.rawBody !== undefined;
          const expected = malformed
            ? ['/']
            : validator.validateRequest(operation, asRequest(request)).map((x) => x.pointer);
          if (expected.length === 0)
            throw new Unreachable(
              `${mutation.value} at ${mutation.pointer} is valid for ${operation}: not a negative input`,
            );
          const exchange = await f.in(ctx.scope).call(operation, request);
          if (!ctx.expect(exchange, 400, undefined, { negative: true, pointer: mutation.pointer })) return;
          const { checked, named } = pinpoints(exchange.response.body, expected);
          if (checked) {
            ctx.report({
              operation,
              status: 400,
              location: 'body',
              pointer: mutation.pointer,
              code: 'error_not_pinpointed',
              expected: `errors[].pointer ${expected.join(' or ')}`,
              actual: JSON.stringify(named),
              message: `the 400 for a bad ${mutation.pointer} does not name it in errors[]`,
            });
          }
        },
      });
    }
  }
  return scenarios;
}

/** A body with the shape of the operation's richest request example (ids left as written), to list mutations. */
export function exampleShape(validator: ConformanceValidator, operation: string): unknown {
  const media = validator.entry(operation).requestBody?.body.content?.['application/json'];
  const examples: unknown[] = Object.values(media?.examples ?? {}).map(
    (e) => deref<Example>(validator.document, e).value,
  );
  // The richest example reaches the most nested properties (e.g. lines[0].amount).
  return examples.sort((a, b) => JSON.stringify(b).length - JSON.stringify(a).length)[0];
}
