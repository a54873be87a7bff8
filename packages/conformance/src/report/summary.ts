// The human summary printed on stdout: what was checked, the coverage, every status that could not
// be reached (with why), and the findings, one line each.
import { formatFinding } from '../findings.js';
import { allFindings, counts, type RunReport } from './model.js';

const MAX_FINDINGS = 60;

export function formatSummary(report: RunReport): string {
  const c = counts(report);
  const { totals } = report.live.matrix;
  const lines = [
    `Billing API conformance: ${report.live.baseUrl}${report.live.sandbox ? ' (sandbox)' : ''}`,
    `Spec: ${report.static.examples} examples, ${report.static.operations} operations, ${report.static.refs} $refs checked; ${report.static.findings.length} findings`,
    `Live: ${c.scenarios} scenarios (${c.passed} passed, ${c.failed} failed, ${c.notReachable} not reachable); ${c.responses} responses validated`,
    `Coverage: ${totals.operationsExercised}/${totals.operations} operations exercised; ${totals.cells} operation x status cells: ${totals.exercised} exercised, ${totals.failed} failed, ${totals.notReachable} not reachable`,
  ];
  const unreachable = report.live.matrix.operations.flatMap((row) =>
    row.cells
      .filter((cell) => cell.state === 'not_reachable')
      .map((cell) => `  ${row.operation} ${cell.status}: ${cell.reasons.join('; ')}`),
  );
  if (unreachable.length > 0) lines.push('Not reachable:', ...unreachable);
  for (const u of report.live.matrix.undocumented)
    lines.push(`Undocumented: ${u.operation} answered ${u.status} (${u.responses}x)`);
  const findings = allFindings(report);
  if (findings.length > 0) {
    lines.push(`Findings (${findings.length}):`);
    for (const f of findings.slice(0, MAX_FINDINGS))
      lines.push(`  ${formatFinding(f)}${f.source ? `  [${f.source}]` : ''}`);
    if (findings.length > MAX_FINDINGS)
      lines.push(`  ... and ${findings.length - MAX_FINDINGS} more (see coverage.json)`);
  }
  lines.push(findings.length === 0 ? 'Result: PASS' : `Result: FAIL (${findings.length} findings)`);
  return `${lines.join('\n')}\n`;
}
