/**
 * The README's ```ts examples, type-checked against the built package (resolved by the package's own
 * name and exports map, as a user's project would), so they cannot drift from the API.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

export interface ReadmeExamplesOptions {
  packageDir: string;
  /** Every block must import from this name (the package's own). */
  importName: string;
  minBlocks: number;
  title: string;
}

/** The bodies of the ```ts fenced blocks of a Markdown text, in order. */
export function tsBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1] as string);
}

/** The nearest `tsconfig.base.json` at or above `dir` (the repository's shared compiler options). */
function baseConfig(dir: string): string {
  for (let at = dir; ; at = path.dirname(at)) {
    const candidate = path.join(at, 'tsconfig.base.json');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(at) === at) throw new Error(`no tsconfig.base.json at or above ${dir}`);
  }
}

export async function describeReadmeExamples(opts: ReadmeExamplesOptions): Promise<void> {
  const workDir = path.join(opts.packageDir, '.tmp', 'readme');
  const blocks = tsBlocks(await readFile(path.join(opts.packageDir, 'README.md'), 'utf8'));
  afterAll(() => rm(workDir, { recursive: true, force: true }));

  describe('README examples', () => {
    it(opts.title, () => {
      expect(blocks.length).toBeGreaterThanOrEqual(opts.minBlocks);
      for (const block of blocks) expect(block).toContain(`from '${opts.importName}`);
    });

    it('type-check against the built package', async () => {
      await rm(workDir, { recursive: true, force: true });
      await mkdir(workDir, { recursive: true });
      const files = blocks.map((_, i) => `example-${i + 1}.ts`);
      await Promise.all(
        blocks.map((code, i) => writeFile(path.join(workDir, files[i] as string), `export {};\n${code}`)),
      );
      await writeFile(
        path.join(workDir, 'tsconfig.json'),
        JSON.stringify({
          extends: path.relative(workDir, baseConfig(opts.packageDir)),
          compilerOptions: { noEmit: true, types: [], skipLibCheck: false },
          files,
        }),
      );
      const tsc = path.join(opts.packageDir, 'node_modules', 'typescript', 'bin', 'tsc');
      const result = await promisify(execFile)(process.execPath, [tsc, '-p', workDir, '--pretty', 'false']).then(
        () => '',
        (e: { stdout?: string }) => e.stdout ?? String(e),
      );
      expect(result, 'tsc errors in README examples (file example-N is the N-th ```ts block)').toBe('');
    });
  });
}
