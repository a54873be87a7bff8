import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { syncSpecVersion } from './sync-spec-version.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function fakeRepo(specVersion: string, pkgVersion: string): Promise<string> {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sync-version-'));
  await cp(path.join(repoRoot, 'spec', 'openapi.yaml'), path.join(dir, 'spec', 'openapi.yaml'));
  const spec = await readFile(path.join(dir, 'spec', 'openapi.yaml'), 'utf8');
  await writeFile(
    path.join(dir, 'spec', 'openapi.yaml'),
    spec.replace(/^ {2}version: .*$/m, `  version: ${specVersion}`),
  );
  await writeFile(
    path.join(dir, 'spec', 'package.json'),
    JSON.stringify({ name: '@billing-api/openapi', version: pkgVersion }),
  );
  return dir;
}

describe('spec info.version follows the @billing-api/openapi package version', () => {
  it('is in sync in this repository', async () => {
    expect((await syncSpecVersion(repoRoot, { check: true })).changed).toBe(false);
  });

  it('rewrites only the info.version line after a version bump', async () => {
    const root = await fakeRepo('2.0.0', '3.0.0');
    const before = await readFile(path.join(root, 'spec', 'openapi.yaml'), 'utf8');
    expect(await syncSpecVersion(root)).toEqual({ from: '2.0.0', to: '3.0.0', changed: true });
    const after = await readFile(path.join(root, 'spec', 'openapi.yaml'), 'utf8');
    expect(after).toContain('  version: 3.0.0');
    expect(after.split('\n').filter((line, i) => line !== before.split('\n')[i])).toEqual(['  version: 3.0.0']);
  });

  it('reports a mismatch without writing in check mode', async () => {
    const root = await fakeRepo('2.0.0', '2.1.0');
    expect(await syncSpecVersion(root, { check: true })).toEqual({ from: '2.0.0', to: '2.1.0', changed: true });
    expect(await readFile(path.join(root, 'spec', 'openapi.yaml'), 'utf8')).toContain('  version: 2.0.0');
  });
});
