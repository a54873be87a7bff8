// What the reporters render: the static check of the spec and the live run, together.

import type { Finding } from '../findings.js';
import type { LiveReport } from '../live/runner.js';
import type { StaticReport } from '../static/index.js';

export interface RunReport {
  static: StaticReport;
  live: LiveReport;
}

export function allFindings(report: RunReport): Finding[] {
  return [...report.static.findings, ...report.live.findings];
}

export function counts(report: RunReport) {
  const results = report.live.results;
  return {
    scenarios: results.length,
    passed: results.filter((r) => r.outcome === 'passed').length,
    failed: results.filter((r) => r.outcome === 'failed').length,
    notReachable: results.filter((r) => r.outcome === 'not_reachable').length,
    responses: report.live.exchanges.length,
    findings: allFindings(report).length,
  };
}
