// The package as npm would publish it: publint checks package.json against the files, and
// are-the-types-wrong packs it and checks that every resolution mode (node10, node16 CJS/ESM,
// bundler) finds types that match the JavaScript. Needs `build` first (turbo's test depends on it).
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => path.join(packageDir, 'node_modules', '.bin', name);

async function exec(command: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: packageDir, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

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
