// One conformance run, as the CLI does it: check the spec statically, then check the server live
// (a fresh local sandbox when no base URL is given), and return both for the reporters.
import { checkSpec } from './static/index.js';
import { runLive, type LiveOptions } from './live/runner.js';
import { bundledValidator } from './validators.js';
import { startLocalSandbox } from './local-sandbox.js';
import type { RunReport } from './report/model.js';

export type RunOptions = Omit<LiveOptions, 'baseUrl'> & { baseUrl?: string };

export async function runConformance(options: RunOptions = {}): Promise<RunReport> {
  const validator = options.validator ?? bundledValidator();
  const staticReport = checkSpec(validator.document, validator);
  const local = options.baseUrl ? undefined : await startLocalSandbox();
  try {
    const live = await runLive({ ...options, validator, baseUrl: options.baseUrl ?? local!.url });
    return { static: staticReport, live };
  } finally {
    await local?.close();
  }
}
