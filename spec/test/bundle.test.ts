import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSpec, lintSpec } from '../scripts/pipeline.js';
import { configPath, copySpec, specDir } from './helpers.js';

type Json = Record<string, any>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

// The operations the API promises (its two versions side by side). The spec must have exactly these.
const PROMISED_OPERATIONS = [
  'GET /api/v2/billing/invoices',
  'GET /api/v2/billing/invoices/{id}',
  'POST /api/v2/billing/invoices/{id}/actions/pay',
  'POST /api/v2/billing/invoices/{id}/actions/apply-credit',
  'POST /api/v2/billing/invoices/{id}/actions/cancel',
  'POST /api/v2/billing/invoices/{id}/actions/finalize',
  'POST /api/v2/billing/invoices/{id}/actions/generate-payment-link',
  'GET /api/v2/billing/invoices/{id}/payment-link',
  'GET /api/v2/billing/invoices/{id}/credit-note',
  'GET /api/v2/billing/invoices/{id}/pdf',
  'POST /api/v2/billing/invoices/{id}/actions/credit',
  'POST /api/v2/billing/invoices/{id}/actions/resend-email',
  'GET /api/v2/billing/credit',
  'POST /api/v2/billing/credit/actions/add-funds',
  'GET /api/v2/billing/activity',
  'GET /api/v2/billing/cards',
  'GET /api/billing/invoices',
  'GET /api/billing/invoice/{id}',
  'POST /api/billing/invoice/{id}/apply-credit',
  'POST /api/billing/invoice/{id}/payment-link',
  'GET /api/billing/invoice/{id}/payment-link',
  'GET /api/billing/payment-link/{uuid}',
  'POST /api/billing/payment-link/{uuid}/pay',
  'POST /api/billing/pay',
  'POST /api/billing/invoice/{id}/cancel',
  'GET /api/billing/cards',
  'GET /api/billing/account-summary',
  'GET /api/billing/credit-log',
  'POST /api/credit/add-funds',
];

