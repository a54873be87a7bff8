/**
 * The spec-derived model: operations, error catalogue, related operations, constraints, and the
 * cURL / TypeScript samples. Expectations are computed from the raw (or dereferenced) bundle
 * independently of src/, so a change to the spec changes both sides and a bug in src/ shows.
 */
import { execFileSync } from 'node:child_process';
import type { OpenApiDocument } from '@billing-api/openapi-model';
import { describe, expect, it } from 'vitest';
import { curlSample } from '../src/samples/curl.js';
import { tsLiteral } from '../src/samples/literal.js';
import { samplePath } from '../src/samples/request.js';
import { apiOperations } from '../src/spec/operations.js';
import { relatedOperations } from '../src/spec/related.js';
import { constraintsOf, schemaFields } from '../src/spec/schema.js';
import { dereferencedSpec, model, rawOperations, rawSpec } from './support/site.js';

describe('operations', () => {
  it('lists every operation of the bundle once, with its method, path and tag group', () => {
    const raw = rawOperations(rawSpec());
    const ops = model().operations;
    expect(ops.map((o) => `${o.method} ${o.path} ${o.operationId}`)).toEqual(
      raw.map((e) => `${e.method.toUpperCase()} ${e.path} ${e.operationId}`),
    );
    expect(ops.length).toBeGreaterThan(0);
    const groups = rawSpec()['x-tagGroups'] as Array<{ name: string; tags: string[] }>;
    for (const op of ops) expect(groups.find((g) => g.tags.includes(op.tag))?.name).toBe(op.group);
  });
});

describe('error catalogue', () => {
  it('has exactly the codes of the error examples, each with the operations and statuses that document it', () => {
    // Independent walk of the dereferenced bundle.
    const expected = new Map<string, Set<string>>();
    const headers = new Map<string, Set<string>>();
    for (const { operation: op } of rawOperations(dereferencedSpec())) {
      for (const [status, response] of Object.entries(op.responses as Record<string, any>)) {
        if (!/^[45]/.test(status)) continue;
        for (const media of Object.values((response.content ?? {}) as Record<string, any>)) {
          for (const example of Object.values((media.examples ?? {}) as Record<string, any>)) {
            const code = example.value?.code;
            if (typeof code !== 'string') continue;
            if (!expected.has(code)) expected.set(code, new Set());
            expected.get(code)!.add(`${op.operationId} ${status}`);
            if (!headers.has(code)) headers.set(code, new Set());
            for (const name of Object.keys(response.headers ?? {})) headers.get(code)!.add(name);
          }
        }
      }
    }
    const actual = new Map(
      model().errors.map((e) => [e.code, new Set(e.occurrences.map((o) => `${o.operationId} ${o.status}`))]),
    );
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [code, occurrences] of expected) expect(actual.get(code), code).toEqual(occurrences);
    for (const entry of model().errors)
      expect(new Set(entry.headers.map((h) => h.name)), entry.code).toEqual(headers.get(entry.code));
    expect(
      model()
        .errors.find((e) => e.code === 'rate_limited')!
        .headers.map((h) => h.name),
    ).toContain('Retry-After');
    // Both versions are covered: lower_snake v2 problems and UPPER_SNAKE v1 envelopes.
    const styles = new Set(
      model().errors.map((e) => `${e.style}:${e.code === e.code.toUpperCase() ? 'UPPER' : 'lower'}`),
    );
    expect(styles).toEqual(new Set(['problem:lower', 'envelope:UPPER']));
  });

  it('gives v2 codes their problem type and title, v1 codes their HTTP error title', () => {
    const v2 = model().errors.find((e) => e.style === 'problem')!;
    expect(v2.type).toMatch(/^https:\/\//);
    expect(v2.slug).toBe(`errors/${v2.code}`);
    const v1 = model().errors.find((e) => e.style === 'envelope')!;
    expect(v1.type).toBeUndefined();
    expect(v1.slug).toBe(`errors/v1/${v1.code}`);
    expect(v1.title).toBe(String(v1.example.error));
  });
});

