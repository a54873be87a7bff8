// Every bound the spec puts on a request input is enforced with the documented 400: each parameter
// and each request-body field (nested ones too) with maxLength, maximum, exclusiveMaximum or maxItems
// gets a value just over it, and the answer must name that field with the finding of that bound.
// The cases come from the bundled spec, so a bound added to the spec is tested from then on. Every
// operation that takes credentials answers 401 with a WWW-Authenticate challenge of its scheme.
import { openapi } from '@billing-api/openapi';
import { getAt } from '@billing-api/validation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { account, type Fixture } from './fixtures.js';
import { spec, startTestSandbox, type TestSandbox } from './helpers.js';

type Obj = Record<string, any>;
const doc = openapi as unknown as Obj;
const resolve = (v: Obj): Obj => (typeof v?.$ref === 'string' ? resolve(getAt(doc, v.$ref) as Obj) : v);

type Keyword = 'maxLength' | 'maximum' | 'exclusiveMaximum' | 'maxItems';
const KEYWORDS: Keyword[] = ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems'];
/** The FieldError code the validator gives each bound. */
const CODE: Record<Keyword, string> = {
  maxLength: 'too_long',
  maxItems: 'too_long',
  maximum: 'out_of_range',
  exclusiveMaximum: 'out_of_range',
};

function overTheBound(keyword: Keyword, bound: number, schema: Obj): unknown {
  if (keyword === 'maxLength') return 'x'.repeat(bound + 1);
  if (keyword === 'maxItems') return Array.from({ length: bound + 1 }, () => exampleOf(resolve(schema.items ?? {})));
  return keyword === 'maximum' ? bound + 1 : bound;
}

function exampleOf(schema: Obj): unknown {
  return schema.examples?.[0] ?? schema.example ?? schema.default ?? schema.enum?.[0] ?? {};
}

interface Case {
  operationId: string;
  method: string;
  pathTemplate: string;
  /** Where the value goes: a parameter (`/query/limit`) or a pointer into the body (`/lines/0/amount`). */
  pointer: string;
  keyword: Keyword;
  bound: number;
  value: unknown;
}

/** Every bounded value inside a body schema, with its pointer. */
function* bodyBounds(schema: Obj, pointer: string, depth = 0): Generator<[string, Keyword, number, Obj]> {
  const s = resolve(schema);
  for (const keyword of KEYWORDS) if (typeof s[keyword] === 'number') yield [pointer, keyword, s[keyword], s];
  if (depth > 4) return;
  for (const [name, property] of Object.entries((s.properties ?? {}) as Obj))
    yield* bodyBounds(property as Obj, `${pointer}/${name}`, depth + 1);
  if (s.items) yield* bodyBounds(s.items as Obj, `${pointer}/0`, depth + 1);
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const op of spec.operations) {
    const item = doc.paths[op.pathTemplate] as Obj;
    const operation = item[op.method.toLowerCase()] as Obj;
    const base = { operationId: op.operationId, method: op.method, pathTemplate: op.pathTemplate };
    for (const raw of [...(item.parameters ?? []), ...(operation.parameters ?? [])] as Obj[]) {
      const parameter = resolve(raw);
      const schema = resolve(parameter.schema ?? {});
      for (const keyword of KEYWORDS) {
        if (typeof schema[keyword] !== 'number') continue;
        const value = overTheBound(keyword, schema[keyword], schema);
        out.push({ ...base, pointer: `/${parameter.in}/${parameter.name}`, keyword, bound: schema[keyword], value });
      }
    }
    const body = resolve(operation.requestBody ?? {}).content?.['application/json']?.schema;
    if (!body) continue;
    for (const [pointer, keyword, bound, schema] of bodyBounds(body, '')) {
      if (pointer === '') continue;
      out.push({ ...base, pointer, keyword, bound, value: overTheBound(keyword, bound, schema) });
    }
  }
  return out;
}

/** A body with `value` at `pointer` (objects and arrays made along the way). */
function bodyWith(pointer: string, value: unknown): Obj {
  const root: Obj = {};
  const tokens = pointer.slice(1).split('/');
  let node: Obj = root;
  tokens.forEach((token, i) => {
    if (i === tokens.length - 1) node[token] = value;
    else node = node[token] ??= /^\d+$/.test(tokens[i + 1]!) ? [] : {};
  });
  return root;
}

