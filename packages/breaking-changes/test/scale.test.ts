// Scale run on two large real specs from the shared corpora (read in place, never copied into the
// repository): Stripe (OpenAPI 3.0, ~4 MB YAML) and GitHub (3.0, ~4 MB JSON). The "second version"
// is a deep copy with three known mutations; exactly those findings must come out. Elapsed time is
// printed (the target is under 2 s per diff), never asserted.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { escapeToken, type OpenApiDocument } from '@billing-api/openapi-model';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compareDocuments } from '../src/compare/document.js';
import type { Finding } from '../src/model.js';
import { REPO_ROOT } from './helpers.js';

const CORPORA = path.resolve(REPO_ROOT, '..', 'shared', 'corpora');
const present = existsSync(CORPORA);
if (!present)
  console.log(`scale tests skipped: ${CORPORA} does not exist (it sits next to the repository on CI and dev machines)`);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

interface Plan {
  file: string;
  schema: string;
  property: string;
  /** the operation whose response uses the schema */
  responseOp: string;
  required: { path: string; method: string };
  optional: { path: string; method: string };
}

const PLANS: Plan[] = [
  {
    file: 'stripe.spec3.yaml',
    schema: 'balance',
    property: 'livemode',
    responseOp: 'GET /v1/balance',
    required: { path: '/v1/customers', method: 'get' },
    optional: { path: '/v1/charges', method: 'get' },
  },
  {
    file: 'github.api.json',
    schema: 'license-content',
    property: 'sha',
    responseOp: 'GET /repos/{owner}/{repo}/license',
    required: { path: '/user/repos', method: 'get' },
    optional: { path: '/orgs/{org}/repos', method: 'get' },
  },
];

function load(file: string): OpenApiDocument {
  const text = readFileSync(path.join(CORPORA, file), 'utf8');
  return file.endsWith('.json') ? JSON.parse(text) : parse(text, { maxAliasCount: -1 });
}

function op(d: Doc, where: { path: string; method: string }): Doc {
  const o = d.paths?.[where.path]?.[where.method];
  if (!o) throw new Error(`corpus no longer has ${where.method.toUpperCase()} ${where.path}`);
  o.parameters ??= [];
  return o;
}

const key = (f: Pick<Finding, 'severity' | 'ruleId' | 'side' | 'pointer'>): string =>
  `${f.severity} ${f.ruleId} ${f.side} ${f.pointer}`;

describe.skipIf(!present)('scale: large real specs', () => {
  it.each(PLANS.map((p) => [p.file, p] as const))('%s', { timeout: 120_000 }, (_f, plan) => {
    const t = performance.now();
    const base = load(plan.file);
    const parseMs = performance.now() - t;

    const head: Doc = structuredClone(base);
    const schema = head.components.schemas[plan.schema];
    expect(schema?.properties?.[plan.property], `${plan.schema}.${plan.property} exists`).toBeDefined();
    delete schema.properties[plan.property];
    if (Array.isArray(schema.required)) schema.required = schema.required.filter((x: string) => x !== plan.property);
    const reqOp = op(head, plan.required);
    const reqIndex =
      reqOp.parameters.push({ name: 'bc_required_probe', in: 'query', required: true, schema: { type: 'string' } }) - 1;
    const optOp = op(head, plan.optional);
    const optIndex =
      optOp.parameters.push({ name: 'bc_optional_probe', in: 'query', required: false, schema: { type: 'boolean' } }) -
      1;

    const copy = structuredClone(base);
    const timed = <T>(run: () => T): [T, string] => {
      const cpu = process.cpuUsage();
      const wall = performance.now();
      const out = run();
      const used = process.cpuUsage(cpu);
      return [
        out,
        `${(performance.now() - wall).toFixed(0)} ms (cpu ${((used.user + used.system) / 1000).toFixed(0)} ms)`,
      ];
    };
    const [same, identical] = timed(() => compareDocuments(base, copy));
    const [findings, mutated] = timed(() => compareDocuments(base, head));
    // The peer measured in the same run: parsing the same document (the least any diff must cost).
    console.log(
      `${plan.file}: parse ${parseMs.toFixed(0)} ms; diff identical ${identical}; diff mutated ${mutated}; ` +
        `${Object.keys(base.paths as object).length} paths, ${findings.length} findings`,
    );

    expect(same).toEqual([]);
    const opPtr = (w: { path: string; method: string }): string => `/paths/${escapeToken(w.path)}/${w.method}`;
    const expected = [
      {
        severity: 'breaking',
        ruleId: 'response-property-removed',
        side: 'base',
        pointer: `/components/schemas/${escapeToken(plan.schema)}/properties/${plan.property}`,
      },
      {
        severity: 'breaking',
        ruleId: 'required-parameter-added',
        side: 'head',
        pointer: `${opPtr(plan.required)}/parameters/${reqIndex}`,
      },
      {
        severity: 'info',
        ruleId: 'optional-parameter-added',
        side: 'head',
        pointer: `${opPtr(plan.optional)}/parameters/${optIndex}`,
      },
    ] as const;
    expect([...new Set(findings.map(key))].sort()).toEqual(expected.map(key).sort());
    const removedOps = findings.filter((f) => f.ruleId === 'response-property-removed').map((f) => f.operation);
    expect(removedOps.some((o) => o.startsWith(`${plan.responseOp} `) || o === plan.responseOp)).toBe(true);
    expect(
      findings.filter((f) => f.ruleId === 'required-parameter-added').map((f) => f.operation.split(' (')[0]),
    ).toEqual([`${plan.required.method.toUpperCase()} ${plan.required.path}`]);
  });
});
