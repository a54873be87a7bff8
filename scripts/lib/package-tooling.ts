/**
 * Shared development tooling of the published packages (never shipped): the "write generated/ or
 * check it is fresh" routine and the test suites every published package runs on itself (publint +
 * are-the-types-wrong, README examples compiled against the built package). Each package used to
 * carry its own copy of these; one copy keeps their behaviour and messages the same.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `tsx scripts/generate.ts [--check]`: writes the rendered files under `generated/`, or with
 * `--check` only compares and exits 1 naming the stale files (for CI). One line out, never a stack trace.
 */
export function runGenerate(opts: {
  render: () => Promise<Record<string, string>>;
  generatedDir: string;
  packageName: string;
}): void {
  const main = async (): Promise<number> => {
    const check = process.argv.includes('--check');
    const files = await opts.render();
    const stale: string[] = [];
    await mkdir(opts.generatedDir, { recursive: true });
    for (const [name, contents] of Object.entries(files)) {
      const file = path.join(opts.generatedDir, name);
      const current = await readFile(file, 'utf8').catch(() => undefined);
      if (current === contents) continue;
      stale.push(`generated/${name}`);
      if (!check) await writeFile(file, contents);
    }
    if (check && stale.length > 0) {
      console.error(
        `stale: ${stale.join(', ')} differ from the spec; run \`pnpm --filter ${opts.packageName} generate\` and commit the result`,
      );
      return 1;
    }
    console.log(stale.length === 0 ? `${opts.packageName}: generated/ is up to date` : `wrote ${stale.join(', ')}`);
    return 0;
  };
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    },
  );
}

/** publint (strict) and are-the-types-wrong on the package as npm would publish it. Needs `build` first. */
export function describePublishedPackage(packageDir: string): void {
  const bin = (name: string) => path.join(packageDir, 'node_modules', '.bin', name);
  const exec = async (command: string, args: string[]): Promise<{ code: number; output: string }> => {
    try {
      const { stdout, stderr } = await promisify(execFile)(command, args, {
        cwd: packageDir,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      });
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof e.code === 'number' ? e.code : 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
    }
  };
  describe('published package', () => {
    it('passes publint (strict)', async () => {
      const { code, output } = await exec(bin('publint'), ['--strict']);
      expect(output).not.toMatch(/warning|error|suggestion/i);
      expect(code, output).toBe(0);
    });

    it('passes are-the-types-wrong for every resolution mode', async () => {
      const { code, output } = await exec(bin('attw'), ['--pack', '.', '--format', 'table-flipped']);
      expect(code, output).toBe(0);
      expect(output).toMatch(/No problems found/);
    });
  });
}

/**
 * The README's ```ts examples, type-checked against the built package (resolved by the package's own
 * name and exports map, as a user's project would), so they cannot drift from the API.
 */
export async function describeReadmeExamples(opts: {
  packageDir: string;
  importName: string;
  minBlocks: number;
  title: string;
}): Promise<void> {
  const workDir = path.join(opts.packageDir, '.tmp', 'readme');
  const readme = await readFile(path.join(opts.packageDir, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1] as string);
  afterAll(() => rm(workDir, { recursive: true, force: true }));

  describe('README examples', () => {
    it(opts.title, () => {
      expect(blocks.length).toBeGreaterThanOrEqual(opts.minBlocks);
      for (const block of blocks) expect(block).toContain(`from '${opts.importName}'`);
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
          extends: '../../../../tsconfig.base.json',
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
