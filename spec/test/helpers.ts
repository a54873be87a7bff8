/** Copies the real split spec into a temporary folder so a test can break it without touching the repo. */
import { cp, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const specDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(specDir, '..');
export const configPath = path.join(repoRoot, 'redocly.yaml');

export async function copySpec(overlayDir?: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'billing-spec-'));
  for (const entry of ['openapi.yaml', 'info-description.md', 'paths', 'components']) {
    await cp(path.join(specDir, entry), path.join(dir, entry), { recursive: true });
  }
  if (overlayDir) await cp(overlayDir, dir, { recursive: true, filter: (src) => !src.endsWith('expected.json') });
  return dir;
}
