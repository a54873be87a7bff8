// Scale run on two large real specs from the shared corpora (not copied into
// the repo): Stripe (OpenAPI 3.0, ~4 MB YAML) and GitHub (3.0, ~4 MB JSON).
// The "second version" is a deep copy with three known mutations; exactly
// those findings must come out. Elapsed time is printed, not asserted.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { diffSpecs } from '../src/diff.js';
import { escapeSegment } from '../src/pointer.js';
import type { Finding, OpenAPIDoc } from '../src/types.js';
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

function load(file: string): OpenAPIDoc {
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
    let t = performance.now();
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

    t = performance.now();
    const same = diffSpecs(base, structuredClone(base));
    const identicalMs = performance.now() - t;
    t = performance.now();
    const findings = diffSpecs(base, head);
    const diffMs = performance.now() - t;
    console.log(
      `${plan.file}: parse ${parseMs.toFixed(0)} ms, diff identical ${identicalMs.toFixed(0)} ms, diff mutated ${diffMs.toFixed(0)} ms, ` +
        `${Object.keys(base.paths as object).length} paths, ${findings.length} findings`,
    );

    expect(same).toEqual([]);
    const opPtr = (w: { path: string; method: string }): string => `#/paths/${escapeSegment(w.path)}/${w.method}`;
    const expected = [
      {
        severity: 'breaking',
        ruleId: 'response-property-removed',
        side: 'base',
        pointer: `#/components/schemas/${escapeSegment(plan.schema)}/properties/${plan.property}`,
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
