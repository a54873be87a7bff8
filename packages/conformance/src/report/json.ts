// The machine-readable report (coverage.json): target, totals, the static findings, the coverage
// matrix, every scenario's outcome and every finding. Responses themselves are not included.
import { counts, type RunReport } from './model.js';

export function toJson(report: RunReport): object {
  return {
    target: { baseUrl: report.live.baseUrl, sandbox: report.live.sandbox },
    run: {
      durationMs: Math.round(report.live.durationMs),
      rateLimitWaitMs: report.live.rateLimitWaitMs,
      clockMovedMs: report.live.clockMovedMs,
    },
    totals: { ...counts(report), ...report.live.matrix.totals },
    static: report.static,
    matrix: report.live.matrix,
    scenarios: report.live.results,
  };
}