/** A path with the spec's example for every path parameter, except `override`. */
function pathOf(c: { operationId: string; pathTemplate: string }, override?: { name: string; value: string }) {
  const op = spec.operations.find((o) => o.operationId === c.operationId)!;
  const item = doc.paths[op.pathTemplate] as Obj;
  const params = [...(item.parameters ?? []), ...(item[op.method.toLowerCase()].parameters ?? [])].map(resolve);
  return c.pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (override?.name === name) return encodeURIComponent(override.value);
    const parameter = params.find((p) => p.in === 'path' && p.name === name)!;
    return encodeURIComponent(String(parameter.example ?? exampleOf(resolve(parameter.schema))));
  });
}

const isV2 = (path: string) => path.startsWith('/api/v2/');
const isPublic = (operationId: string) => {
  const op = spec.operations.find((o) => o.operationId === operationId)!;
  const security = (doc.paths[op.pathTemplate] as Obj)[op.method.toLowerCase()].security ?? doc.security;
  return Array.isArray(security) && security.length === 0;
};

let t: TestSandbox;
let f: Fixture;
beforeAll(async () => {
  t = await startTestSandbox();
  f = await account(t);
});
afterAll(() => t.close());

const all = cases();

describe('request bounds from the spec', () => {
  it('covers parameters, body fields, nested fields and arrays of both versions', () => {
    const pointers = all.map((c) => `${c.operationId} ${c.pointer}`);
    expect(pointers).toEqual(
      expect.arrayContaining([
        'listInvoices /query/limit',
        'addFunds /amount',
        'addFunds /header/Idempotency-Key',
        'createCreditInvoice /lines',
        'createCreditInvoice /lines/0/amount',
        'createCreditInvoice /note',
        'getInvoiceV1 /path/id',
        'getInvoice /path/id',
        'addFundsV1 /amount',
        'payInvoiceV1 /cardId',
      ]),
    );
    expect(new Set(all.map((c) => c.keyword))).toEqual(new Set(['maxLength', 'maximum', 'maxItems']));
  });

  it.each(all.map((c) => [`${c.operationId} ${c.pointer} ${c.keyword} ${c.bound}`, c] as const))(
    '%s: one over is 400',
    async (_name, c) => {
      const [, where, name] = /^\/(path|query|header)\/(.+)$/.exec(c.pointer) ?? [];
      let path = pathOf(c, where === 'path' ? { name: name!, value: String(c.value) } : undefined);
      if (where === 'query') path += `?${new URLSearchParams({ [name!]: String(c.value) })}`;
      const res = await t.call(c.method, path, {
        ...(isPublic(c.operationId) ? {} : { key: f.rw }),
        ...(where === 'header' ? { headers: { [name!]: String(c.value) } } : {}),
        ...(where ? {} : { body: bodyWith(c.pointer, c.value) }),
      });
      expect(res.status, res.text).toBe(400);
      if (isV2(path)) {
        expect(res.body.code).toBe('invalid_request');
        expect(res.body.errors).toContainEqual(expect.objectContaining({ pointer: c.pointer, code: CODE[c.keyword] }));
      } else {
        expect(res.body.code).toBe('BAD_REQUEST');
        const field = where ? `${where} parameter ${name}` : c.pointer.slice(1).replaceAll('/', '.');
        expect(res.body.message).toContain(field);
        expect(res.body.message).toMatch(new RegExp(`at most ${c.bound}|less than ${c.bound}`));
      }
    },
  );
});

describe('401 challenges', () => {
  const secured = spec.operations.filter((o) => !isPublic(o.operationId));

  it.each(secured.map((o) => [`${o.method} ${o.pathTemplate}`, o] as const))(
    '%s without a key: 401 with WWW-Authenticate',
    async (_name, op) => {
      const path = pathOf(op);
      const res = await t.call(op.method, path);
      expect(res.status).toBe(401);
      const challenge = res.headers.get('www-authenticate');
      if (isV2(path)) expect(challenge).toMatch(/^Bearer realm="[^"]+"/);
      else expect(challenge).toMatch(/^ApiKey realm="[^"]+", header="X-API-Key"$/);
    },
  );
});
