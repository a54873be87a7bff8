// The generate routine as packages use it: --check names the stale files and writes nothing, a plain
// run writes them, and a failing render is one `error:` line with exit 2, never a stack trace.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeOrCheck } from '../src/index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'package-tooling-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('writeOrCheck', () => {
  it('reports and writes only the files that differ', async () => {
    const generated = path.join(dir, 'generated');
    expect(await writeOrCheck({ 'a.ts': 'A', 'b.ts': 'B' }, generated, false)).toEqual([
      'generated/a.ts',
      'generated/b.ts',
    ]);
    expect(await writeOrCheck({ 'a.ts': 'A', 'b.ts': 'B2' }, generated, true)).toEqual(['generated/b.ts']);
    expect(await readFile(path.join(generated, 'b.ts'), 'utf8')).toBe('B');
    expect(await writeOrCheck({ 'a.ts': 'A', 'b.ts': 'B' }, generated, true)).toEqual([]);
  });
});

describe('runGenerate (the CLI)', () => {
  const tsx = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.bin', 'tsx');
  const entry = fileURLToPath(new URL('../src/generate.ts', import.meta.url));
  const run = async (render: string, ...args: string[]) => {
    const script = path.join(dir, 'generate.mts');
    await writeFile(
      script,
      `import { runGenerate } from ${JSON.stringify(entry)};
       runGenerate({ render: async () => ${render}, generatedDir: ${JSON.stringify(path.join(dir, 'generated'))}, packageName: '@x/pkg' });`,
    );
    return promisify(execFile)(tsx, [script, ...args]).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  };

  it('--check exits 1 naming the stale file and the command; a plain run writes; then it is fresh', async () => {
    const stale = await run(`({ 'ops.ts': 'x' })`, '--check');
    expect(stale).toMatchObject({ code: 1, stdout: '' });
    expect(stale.stderr.trim()).toBe(
      'stale: generated/ops.ts differ from the spec; run `pnpm --filter @x/pkg generate` and commit the result',
    );
    expect(await run(`({ 'ops.ts': 'x' })`)).toMatchObject({ code: 0, stdout: 'wrote generated/ops.ts\n' });
    expect(await run(`({ 'ops.ts': 'x' })`, '--check')).toMatchObject({
      code: 0,
      stdout: '@x/pkg: generated/ is up to date\n',
    });
  });

  it('a render that throws is one line and exit 2', async () => {
    const failed = await run(`{ throw new Error('spec has no paths'); }`);
    expect(failed).toMatchObject({ code: 2, stderr: 'error: spec has no paths\n' });
  });
});
