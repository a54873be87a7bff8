/**
 * The suite every published package runs on itself: publint (strict) and are-the-types-wrong on the
 * package as npm would publish it. Needs the package's `build` first.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

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
