// Formatters, changesets and the gate decision with its two verdicts, and the README's rule table.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Finding, InputError } from '../src/model.js';
import { fixedWith, majorChangesets, readChangesets } from '../src/report/changesets.js';
import { formatReport, type Report, summaryLine } from '../src/report/format.js';
import { decideGate } from '../src/report/gate.js';
import { RULES } from '../src/rules/catalogue.js';
import { PACKAGE_DIR } from './helpers.js';

const F: Finding[] = [
  {
    ruleId: 'response-property-removed',
    severity: 'breaking',
    types: 'breaking',
    operation: 'GET /a (getA)',
    pointer: '/components/schemas/A/properties/x',
    side: 'base',
    message: 'A.x: response property removed',
    location: { file: 'spec/components/schemas/A.yaml', line: 12 },
  },
  {
    ruleId: 'response-property-removed',
    severity: 'breaking',
    types: 'breaking',
    operation: 'GET /b (getB)',
    pointer: '/components/schemas/A/properties/x',
    side: 'base',
    message: 'A.x: response property removed',
    location: { file: 'spec/components/schemas/A.yaml', line: 12 },
  },
  {
    ruleId: 'response-enum-value-added',
    severity: 'warning',
    types: 'safe',
    operation: 'GET /a (getA)',
    pointer: '/components/schemas/S/enum',
    side: 'head',
    message: 'S: enum value x, y added',
    location: { file: 'spec/components/schemas/S.yaml', line: 3 },
  },
  {
    ruleId: 'operation-added',
    severity: 'info',
    types: 'safe',
    operation: 'POST /c',
    pointer: '/paths/~1c/post',
    side: 'head',
    message: 'new operation | with pipe',
  },
  {
    ruleId: 'component-renamed',
    severity: 'info',
    types: 'breaking',
    operation: '(components)',
    pointer: '/components/schemas/Amount',
    side: 'head',
    message: 'component schemas/Money renamed to Amount (generated type names change)',
    location: { file: 'spec/components/schemas/Amount.yaml', line: 1 },
  },
];
const gate = { passed: false, message: 'gate says no', wire: { blocking: 2, package: 'p', acceptedBy: [] } };
const report: Report = { findings: F, base: 'main', head: 'working tree', gate };

describe('format', () => {
  it('summary line counts wire severities and types-breaking findings', () => {
    expect(summaryLine(F)).toBe('2 breaking, 1 warnings, 2 info; 3 types-breaking');
  });
  it('text groups by wire severity and marks types-breaking lines', () => {
    const t = formatReport(report, 'text');
    expect(t).toContain(
      'Breaking changes (2)\n  spec/components/schemas/A.yaml:12  response-property-removed  GET /a (getA)  A.x: response property removed [types: breaking]',
    );
    expect(t.indexOf('Warnings (1)')).toBeGreaterThan(t.indexOf('Breaking changes'));
    expect(t.indexOf('Info (2)')).toBeGreaterThan(t.indexOf('Warnings (1)'));
    expect(t).toContain('#/paths/~1c/post  operation-added');
    expect(t).toContain(
      'component-renamed  (components)  component schemas/Money renamed to Amount (generated type names change) [types: breaking]',
    );
    expect(t).toContain('gate says no');
  });
  it('github annotations: error / warning / notice, escaped, one per place; wire-safe types-breaking is a warning', () => {
    const lines = formatReport(report, 'github').trim().split('\n');
    expect(lines[0]).toBe(
      '::error file=spec/components/schemas/A.yaml,line=12,title=response-property-removed::GET /a (getA); GET /b (getB): A.x: response property removed [types: breaking]',
    );
    expect(lines[1]).toBe(
      '::warning file=spec/components/schemas/S.yaml,line=3,title=response-enum-value-added::GET /a (getA): S: enum value x, y added',
    );
    expect(lines[2]).toBe('::notice title=operation-added::POST /c: new operation | with pipe');
    expect(lines[3]).toMatch(
      /^::warning file=spec\/components\/schemas\/Amount\.yaml,line=1,title=component-renamed::/,
    );
    expect(lines).toContain('2 breaking, 1 warnings, 2 info; 3 types-breaking (base main, head working tree)');
  });
  it('markdown table with both verdicts, summary line and escaped pipes', () => {
    const md = formatReport(report, 'markdown');
    expect(md).toContain('**2 breaking, 1 warnings, 2 info; 3 types-breaking**');
    expect(md).toContain('| Wire | Types | Rule | Operation | Location | Message |');
    expect(md).toContain(
      '| breaking | breaking | `response-property-removed` | `GET /a (getA)` | `spec/components/schemas/A.yaml:12` | A.x: response property removed |',
    );
    expect(md).toContain('new operation \\| with pipe');
    expect(md).toContain('Failed: gate says no');
  });
  it('json carries summary, gate and findings', () => {
    const j = JSON.parse(formatReport(report, 'json'));
    expect(j.summary).toEqual({ breaking: 2, warnings: 1, info: 2, typesBreaking: 3 });
    expect(j.gate).toEqual(gate);
    expect(j.findings).toHaveLength(5);
    expect(j.findings[0]).toMatchObject({ severity: 'breaking', types: 'breaking' });
  });
  it('a report without a gate (two documents compared) renders without a verdict line', () => {
    const md = formatReport({ findings: F, base: '2.0.0', head: '3.0.0' }, 'markdown');
    expect(md).not.toMatch(/Passed|Failed/);
  });
});

