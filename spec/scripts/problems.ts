/**
 * Turns Redocly's lint and bundle problems into one line each: `file:line:col  rule  message`.
 * Redocly's own formatters print codeframes for humans; the build, the tests and CI annotations
 * need the location as plain text, relative to the repository, so we format them here.
 */
import path from 'node:path';
import { getLineColLocation, type NormalizedProblem } from '@redocly/openapi-core';

export interface SpecProblem {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
}

export function toSpecProblem(problem: NormalizedProblem, cwd: string): SpecProblem {
  const location = problem.location[0];
  let file = '<unknown>';
  let line = 1;
  let column = 1;
  if (location) {
    file = path.relative(cwd, location.source.absoluteRef) || location.source.absoluteRef;
    try {
      const lineCol = getLineColLocation(location);
      line = lineCol.start.line;
      column = lineCol.start.col;
    } catch {
      // A file that does not parse has no AST to map the pointer on; keep line 1.
    }
  }
  return { file, line, column, ruleId: problem.ruleId, severity: problem.severity, message: problem.message };
}

export function formatProblem(p: SpecProblem): string {
  return `${p.file}:${p.line}:${p.column}  ${p.severity}  ${p.ruleId}  ${p.message}`;
}

/** One `count  rule` line per rule that reported problems, most problems first. */
export function summarize(problems: SpecProblem[]): string[] {
  const counts = new Map<string, number>();
  for (const p of problems) counts.set(p.ruleId, (counts.get(p.ruleId) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([rule, count]) => `${String(count).padStart(5)}  ${rule}`);
}
