// Runs the package's own @redocly/cli (lint, respect) as a child process, offline: telemetry and
// update checks off. Returns the exit code and the output; never throws on a non-zero exit.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const WORKFLOWS_DIR = fileURLToPath(new URL('../../../../spec/workflows/', import.meta.url));
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
