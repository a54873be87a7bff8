// Runs the package's own @redocly/cli (lint, respect) as a child process, offline: telemetry and
// update checks off. Returns the exit code and the output; never throws on a non-zero exit. The
// workflows and their lint config come from @billing-api/openapi's `./workflows/*` export.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
/** The spec package's lint config for its workflows; its folder holds the workflows. */
export const WORKFLOWS_LINT_CONFIG = createRequire(import.meta.url).resolve(
  '@billing-api/openapi/workflows/redocly.yaml',
);
export const WORKFLOWS_DIR = dirname(WORKFLOWS_LINT_CONFIG);
const REDOCLY = fileURLToPath(new URL('../../node_modules/.bin/redocly', import.meta.url));

export interface Ran {
  code: number;
  output: string;
}

export function redocly(args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      REDOCLY,
      args,
      {
        cwd: PACKAGE_DIR,
        env: {
          ...process.env,
          REDOCLY_TELEMETRY: 'off',
          REDOCLY_SDK_TELEMETRY: 'off',
          DO_NOT_TRACK: '1',
          REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
          NO_COLOR: '1',
          CI: 'true',
        },
        maxBuffer: 32 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: `${stdout}\n${stderr}` }),
    );
  });
}