describe('related operations', () => {
  const document = {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    'x-tagGroups': [
      { name: 'v2', tags: ['A'] },
      { name: 'v1', tags: ['B'] },
    ],
    paths: {
      '/api/v2/things': { get: { operationId: 'listThings', tags: ['A'], responses: {} } },
      '/api/v2/things/{id}': { get: { operationId: 'getThing', tags: ['A'], responses: {} } },
      '/api/v2/things/{id}/actions/pay': {
        post: {
          operationId: 'payThing',
          tags: ['A'],
          description: '**Inputs:** `id` from `GET /things` `data[].id`; then poll `GET /things/{id}`.',
          responses: {},
        },
      },
      '/api/v2/things/{id}/actions/cancel': {
        post: {
          operationId: 'cancelThing',
          tags: ['A'],
          description: 'Pay it instead with `actions/pay`.',
          responses: {},
        },
      },
      '/api/v1/things': { get: { operationId: 'listThingsV1', tags: ['B'], responses: {} } },
    },
  } as unknown as OpenApiDocument;
  const ops = apiOperations(document);
  const ids = (id: string) =>
    relatedOperations(ops, ops.find((o) => o.operationId === id)!).map((r) => r.operation.operationId);

  it('resolves v2-relative mentions within the same tag group, in order of mention', () => {
    expect(ids('payThing')).toEqual(['listThings', 'getThing']);
  });
  it('resolves bare `actions/...` mentions to the POST operation', () => {
    expect(ids('cancelThing')).toEqual(['payThing']);
  });
  it('finds the provenance links of the real spec (apply credit takes ids from the invoice list)', () => {
    const apply = model()
      .related.get('applyCreditToInvoice')!
      .map((r) => r.operation.operationId);
    expect(apply).toContain('listInvoices');
    expect(apply).toContain('getCreditBalance');
  });
});

describe('constraints in words', () => {
  const doc = {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {},
    components: { schemas: { Id: { type: 'string', pattern: '^x$' } } },
  } as unknown as OpenApiDocument;
  it('states ranges, lengths, enums, decimals, defaults and patterns', () => {
    expect(constraintsOf(doc, { type: 'number', exclusiveMinimum: 0, maximum: 100000, 'x-decimal-places': 2 })).toEqual(
      ['> 0', '<= 100000', 'at most 2 decimals'],
    );
    expect(constraintsOf(doc, { type: 'string', minLength: 1, maxLength: 255 })).toEqual(['1-255 characters']);
    expect(constraintsOf(doc, { type: 'string', minLength: 3, maxLength: 3 })).toEqual(['exactly 3 characters']);
    expect(constraintsOf(doc, { type: 'string', enum: ['a', 'b'], default: 'a' })).toEqual([
      'one of `a`, `b`',
      'default `a`',
    ]);
    expect(constraintsOf(doc, { $ref: '#/components/schemas/Id' })).toEqual(['pattern `^x$`']);
    expect(constraintsOf(doc, { type: 'array', minItems: 1, maxItems: 100 })).toEqual([
      'at least 1 item',
      'at most 100 items',
    ]);
  });
  it('flattens nested objects and arrays of objects into dotted fields', () => {
    const fields = schemaFields(doc, {
      type: 'object',
      required: ['lines'],
      properties: {
        lines: {
          type: 'array',
          items: { type: 'object', required: ['id'], properties: { id: { $ref: '#/components/schemas/Id' } } },
        },
      },
    });
    expect(fields.map((f) => [f.name, f.required])).toEqual([
      ['lines', true],
      ['lines[].id', true],
    ]);
  });
});

