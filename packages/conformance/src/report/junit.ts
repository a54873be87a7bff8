// JUnit XML for CI: a suite for the static checks of the spec and one per operation, a test case per
// scenario; failures list their findings, unreachable scenarios are `skipped` with the reason.
import { type Finding, formatFinding } from '../findings.js';
import type { RunReport } from './model.js';

export function escapeXml(text: string): string {
  return (
    text
      // XML 1.0 forbids these code points, even escaped: drop them.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the class lists the allowed control characters
      .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD]/gu, '')
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', '&quot;')
  );
}

interface Case {
  name: string;
  classname: string;
  findings: Finding[];
  skipped?: string;
}

function testcase(c: Case): string {
  const open = `    <testcase classname="${escapeXml(c.classname)}" name="${escapeXml(c.name)}"`;
  if (c.skipped !== undefined) return `${open}>\n      <skipped message="${escapeXml(c.skipped)}"/>\n    </testcase>`;
  if (c.findings.length === 0) return `${open}/>`;
  const first = c.findings[0]!;
  return `${open}>\n      <failure message="${escapeXml(formatFinding(first))}" type="${escapeXml(first.code)}">${escapeXml(c.findings.map(formatFinding).join('\n'))}</failure>\n    </testcase>`;
}

function suite(name: string, cases: Case[]): string {
  const failures = cases.filter((c) => c.skipped === undefined && c.findings.length > 0).length;
  const skipped = cases.filter((c) => c.skipped !== undefined).length;
  return `  <testsuite name="${escapeXml(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${cases.map(testcase).join('\n')}\n  </testsuite>`;
}

export function formatJUnit(report: RunReport): string {
  const s = report.static;
  const staticCases: Case[] = [
    {
      classname: 'spec',
      name: `every example validates against its schema (${s.examples} examples)`,
      findings: s.findings.filter((f) => f.code !== 'missing_status' && f.code !== 'unresolved_ref'),
    },
    {
      classname: 'spec',
      name: `every operation documents the statuses the API's conventions require (${s.operations} operations)`,
      findings: s.findings.filter((f) => f.code === 'missing_status'),
    },
    {
      classname: 'spec',
      name: `every $ref resolves (${s.refs} refs)`,
      findings: s.findings.filter((f) => f.code === 'unresolved_ref'),
    },
  ];
  const suites = [suite('spec (static)', staticCases)];
  const byOperation = new Map<string, Case[]>();
  for (const r of report.live.results) {
    const cases = byOperation.get(r.operation) ?? [];
    cases.push({
      classname: r.operation,
      name: `${r.id}: ${r.title}`,
      findings: r.findings,
      ...(r.outcome === 'not_reachable' ? { skipped: r.reason ?? 'not reachable' } : {}),
    });
    byOperation.set(r.operation, cases);
  }
  for (const [operation, cases] of byOperation) suites.push(suite(operation, cases));
  const all = [staticCases, ...byOperation.values()].flat();
  const failures = all.filter((c) => c.skipped === undefined && c.findings.length > 0).length;
  const skipped = all.filter((c) => c.skipped !== undefined).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="billing-conformance" tests="${all.length}" failures="${failures}" errors="0" skipped="${skipped}">\n${suites.join('\n')}\n</testsuites>\n`;
}
