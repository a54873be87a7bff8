// The coverage matrix as Markdown (for a CI job summary or a PR comment): one row per operation, one
// column per status, then the unreachable statuses with their reasons and the findings.
import { formatFinding } from '../findings.js';
import { allFindings, counts, type RunReport } from './model.js';

const MARK = { exercised: '✅', failed: '❌', not_reachable: '➖' } as const;

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function formatMarkdown(report: RunReport): string {
  const { operations, totals, undocumented } = report.live.matrix;
  const c = counts(report);
  const statuses = [...new Set(operations.flatMap((r) => r.cells.map((x) => x.status)))].sort((a, b) => a - b);
  const out = [
    '# Billing API conformance',
    '',
    `Target: \`${report.live.baseUrl}\`${report.live.sandbox ? ' (sandbox)' : ''}. ` +
      `${totals.operationsExercised}/${totals.operations} operations exercised; ${totals.cells} cells: ${totals.exercised} exercised, ${totals.failed} failed, ${totals.notReachable} not reachable. ` +
      `${c.scenarios} scenarios, ${c.responses} responses validated, ${c.findings} findings.`,
    '',
    `${MARK.exercised} exercised · ${MARK.failed} failed · ${MARK.not_reachable} not reachable (see below) · blank: not documented`,
    '',
    `| operation | ${statuses.join(' | ')} |`,
    `|---|${statuses.map(() => ':-:').join('|')}|`,
    ...operations.map(
      (row) =>
        `| \`${row.operation}\` | ${statuses
          .map((s) => {
            const x = row.cells.find((y) => y.status === s);
            return x ? MARK[x.state] : '';
          })
          .join(' | ')} |`,
    ),
  ];
  const unreachable = operations.flatMap((row) =>
    row.cells
      .filter((x) => x.state === 'not_reachable')
      .map((x) => `| \`${row.operation}\` | ${x.status} | ${cell(x.reasons.join('; '))} |`),
  );
  if (unreachable.length > 0)
    out.push('', '## Not reachable', '', '| operation | status | reason |', '|---|---|---|', ...unreachable);
  if (undocumented.length > 0)
    out.push(
      '',
      '## Undocumented statuses received',
      '',
      ...undocumented.map((u) => `- \`${u.operation}\` answered ${u.status} (${u.responses}x)`),
    );
  const findings = allFindings(report);
  if (findings.length > 0)
    out.push(
      '',
      `## Findings (${findings.length})`,
      '',
      ...findings.map((f) => `- ${cell(formatFinding(f))}${f.source ? ` — _${cell(f.source)}_` : ''}`),
    );
  return `${out.join('\n')}\n`;
}
