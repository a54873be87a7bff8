// One line of progress per event of a live run, for stderr: where the run is (scenarios done of all),
// which operation's scenarios of which kind just finished and how they went, and how long the run
// has waited on the server's rate limit (the usual reason a black-box run is slow).
import type { Progress } from '../live/runner.js';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function formatProgress(progress: Progress): string | undefined {
  if (progress.event === 'notice') return `note: ${progress.message}`;
  if (progress.event === 'start')
    return `Checking ${progress.baseUrl} (${progress.sandbox ? 'sandbox: accounts of its own' : 'black-box: no control endpoints'}): ${progress.scenarios} scenarios`;
  const count = (outcome: string) => progress.results.filter((r) => r.outcome === outcome).length;
  const parts = [
    `${count('passed')} passed`,
    ...(count('failed') ? [`${count('failed')} failed`] : []),
    ...(count('not_reachable') ? [`${count('not_reachable')} not reachable`] : []),
  ];
  const width = String(progress.total).length;
  const waited = progress.rateLimitWaitMs > 0 ? `, ${seconds(progress.rateLimitWaitMs)} waiting on the rate limit` : '';
  return `[${String(progress.done).padStart(width)}/${progress.total}] ${progress.kind.padEnd(11)} ${progress.operation}: ${parts.join(', ')} (${seconds(progress.elapsedMs)}${waited})`;
}