describe('changesets and the gate', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const repo = (files: Record<string, string>): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bc-changesets-'));
    dirs.push(dir);
    mkdirSync(path.join(dir, '.changeset'));
    for (const [n, t] of Object.entries(files)) writeFileSync(path.join(dir, '.changeset', n), t);
    return dir;
  };
  it('reads front matter, fixed groups, and finds major bumps', () => {
    const dir = repo({
      'README.md': '# Changesets\n',
      'config.json': JSON.stringify({ fixed: [['@billing-api/openapi', '@billing-api/types']] }),
      'big-bang.md': '---\n"@billing-api/openapi": major\n"@billing-api/sdk": minor\n---\n\nDrop amountDue.\n',
      'small.md': "---\n'@billing-api/openapi': minor\n---\n\nAdd hostedUrl.\n",
    });
    const cs = readChangesets(dir);
    expect(cs.map((c) => c.file)).toEqual(['.changeset/big-bang.md', '.changeset/small.md']);
    expect(fixedWith(dir, '@billing-api/types')).toEqual(['@billing-api/types', '@billing-api/openapi']);
    expect(fixedWith(dir, '@billing-api/sdk')).toEqual(['@billing-api/sdk']);
    expect(majorChangesets(cs, ['@billing-api/openapi'])).toEqual(['.changeset/big-bang.md']);
    expect(majorChangesets(cs, fixedWith(dir, '@billing-api/types'))).toEqual(['.changeset/big-bang.md']);
    expect(majorChangesets(cs, ['@billing-api/sdk'])).toEqual([]);
  });
  it('broken front matter or config is an input error naming the file', () => {
    const dir = repo({ 'bad.md': '---\n"@billing-api/openapi": [major\n---\n', 'config.json': '{ nope' });
    expect(() => readChangesets(dir)).toThrow(InputError);
    expect(() => readChangesets(dir)).toThrow(/^\.changeset\/bad\.md:\d+:/);
    expect(() => fixedWith(dir, 'x')).toThrow(/^\.changeset\/config\.json: invalid JSON/);
  });
  it('gate: each verdict needs its own package major; --fail-on warning counts warnings', () => {
    const none = (): string[] => [];
    const policy = {
      failOn: 'breaking' as const,
      wirePackage: '@billing-api/openapi',
      typesPackage: '@billing-api/types',
    };
    const blocked = decideGate(F, policy, none);
    expect(blocked.passed).toBe(false);
    expect(blocked.message).toMatch(
      /2 wire-breaking change\(s\) and no pending changeset gives @billing-api\/openapi a major bump/,
    );
    expect(blocked.message).toMatch(
      /3 types-breaking change\(s\) .* no pending changeset gives @billing-api\/types a major bump/,
    );
    const wireOnly = decideGate(F, policy, (p) => (p === '@billing-api/openapi' ? ['.changeset/x.md'] : []));
    expect(wireOnly.passed).toBe(false);
    expect(wireOnly.wire.acceptedBy).toEqual(['.changeset/x.md']);
    const both = decideGate(F, policy, () => ['.changeset/x.md']);
    expect(both.passed).toBe(true);
    expect(both.message).toBe(
      '2 wire-breaking change(s) accepted: .changeset/x.md gives @billing-api/openapi a major bump. 3 types-breaking change(s) accepted: .changeset/x.md gives @billing-api/types a major bump.',
    );
    const renameOnly = F.filter((f) => f.ruleId === 'component-renamed');
    const rename = decideGate(renameOnly, policy, (p) => (p === '@billing-api/types' ? ['.changeset/t.md'] : []));
    expect(rename).toMatchObject({
      passed: true,
      wire: { blocking: 0 },
      types: { blocking: 1, acceptedBy: ['.changeset/t.md'] },
    });
    const warnOnly = F.filter((f) => f.severity === 'warning');
    expect(decideGate(warnOnly, policy, none).passed).toBe(true);
    expect(decideGate(warnOnly, { ...policy, failOn: 'warning' }, none).passed).toBe(false);
    expect(decideGate(renameOnly, { ...policy, typesPackage: undefined }, none).passed).toBe(true);
  });
});

describe('README', () => {
  it('documents every rule with both verdicts and its direction', () => {
    const readme = readFileSync(path.join(PACKAGE_DIR, 'README.md'), 'utf8');
    for (const [id, r] of Object.entries(RULES)) {
      expect(readme, id).toMatch(new RegExp(`\\| \`${id}\` \\| ${r.severity} \\| ${r.types} \\| ${r.direction} \\|`));
    }
  });
});
