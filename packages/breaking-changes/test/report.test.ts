// Formatters, changesets and the gate decision.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { majorChangesets, readChangesets } from '../src/changesets.js';
import { formatReport, type Report, summaryLine } from '../src/format.js';
import { RULES } from '../src/rules.js';
import { decideGate } from '../src/run.js';
import { type Finding, InputError } from '../src/types.js';
import { TEST_DIR } from './helpers.js';

const F: Finding[] = [
  {
    ruleId: 'response-property-removed',
    severity: 'breaking',
    operation: 'GET /a (getA)',
    pointer: '#/components/schemas/A/properties/x',
    side: 'base',
    message: 'A.x: response property removed',
    location: { file: 'spec/components/schemas/A.yaml', line: 12 },
  },
  {
    ruleId: 'response-property-removed',
    severity: 'breaking',
    operation: 'GET /b (getB)',
    pointer: '#/components/schemas/A/properties/x',
    side: 'base',
    message: 'A.x: response property removed',
    location: { file: 'spec/components/schemas/A.yaml', line: 12 },
  },
  {
    ruleId: 'response-enum-value-added',
    severity: 'warning',
    operation: 'GET /a (getA)',
    pointer: '#/components/schemas/S/enum',
    side: 'head',
    message: 'S: enum value x, y added',
    location: { file: 'spec/components/schemas/S.yaml', line: 3 },
  },
  {
    ruleId: 'operation-added',
    severity: 'info',
    operation: 'POST /c',
    pointer: '#/paths/~1c/post',
    side: 'head',
    message: 'new operation | with pipe',
  },
];
const report: Report = {
  findings: F,
  base: 'main',
  head: 'working tree',
  gate: { passed: false, message: 'gate says no' },
};

describe('format', () => {
  it('summary line', () => {
    expect(summaryLine(F)).toBe('2 breaking, 1 warnings, 1 info');
  });
  it('text groups by severity with file:line  ruleId  operation  message', () => {
    const t = formatReport(report, 'text');
    expect(t).toContain(
      'Breaking changes (2)\n  spec/components/schemas/A.yaml:12  response-property-removed  GET /a (getA)  A.x: response property removed',
    );
    expect(t.indexOf('Warnings (1)')).toBeGreaterThan(t.indexOf('Breaking changes'));
    expect(t.indexOf('Info (1)')).toBeGreaterThan(t.indexOf('Warnings (1)'));
    expect(t).toContain('#/paths/~1c/post  operation-added');
    expect(t).toContain('gate says no');
  });
  it('github annotations: error / warning / notice, escaped, one per place', () => {
    const lines = formatReport(report, 'github').trim().split('\n');
    expect(lines[0]).toBe(
      '::error file=spec/components/schemas/A.yaml,line=12,title=response-property-removed::GET /a (getA); GET /b (getB): A.x: response property removed',
    );
    expect(lines[1]).toBe(
      '::warning file=spec/components/schemas/S.yaml,line=3,title=response-enum-value-added::GET /a (getA): S: enum value x, y added',
    );
    expect(lines[2]).toBe('::notice title=operation-added::POST /c: new operation | with pipe');
    expect(lines).toContain('2 breaking, 1 warnings, 1 info (base main, head working tree)');
  });
  it('markdown table with summary line and escaped pipes', () => {
    const md = formatReport(report, 'markdown');
    expect(md).toContain('**2 breaking, 1 warnings, 1 info**');
    expect(md).toContain('| Severity | Rule | Operation | Location | Message |');
    expect(md).toContain(
      '| breaking | `response-property-removed` | `GET /a (getA)` | `spec/components/schemas/A.yaml:12` | A.x: response property removed |',
    );
    expect(md).toContain('new operation \\| with pipe');
    expect(md).toContain('Failed: gate says no');
  });
  it('json carries summary, gate and findings', () => {
    const j = JSON.parse(formatReport(report, 'json'));
    expect(j.summary).toEqual({ breaking: 2, warnings: 1, info: 1 });
    expect(j.gate).toEqual({ passed: false, message: 'gate says no' });
    expect(j.findings).toHaveLength(4);
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
  it('reads front matter and finds major bumps of the spec package', () => {
    const dir = repo({
      'README.md': '# Changesets\n',
      'config.json': '{}',
      'big-bang.md': '---\n"@billing-api/openapi": major\n"@billing-api/sdk": minor\n---\n\nDrop amountDue.\n',
      'small.md': "---\n'@billing-api/openapi': minor\n---\n\nAdd hostedUrl.\n",
    });
    const cs = readChangesets(dir);
    expect(cs.map((c) => c.file)).toEqual(['.changeset/big-bang.md', '.changeset/small.md']);
    expect(majorChangesets(cs)).toEqual(['.changeset/big-bang.md']);
    expect(majorChangesets(cs, '@billing-api/sdk')).toEqual([]);
  });
  it('broken front matter is an input error naming the file', () => {
    const dir = repo({ 'bad.md': '---\n"@billing-api/openapi": [major\n---\n' });
    expect(() => readChangesets(dir)).toThrow(InputError);
    expect(() => readChangesets(dir)).toThrow(/^\.changeset\/bad\.md:\d+:/);
  });
  it('gate: fails on breaking without a major changeset, passes with one, --fail-on warning counts warnings', () => {
    const breaking = decideGate(F, 'breaking', [], '@billing-api/openapi');
    expect(breaking.passed).toBe(false);
    expect(breaking.message).toMatch(
      /2 breaking change\(s\) and no pending changeset gives @billing-api\/openapi a major bump/,
    );
    const accepted = decideGate(F, 'breaking', ['.changeset/x.md'], '@billing-api/openapi');
    expect(accepted).toEqual({
      passed: true,
      message: '2 breaking change(s) accepted: .changeset/x.md gives @billing-api/openapi a major bump.',
    });
    const warnOnly = F.filter((f) => f.severity !== 'breaking');
    expect(decideGate(warnOnly, 'breaking', [], 'p').passed).toBe(true);
    expect(decideGate(warnOnly, 'warning', [], 'p').passed).toBe(false);
    expect(decideGate([], 'breaking', [], 'p')).toEqual({ passed: true, message: 'No breaking changes.' });
  });
});

describe('README', () => {
  it('documents every rule with its severity and direction', () => {
    const readme = readFileSync(path.join(TEST_DIR, '..', 'README.md'), 'utf8');
    for (const [id, r] of Object.entries(RULES)) {
      expect(readme, id).toMatch(new RegExp(`\\| \`${id}\` \\| ${r.severity} \\| ${r.direction} \\|`));
    }
  });
});
