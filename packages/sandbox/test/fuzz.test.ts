// Fuzzing, seeded and bounded: for every operation of the bundled spec, fast-check draws requests
// whose hostile parts are derived from the operation itself (its path parameters, query
// parameters, request-body schema: wrong types, missing and extra fields, values just past each
// bound, huge and deep bodies, bad encodings), plus odd paths, methods and headers, bad ids and
// keys. Every answer must come in time, be below 500, and conform to the spec (the helpers
// validate it with @billing-api/validation); the server must still answer at the end.
import { openapi, openapiDereferenced } from '@billing-api/openapi';
import { listOperations, type OperationEntry, type Schema } from '@billing-api/openapi-model';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkResponse, startTestSandbox, type TestSandbox } from './helpers.js';

const SEED = 20_260_211;
/** Requests per operation; the whole run stays a few thousand requests. */
const RUNS_PER_OPERATION = 70;
const TIMEOUT_MS = 15_000;

const operations = listOperations(openapiDereferenced);
let t: TestSandbox;
let keys: string[];
let examples: { invoice: string; legacy: string; uuid: string };
const histogram = new Map<number, number>();
let requests = 0;

beforeAll(async () => {
  t = await startTestSandbox({ seed: 3 });
  keys = [t.keys.business, t.keys.readOnly, t.keys.personal];
  const param = (id: string, name: string) =>
    String(operations.find((o) => o.id === id)!.parameters.find((p) => p.parameter.name === name)!.parameter.example);
  examples = {
    invoice: param('getInvoice', 'id'),
    legacy: param('getInvoiceV1', 'id'),
    uuid: param('getPaymentLinkV1', 'uuid'),
  };
});
afterAll(async () => {
  const counts = [...histogram].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}: ${n}`);
  console.log(`fuzz: ${requests} requests (seed ${SEED}); statuses ${counts.join(', ')}`);
  await t.close();
});

/** Values that break a schema in one way each: wrong types, one past each bound, unknown values. */
function hostileValues(schema: Schema | undefined): unknown[] {
  const out: unknown[] = [null, true, [], {}, '', 'x'.repeat(5000), -1, 0, 1e308, Number.MAX_SAFE_INTEGER + 2];
  if (!schema) return out;
  if (typeof schema.minimum === 'number') out.push(schema.minimum - 1, schema.minimum - 0.001);
  if (typeof schema.maximum === 'number') out.push(schema.maximum + 1, schema.maximum + 0.001);
  if (typeof schema.exclusiveMinimum === 'number') out.push(schema.exclusiveMinimum);
  if (typeof schema.maxLength === 'number') out.push('a'.repeat(schema.maxLength + 1));
  if (typeof schema.minLength === 'number' && schema.minLength > 0) out.push('a'.repeat(schema.minLength - 1));
  if (schema.enum) out.push(`${String(schema.enum[0])}_not_a_value`, String(schema.enum[0]).toUpperCase());
  if (schema.type === 'number' || schema.type === 'integer') out.push('12', 1.005, 0.001, -0, Number.NaN);
  if (schema.type === 'string') out.push(12, '\u0000', '\ud800', '💸'.repeat(100));
  if (schema.type === 'array') out.push([null], Array(500).fill(1));
  return out;
}

/** A valid-looking body of the schema, from its examples or its properties. */
function validBody(schema: Schema | undefined): Record<string, unknown> {
  const example = schema?.examples?.[0];
  if (example && typeof example === 'object') return example as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema?.properties ?? {})) {
    const p = property as Schema;
    body[name] = p.examples?.[0] ?? p.enum?.[0] ?? p.default ?? (p.type === 'number' ? 10 : 'x');
  }
  return body;
}

/** Bodies derived from the operation's request schema, each wrong in one way. */
function hostileBodies(entry: OperationEntry): Array<{ raw: string; contentType?: string }> {
  const media = entry.requestBody?.body.content?.['application/json'];
  const schema = media?.schema as Schema | undefined;
  const valid = validBody(schema);
  const bodies: unknown[] = [valid, {}, [], null, 'text', 42, { ...valid, unexpected: true }];
  for (const name of Object.keys(schema?.properties ?? {})) {
    const { [name]: _dropped, ...missing } = valid;
    bodies.push(missing);
    for (const value of hostileValues(schema?.properties?.[name] as Schema)) bodies.push({ ...valid, [name]: value });
  }
  const out: Array<{ raw: string; contentType?: string }> = bodies.map((b) => ({ raw: JSON.stringify(b) ?? 'null' }));
  out.push(
    { raw: `${'['.repeat(3000)}${']'.repeat(3000)}` },
    { raw: `${'{"a":'.repeat(1500)}1${'}'.repeat(1500)}` },
    { raw: JSON.stringify({ ...valid, note: 'x'.repeat(1_200_000) }) },
    { raw: '{"amount": 1,' },
    { raw: '\u00ff\u00fe{"amount":1}' },
    { raw: 'amount=1', contentType: 'application/x-www-form-urlencoded' },
    { raw: JSON.stringify(valid), contentType: 'text/plain' },
    { raw: JSON.stringify(valid), contentType: 'application/json; charset=latin1' },
  );
  return out;
}

/** Percent-encodes anything, lone surrogates included (as the bytes of their UTF-8-like form: bad encodings). */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value]
      .map((c) => {
        try {
          return encodeURIComponent(c);
        } catch {
          return '%ED%A0%80';
        }
      })
      .join('');
  }
}

const junk = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('0', '-1', '1e9', '999999999999999', 'null', '..', '%2e%2e', '%00', '%zz', 'inv_', 'INV_1', ' '),
  fc.uuid().map((u) => u),
  fc.stringMatching(/^inv_[0-9a-z]{26}$/),
);

function pathArbitrary(entry: OperationEntry): fc.Arbitrary<string> {
  const names = entry.parameters.filter((p) => p.parameter.in === 'path').map((p) => p.parameter.name);
  const valueFor = (name: string) =>
    fc.oneof(
      fc.constant(
        name === 'uuid' ? examples.uuid : entry.path.startsWith('/api/v2/') ? examples.invoice : examples.legacy,
      ),
      junk,
    );
  return fc.tuple(...names.map(valueFor)).map((values) => {
    let path = entry.path;
    names.forEach((name, i) => {
      path = path.replace(`{${name}}`, encode(String(values[i])));
    });
    return path;
  });
}

function queryArbitrary(entry: OperationEntry): fc.Arbitrary<string> {
  const params = entry.parameters.filter((p) => p.parameter.in === 'query');
  const pair = fc.oneof(
    ...params.map((p) =>
      fc
        .oneof(
          fc.constantFrom(...hostileValues(p.parameter.schema as Schema).map((v) => String(v))),
          fc.string({ maxLength: 20 }),
        )
        .map((v) => `${encode(p.parameter.name)}=${encode(v)}`),
    ),
    fc.constantFrom('unknown=1', 'limit=1&limit=2', '=', '&&', 'cursor=%%%'),
  );
  return fc.array(pair, { maxLength: 3 }).map((pairs) => (pairs.length ? `?${pairs.join('&')}` : ''));
}

function requestArbitrary(entry: OperationEntry) {
  const bodies = hostileBodies(entry);
  const v2 = entry.path.startsWith('/api/v2/');
  return fc.record({
    path: pathArbitrary(entry),
    query: queryArbitrary(entry),
    key: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(0, 0, 1, 2).map((i) => keys[i]) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(undefined, '', 'sk_test_unknown', 'x'.repeat(300), 'Bearer', '\u00e9\u00e9'),
      },
    ),
    scheme: fc.constantFrom('right', 'right', 'right', 'right', 'right', 'other', 'malformed'),
    body: entry.requestBody || entry.method === 'post' ? fc.option(fc.constantFrom(...bodies)) : fc.constant(null),
    idempotencyKey: v2 && entry.method === 'post' ? fc.option(fc.oneof(fc.uuid(), junk)) : fc.constant(null),
    extraHeader: fc.option(
      fc.constantFrom(['Accept', 'text/html'], ['Content-Length', '0'], ['X-Forwarded-For', '1.2.3.4']),
    ),
  });
}

async function send(
  method: string,
  path: string,
  init: { headers: Record<string, string>; body?: string | Uint8Array<ArrayBuffer> },
): Promise<number> {
  // What the server receives: fetch resolves `.` and `..` segments before sending.
  const target = new URL(t.url + path);
  const sent = target.pathname + target.search;
  const res = await fetch(target, {
    method,
    headers: init.headers,
    ...(init.body === undefined ? {} : { body: init.body }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  requests++;
  histogram.set(res.status, (histogram.get(res.status) ?? 0) + 1);
  expect(res.status, `${method} ${sent}: ${text.slice(0, 300)}`).toBeLessThan(500);
  if (method === 'HEAD') {
    // No body to check: it must answer as GET does, and the GET must conform.
    expect(text).toBe('');
    expect(await send('GET', path, { headers: init.headers }), `HEAD ${sent}`).toBe(res.status);
    return res.status;
  }
  let body: unknown = text;
  if (text !== '' && (res.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(text);
  checkResponse(method, sent, {
    status: res.status,
    headers: res.headers,
    body,
    text,
    requestId: res.headers.get('x-request-id'),
  });
  return res.status;
}

describe('fuzzing every operation with inputs derived from the spec', () => {
  for (const entry of operations) {
    it(`${entry.id}: answers every hostile request in time, below 500, as the spec says`, async () => {
      const v2 = entry.path.startsWith('/api/v2/');
      await fc.assert(
        fc.asyncProperty(requestArbitrary(entry), async (r) => {
          const headers: Record<string, string> = {};
          if (r.key !== undefined) {
            if (r.scheme === 'malformed') headers.Authorization = `Token ${r.key}`;
            else if ((r.scheme === 'right') === v2) headers.Authorization = `Bearer ${r.key}`;
            else headers['X-API-Key'] = r.key;
          }
          if (r.idempotencyKey !== null) headers['Idempotency-Key'] = r.idempotencyKey;
          if (r.extraHeader) headers[r.extraHeader[0]] = r.extraHeader[1];
          let body: string | Uint8Array<ArrayBuffer> | undefined;
          if (r.body) {
            headers['Content-Type'] = r.body.contentType ?? 'application/json';
            body = r.body.raw.startsWith('\u00ff') ? new Uint8Array([0xff, 0xfe, 0x7b, 0x7d]) : r.body.raw;
          }
          if (headers['Content-Length'] !== undefined) delete headers['Content-Length'];
          await send(entry.method.toUpperCase(), r.path + r.query, {
            headers,
            ...(body === undefined ? {} : { body }),
          });
        }),
        { seed: SEED, numRuns: RUNS_PER_OPERATION, endOnFailure: true },
      );
    });
  }

  it('answers odd paths and methods with the documented 404 of their version', async () => {
    const odd = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'),
      path: fc.oneof(
        fc.constantFrom(
          '/',
          '//',
          '/api',
          '/api/v2/',
          '/api/v2/billing/invoices/',
          '/API/V2/BILLING/INVOICES',
          '/api/v3/billing',
          '/api/billing/payment-link/',
        ),
        fc.array(junk, { minLength: 1, maxLength: 5 }).map((segments) => `/api/v2/${segments.map(encode).join('/')}`),
        fc.array(junk, { minLength: 1, maxLength: 5 }).map((segments) => `/${segments.map(encode).join('/')}`),
      ),
    });
    await fc.assert(
      fc.asyncProperty(odd, async ({ method, path }) => {
        await send(method, path, { headers: { Authorization: `Bearer ${keys[0]}` } });
      }),
      { seed: SEED, numRuns: 300, endOnFailure: true },
    );
  });

  it('is still serving at the end', async () => {
    expect((await t.control('GET', '/sandbox/health')).body.ok).toBe(true);
    expect(requests).toBeGreaterThan(operations.length * RUNS_PER_OPERATION);
    // Keep the import of the non-dereferenced bundle honest: the same operations.
    expect(listOperations(openapi).map((o) => o.id)).toEqual(operations.map((o) => o.id));
  });
});
