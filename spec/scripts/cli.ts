/**
 * `tsx scripts/cli.ts lint|build [--root openapi.yaml] [--config ../redocly.yaml] [--out dist] [--summary]`
 * Prints one `file:line:col  severity  rule  message` line per problem and exits 1 when there is
 * any; never a stack trace (exit 2 with a one-line message for an unexpected failure).
 * `lint --summary` prints how many problems each rule reports instead: the measurement behind the
 * before/after figures in the README (lint an older checkout with `--root`).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSpec, lintSpec } from './pipeline.js';
import { formatProblem, summarize } from './problems.js';

const specDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(specDir, '..');

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      root: { type: 'string', default: path.join(specDir, 'openapi.yaml') },
      config: { type: 'string', default: path.join(repoRoot, 'redocly.yaml') },
      out: { type: 'string', default: path.join(specDir, 'dist') },
      summary: { type: 'boolean', default: false },
    },
  });
  const command = positionals[0];
  const opts = {
    root: path.resolve(values.root),
    configPath: path.resolve(values.config),
    outDir: path.resolve(values.out),
    cwd: repoRoot,
  };
  if (command === 'lint') {
    const problems = await lintSpec(opts);
    if (values.summary) for (const line of summarize(problems)) console.log(line);
    else for (const p of problems) console.error(formatProblem(p));
    console.log(`${path.relative(repoRoot, opts.root)}: ${problems.length} problem(s)`);
    return problems.length > 0 ? 1 : 0;
  }
  if (command === 'build') {
    const result = await buildSpec(opts);
    for (const p of result.problems) console.error(formatProblem(p));
    if (!result.ok) {
      console.error(
        `build failed: ${result.problems.length} problem(s); nothing was written to ${path.relative(repoRoot, opts.outDir)}`,
      );
      return 1;
    }
    console.log(
      `bundled ${path.relative(repoRoot, opts.root)} -> ${result.files.map((f) => path.relative(repoRoot, f)).join(', ')}`,
    );
    return 0;
  }
  console.error('usage: cli.ts lint|build [--root FILE] [--config FILE] [--out DIR]');
  return 2;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