describe('code samples', () => {
  const spec = rawSpec();
  const schemes = spec.components.securitySchemes as Record<string, any>;

  it("send the credential each operation's security requirement names, and no key where it needs none", () => {
    for (const { operation: raw } of rawOperations(spec)) {
      const curl = model().samples.get(raw.operationId!)!.curl;
      const requirement = (raw.security ?? spec.security)[0] as Record<string, string[]> | undefined;
      if (!requirement) {
        expect(curl, raw.operationId).not.toContain('BILLING_API_KEY');
        continue;
      }
      const scheme = schemes[Object.keys(requirement)[0]!];
      const header =
        scheme.type === 'http' ? 'Authorization: Bearer $BILLING_API_KEY' : `${scheme.name}: $BILLING_API_KEY`;
      expect(curl, raw.operationId).toContain(`-H "${header}"`);
    }
  });

  it('take the server from $BILLING_API_URL and never name one of the spec servers', () => {
    const servers = (rawSpec().servers as Array<{ url: string }>).map((s) => s.url);
    for (const op of model().operations) {
      const { curl, typescript, request } = model().samples.get(op.operationId)!;
      expect(curl, op.operationId).toMatch(/^curl (-X [A-Z]+ )?"\$BILLING_API_URL\//);
      expect(typescript, op.operationId).toContain('baseUrl: process.env.BILLING_API_URL!');
      for (const url of servers) expect(curl + typescript, op.operationId).not.toContain(url);
      // The shell expands the variable and passes the rest of the URL through unchanged.
      const url = /^curl (?:-X [A-Z]+ )?("[^"]*")/.exec(curl)![1]!;
      const echoed = execFileSync('bash', ['-c', `printf %s ${url}`], {
        encoding: 'utf8',
        env: { BILLING_API_URL: 'http://h:1' },
      });
      expect(echoed, op.operationId).toBe(`http://h:1${samplePath(request)}`);
    }
  });

  it('fill path params and the body from the spec examples', () => {
    for (const op of model().operations) {
      const { curl, typescript, request } = model().samples.get(op.operationId)!;
      for (const p of op.parameters.filter((x) => x.in === 'path')) {
        expect(curl, op.operationId).toContain(`/${encodeURIComponent(String(p.example))}`);
        expect(typescript, op.operationId).toContain(
          `${p.name}: ${typeof p.example === 'string' ? `'${p.example}'` : p.example}`,
        );
      }
      expect(typescript).toContain(`billing.${op.method}('${op.path}'`);
      const example = op.requestBody?.examples[0]?.value;
      if (example === undefined) {
        expect(curl).not.toContain(' -d ');
        continue;
      }
      const shellArg = /-d '([\s\S]*)'$/.exec(curl)![1]!.replace(/'\\''/g, "'");
      expect(JSON.parse(shellArg), op.operationId).toEqual(example);
      expect(request.body?.value).toEqual(example);
    }
  });

  it('quote JSON bodies so the shell passes them through unchanged, apostrophes included', () => {
    const op = { ...model().operations.find((o) => o.requestBody)!, security: [] };
    const body = { note: 'it\'s "quoted" $HOME `x` \\ å', n: [1, 2.5] };
    const curl = curlSample({
      operation: op,
      pathParams: [],
      queryParams: [],
      headerParams: [],
      body: { mediaType: 'application/json', value: body, exampleName: 'x' },
    });
    const arg = curl.slice(curl.lastIndexOf(' -d ') + 4);
    const echoed = execFileSync('bash', ['-c', `printf %s ${arg}`], { encoding: 'utf8' });
    expect(JSON.parse(echoed)).toEqual(body);
  });

  it('print TypeScript literals that evaluate back to the example', () => {
    const values = [
      { amount: 130 },
      { 'odd-key': "it's", nested: { list: [1, 'two', null, true] } },
      {},
      { long: 'x'.repeat(120), n: -0.5 },
    ];
    for (const value of values) {
      // eslint-disable-next-line no-new-func
      expect(new Function(`return (${tsLiteral(value)});`)()).toEqual(value);
    }
  });
});
