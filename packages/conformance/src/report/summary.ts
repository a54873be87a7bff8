// The human summary printed on stdout: what was checked, the coverage, every status that could not
// be reached (with why), and the findings, one line each.
import { formatFinding } from '../findings.js';
import { allFindings, counts, type RunReport } from './model.js';

const MAX_FINDINGS = 60;

/** A duration in its largest units, zeros left out: `30 d 1 s`, `2 min 5 s`, `250 ms`, `0 s`. */
export function formatDuration(ms: number): string {
  if (ms <= 0) return '0 s';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const units: Array<[string, number]> = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['min', 60_000],
    ['s', 1000],
  ];
  const parts: string[] = [];
  let rest = Math.round(ms / 1000) * 1000;
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n} ${unit}`);
  }
  return parts.join(' ');
}

export function formatSummary(report: RunReport): string {
  const c = counts(report);
  const { totals } = report.live.matrix;
  const lines = [
    `Billing API conformance: ${report.live.baseUrl}${report.live.sandbox ? ' (sandbox)' : ''}`,
    `Spec: ${report.static.examples} examples, ${report.static.operations} operations, ${report.static.refs} $refs checked; ${report.static.findings.length} findings`,
    `Live: ${c.scenarios} scenarios (${c.passed} passed, ${c.failed} failed, ${c.notReachable} not reachable); ${c.responses} responses validated`,
    `Coverage: ${totals.operationsExercised}/${totals.operations} operations exercised; ${totals.cells} operation x status cells: ${totals.exercised} exercised, ${totals.failed} failed, ${totals.notReachable} not reachable`,
  ];
  const run = report.live;
  const timing = [`${(run.durationMs / 1000).toFixed(1)} s`];
  if (run.rateLimitWaitMs > 0)
    timing.push(`${(run.rateLimitWaitMs / 1000).toFixed(1)} s of it waiting on the server's rate limit`);
  lines.push(`Time: ${timing.join(', ')}`);
  if (run.sandbox)
    lines.push(`Sandbox clock moved: ${formatDuration(run.clockMovedMs)} (only the clocks of accounts the run made)`);
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