let doc: Json;
let dir: string;
beforeAll(async () => {
  dir = await copySpec();
  const result = await buildSpec({
    root: path.join(dir, 'openapi.yaml'),
    configPath,
    outDir: path.join(dir, 'dist'),
    cwd: dir,
  });
  expect(result.problems).toEqual([]);
  doc = JSON.parse(await readFile(path.join(dir, 'dist', 'openapi.json'), 'utf8'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function operations(): Array<{ key: string; path: string; method: string; op: Json }> {
  return Object.entries(doc.paths as Json).flatMap(([p, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ key: `${m.toUpperCase()} ${p}`, path: p, method: m, op: item[m] })),
  );
}
function deref<T = Json>(node: Json): T {
  let current = node;
  while (current?.$ref)
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce((n: Json, k: string) => n[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  return current as T;
}

describe('the bundled spec', () => {
  it('has exactly the 29 operations the API promises', () => {
    expect(
      operations()
        .map((o) => o.key)
        .sort(),
    ).toEqual([...PROMISED_OPERATIONS].sort());
  });

  it('gives every response a schema and at least one named example', () => {
    for (const { key, op } of operations()) {
      for (const [status, ref] of Object.entries(op.responses as Json)) {
        const response = deref(ref as Json);
        const media = Object.values(response.content ?? {}) as Json[];
        expect(media.length, `${key} ${status} has content`).toBeGreaterThan(0);
        for (const m of media) {
          expect(m.schema, `${key} ${status} schema`).toBeDefined();
          expect(Object.keys(m.examples ?? {}).length, `${key} ${status} named examples`).toBeGreaterThan(0);
        }
        expect(response.headers?.['X-Request-Id'], `${key} ${status} X-Request-Id`).toBeDefined();
      }
    }
  });

  it('documents the statuses every operation must document', () => {
    for (const { key, op, path: p } of operations()) {
      const statuses = Object.keys(op.responses);
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      expect(
        statuses.some((s) => /^2\d\d$/.test(s)),
        `${key} 2xx`,
      ).toBe(true);
      expect(statuses, key).toEqual(expect.arrayContaining(['429', '500']));
      // 400 wherever the caller sends something that can be invalid (parameters or a body).
      if ((op.parameters?.length ?? 0) > 0 || op.requestBody) expect(statuses, key).toContain('400');
      if (!isPublic) expect(statuses, key).toEqual(expect.arrayContaining(['401', '403']));
      if (/\{(id|uuid)\}/.test(p)) expect(statuses, key).toContain('404');
    }
  });

  it('authenticates v2 with one bearer scope and v1 with X-API-Key', () => {
    for (const { key, op, path: p, method } of operations()) {
      if (p.startsWith('/api/v2/')) {
        expect(op.security, key).toHaveLength(1);
        expect(Object.keys(op.security[0]), key).toEqual(['BearerV2']);
        expect(op.security[0].BearerV2, key).toEqual([method === 'get' ? 'read:billing' : 'write:billing']);
      } else if (op.security.length > 0) {
        expect(Object.keys(op.security[0]), key).toEqual(['ApiKeyV1']);
      }
    }
  });

  it('lets every v2 POST take an Idempotency-Key and flag replays', () => {
    const posts = operations().filter((o) => o.method === 'post' && o.path.startsWith('/api/v2/'));
    expect(posts.length).toBe(8);
    for (const { key, op } of posts) {
      const names = (op.parameters as Json[]).map((p) => deref(p)).map((p) => `${p.in}:${p.name}`);
      expect(names, key).toContain('header:Idempotency-Key');
      const success = Object.entries(op.responses as Json).filter(([s]) => s.startsWith('2'));
      for (const [, r] of success) expect(deref(r).headers?.['Idempotent-Replayed'], key).toBeDefined();
      expect(Object.keys(op.responses), key).toContain('409');
    }
  });

  it('sends every v2 error as problem+json and every v1 error as the ErrorV1 envelope', () => {
    for (const { key, op, path: p } of operations()) {
      for (const [status, r] of Object.entries(op.responses as Json)) {
        if (!/^[45]/.test(status)) continue;
        const content = deref(r).content;
        if (p.startsWith('/api/v2/'))
          expect(content['application/problem+json'].schema.$ref, `${key} ${status}`).toBe(
            '#/components/schemas/Problem',
          );
        else expect(content['application/json'].schema.$ref, `${key} ${status}`).toBe('#/components/schemas/ErrorV1');
      }
    }
  });

  it('never models amounts as enums of sample values', () => {
    const text = JSON.stringify(doc);
    expect(text).not.toMatch(/"amount":\{[^}]*"enum"/);
  });

  it('is deterministic: the same source gives the same bytes', async () => {
    const out2 = path.join(dir, 'dist2');
    await buildSpec({ root: path.join(dir, 'openapi.yaml'), configPath, outDir: out2, cwd: dir });
    for (const f of ['openapi.json', 'openapi.yaml', 'openapi.dereferenced.json']) {
      expect(await readFile(path.join(out2, f), 'utf8'), f).toBe(await readFile(path.join(dir, 'dist', f), 'utf8'));
    }
  });
});

describe('our own lint rules catch what they encode', () => {
  // Each case breaks one API convention in a copy of the spec and names the rule that must report it.
  const cases: Array<[rule: string, file: string, from: string | RegExp, to: string]> = [
    ['rule/operation-id-camel-case', 'paths/v2/cards.yaml', 'operationId: listCards', 'operationId: list_cards'],
    [
      'rule/operation-summary-sentence-case',
      'paths/v2/cards.yaml',
      'summary: List saved cards',
      'summary: list saved cards.',
    ],
    [
      'rule/operation-description-says-where-inputs-come-from',
      'paths/v2/credit.yaml',
      /description: \|\n[\s\S]*?(?=\n {2}responses:)/,
      'description: Returns it.',
    ],
    ['rule/operation-documents-429', 'paths/v2/cards.yaml', /\n {4}'429':\n.*/, ''],
    [
      'rule/response-headers-include-x-request-id',
      'components/responses/TooManyRequests.yaml',
      /\n {2}X-Request-Id:\n.*/,
      '',
    ],
    ['rule/every-response-has-x-request-id', 'components/responses/Forbidden.yaml', /headers:\n(?: {2}.*\n)+/, ''],
    [
      'rule/parameter-has-description',
      'components/parameters/Limit.yaml',
      'description: Page size, 1 to 100.',
      'description: Size',
    ],
    [
      'rule/v2-errors-use-problem-schema',
      'components/responses/Forbidden.yaml',
      'schemas/v2/Problem.yaml',
      'schemas/v1/ErrorV1.yaml',
    ],
    [
      'rule/v1-errors-use-error-envelope',
      'components/responses/ForbiddenV1.yaml',
      'schemas/v1/ErrorV1.yaml',
      'schemas/v2/Problem.yaml',
    ],
    [
      'rule/v2-post-replays-are-flagged',
      'paths/v2/credit_actions_add-funds.yaml',
      /\n {8}Idempotent-Replayed:\n.*/,
      '',
    ],
    [
      'rule/v2-uses-bearer-scopes',
      'paths/v2/cards.yaml',
      "- BearerV2: ['read:billing']",
      "- ApiKeyV1: ['read:billing']",
    ],
    ['rule/v1-uses-api-key', 'paths/v1/cards.yaml', "- ApiKeyV1: ['read:billing']", "- BearerV2: ['read:billing']"],
    [
      'rule/no-enum-on-money',
      'components/schemas/v1/AddFundsRequestV1.yaml',
      '$ref: ./DecimalStringInput.yaml',
      "type: string\n    enum: ['130.00', '2.50']",
    ],
  ];
  it.each(cases)('%s', async (rule, file, from, to) => {
    const copy = await copySpec();
    try {
      const target = path.join(copy, file);
      const source = await readFile(target, 'utf8');
      const broken = source.replace(from, to);
      expect(broken, 'the mutation applies').not.toBe(source);
      await import('node:fs/promises').then((fs) => fs.writeFile(target, broken));
      const problems = await lintSpec({ root: path.join(copy, 'openapi.yaml'), configPath, cwd: copy });
      expect(problems.map((p) => p.ruleId)).toContain(rule);
      expect(problems.find((p) => p.ruleId === rule)?.file).toMatch(/\.yaml$/);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('the real spec has zero problems', async () => {
    expect(await lintSpec({ root: path.join(specDir, 'openapi.yaml'), configPath, cwd: specDir })).toEqual([]);
  });
});
