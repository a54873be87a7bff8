// Renders findings for people and machines: plain text for terminals, JSON for tools, a Markdown
// table for a PR comment, and GitHub Actions workflow commands so breaking changes show up as
// annotations on the changed lines. Every line carries both verdicts: the wire severity decides the
// group, and "types: breaking" marks what stops generated-types consumer code from compiling.

import type { Finding, Severity } from '../model.js';
import type { Gate } from './gate.js';

export type Format = 'text' | 'json' | 'markdown' | 'github';
export const FORMATS: readonly Format[] = ['text', 'json', 'markdown', 'github'];

export interface Report {
  findings: Finding[];
  base: string;
  head: string;
  /** Absent for a plain comparison of two documents (no gate decided). */
  gate?: Gate;
  note?: string;
}

const ORDER: Severity[] = ['breaking', 'warning', 'info'];
const HEADINGS: Record<Severity, string> = { breaking: 'Breaking changes', warning: 'Warnings', info: 'Info' };

export function counts(findings: Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { breaking: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

export function summaryLine(findings: Finding[]): string {
  const c = counts(findings);
  const types = findings.filter((f) => f.types === 'breaking').length;
  return `${c.breaking} breaking, ${c.warning} warnings, ${c.info} info; ${types} types-breaking`;
}

function typesNote(f: Finding): string {
  return f.types === 'breaking' ? ' [types: breaking]' : '';
}

function where(f: Finding): string {
  return f.location ? `${f.location.file}:${f.location.line}` : `#${f.pointer}`;
}

function sorted(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity));
}

export function formatText(r: Report): string {
  const out: string[] = [];
  if (r.note) out.push(r.note, '');
  for (const sev of ORDER) {
    const group = r.findings.filter((f) => f.severity === sev);
    if (!group.length) continue;
    out.push(`${HEADINGS[sev]} (${group.length})`);
    for (const f of group) out.push(`  ${where(f)}  ${f.ruleId}  ${f.operation}  ${f.message}${typesNote(f)}`);
    out.push('');
  }
  out.push(`${summaryLine(r.findings)} (base ${r.base}, head ${r.head})`);
  if (r.gate) out.push(r.gate.message);
  return `${out.join('\n')}\n`;
}

export function formatJson(r: Report): string {
  const c = counts(r.findings);
  return `${JSON.stringify(
    {
      summary: {
        breaking: c.breaking,
        warnings: c.warning,
        info: c.info,
        typesBreaking: r.findings.filter((f) => f.types === 'breaking').length,
      },
      base: r.base,
      head: r.head,
      gate: r.gate,
      note: r.note,
      findings: r.findings,
    },
    null,
    2,
  )}\n`;
}

function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function formatMarkdown(r: Report): string {
  const out = [
    '### OpenAPI breaking-change check',
    '',
    `**${summaryLine(r.findings)}** (base \`${r.base}\`, head ${r.head})`,
    '',
  ];
  if (r.note) out.push(`> ${r.note}`, '');
  if (r.findings.length) {
    out.push('| Wire | Types | Rule | Operation | Location | Message |', '| --- | --- | --- | --- | --- | --- |');
    for (const f of sorted(r.findings)) {
      out.push(
        `| ${f.severity} | ${f.types} | \`${f.ruleId}\` | \`${cell(f.operation)}\` | \`${cell(where(f))}\` | ${cell(f.message)} |`,
      );
    }
    out.push('');
  }
  if (r.gate) out.push(`${r.gate.passed ? 'Passed' : 'Failed'}: ${r.gate.message}`);
  return `${out.join('\n')}\n`;
}

function escData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escProp(s: string): string {
  return escData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND: Record<Severity, string> = { breaking: 'error', warning: 'warning', info: 'notice' };

/**
 * One annotation per (severity, rule, place, message): a shared schema change
 * reported for five operations becomes one annotation naming the five.
 */
export function formatGithub(r: Report): string {
  const out: string[] = [];
  if (r.note) out.push(`::notice title=breaking-changes::${escData(r.note)}`);
  const groups = new Map<string, { f: Finding; ops: string[] }>();
  for (const f of sorted(r.findings)) {
    const key = [f.severity, f.types, f.ruleId, where(f), f.message].join('\u0000');
    const g = groups.get(key);
    if (g) g.ops.push(f.operation);
    else groups.set(key, { f, ops: [f.operation] });
  }
  for (const { f, ops } of groups.values()) {
    const props = [
      ...(f.location ? [`file=${escProp(f.location.file)}`, `line=${f.location.line}`] : []),
      `title=${escProp(f.ruleId)}`,
    ];
    const command = f.severity === 'info' && f.types === 'breaking' ? 'warning' : COMMAND[f.severity];
    out.push(`::${command} ${props.join(',')}::${escData(`${ops.join('; ')}: ${f.message}${typesNote(f)}`)}`);
  }
  out.push(`${summaryLine(r.findings)} (base ${r.base}, head ${r.head})`);
  if (r.gate) out.push(r.gate.message);
  return `${out.join('\n')}\n`;
}

export function formatReport(r: Report, format: Format): string {
  switch (format) {
    case 'json':
      return formatJson(r);
    case 'markdown':
      return formatMarkdown(r);
    case 'github':
      return formatGithub(r);
    default:
      return formatText(r);
  }
}
