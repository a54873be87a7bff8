// One conformance run, as the CLI does it: check the spec statically, then check the server live
// (a fresh local sandbox when no base URL is given), and return both for the reporters.

import { type LiveOptions, runLive } from './live/runner.js';
import { startLocalSandbox } from './local-sandbox.js';
import type { RunReport } from './report/model.js';
import { checkSpec } from './static/index.js';
import { bundledValidator } from './validators.js';

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
