/**
 * The quick start's first command, where it can be run without changing the machine: its check of
 * Node, pnpm and the system packages (`--check`), in a shell whose PATH has node and pnpm only.
 */
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '@billing-api/release-rehearsal/run';
import { afterAll, beforeAll, expect, test } from 'vitest';

const bootstrap = fileURLToPath(new URL('../bootstrap.mjs', import.meta.url));
let bin: string;

beforeAll(async () => {
  bin = await mkdtemp(join(tmpdir(), 'billing-bootstrap-path-'));
  const pnpm = (await run('bash', ['-c', 'command -v pnpm'], { cwd: tmpdir() })).stdout.trim();
  await symlink(process.execPath, join(bin, 'node'));
  await symlink(pnpm, join(bin, 'pnpm'));
});
afterAll(async () => {
  await rm(bin, { recursive: true, force: true });
});

const check = (path: string, env: NodeJS.ProcessEnv = {}) =>
  run(process.execPath, [bootstrap, '--check'], {
    cwd: dirname(bootstrap),
    env: { HOME: process.env.HOME, PATH: path, ...env },
    allowFailure: true,
  });

test('a missing system package is one line naming it, why it is needed and the command that adds it', async () => {
  const result = await check(bin);
  expect(result.code).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^bootstrap: missing system packages: .*curl \(the docs' cURL samples\)/);
  expect(lines[0]).toMatch(/sudo apt-get install -y --no-install-recommends [a-z ]*curl/);
});

test('with everything there it says so and exits 0', async () => {
  const result = await check(process.env.PATH ?? '');
  expect(result.stderr).toBe('');
  expect(result.stdout).toMatch(/^bootstrap: Node v[\d.]+, pnpm [\d.]+ and chromium, curl, postgresql are ready$/m);
});

test('without pnpm on PATH the check says which version to get and how', async () => {
  const nodeOnly = await mkdtemp(join(tmpdir(), 'billing-bootstrap-node-'));
  try {
    await symlink(process.execPath, join(nodeOnly, 'node'));
    const result = await check(nodeOnly);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(
      /^bootstrap: pnpm [\d.]+ is not on PATH \(found none\); run `npm run bootstrap`$/,
    );
  } finally {
    await rm(nodeOnly, { recursive: true, force: true });
  }
});
