/** One rebuild of `pnpm dev`: the steps in order, stopping at the first that fails. */
import { run } from '@billing-api/release-rehearsal/run';

export interface RebuildStep {
  name: string;
  command: string;
  args: string[];
}

export type RebuildResult = { ok: true; ms: number } | { ok: false; failedStep: string; output: string };

/** `signal` stops the running step's whole process tree (dev is shutting down). */
export async function rebuild(
  cwd: string,
  steps: readonly RebuildStep[],
  signal?: AbortSignal,
): Promise<RebuildResult> {
  const started = performance.now();
  for (const step of steps) {
    if (signal?.aborted) return { ok: false, failedStep: step.name, output: '(stopped)' };
    const result = await run(step.command, step.args, { cwd, allowFailure: true, timeoutMs: 600_000, signal });
    if (result.code !== 0) return { ok: false, failedStep: step.name, output: `${result.stdout}\n${result.stderr}` };
  }
  return { ok: true, ms: performance.now() - started };
}
