/**
 * Runs tsc on each project of a consumer workspace and turns its diagnostics into findings that name
 * the consumer file of the base ref and its line. tsc's own output is the source of truth; we only
 * re-label the paths.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ConsumerWorkspace } from './workspace.js';

export interface BrokenUsage {
  origin: string;
  line: number;
  column: number;
  code: string;
  message: string;
}

const DIAGNOSTIC = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

export async function typecheckWorkspace(workspace: ConsumerWorkspace): Promise<BrokenUsage[]> {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const broken: BrokenUsage[] = [];
  for (const project of workspace.projects) {
    const output = await promisify(execFile)(process.execPath, [tsc, '-p', project, '--pretty', 'false'], {
      cwd: path.dirname(project),
      maxBuffer: 64 << 20,
    }).then(
      ({ stdout }) => stdout,
      (error: { stdout?: string; code?: number }) => {
        if (typeof error.stdout === 'string' && error.code === 2) return error.stdout;
        throw new Error(
          `tsc could not run on ${path.relative(workspace.dir, project)}: ${String((error as { message?: string }).message ?? error)}`,
        );
      },
    );
    for (const line of output.split('\n')) {
      const m = DIAGNOSTIC.exec(line.trim());
      if (!m) continue;
      const file = path.normalize(path.relative(workspace.dir, path.resolve(path.dirname(project), m[1] ?? '')));
      broken.push({
        origin: workspace.origins.get(file) ?? file,
        line: Number(m[2]),
        column: Number(m[3]),
        code: m[4] ?? '',
        message: m[5] ?? '',
      });
    }
  }
  return broken;
}
