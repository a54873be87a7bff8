/**
 * Makes sure the tests read a site built from the current sources: `pnpm test` runs after
 * `pnpm build` (turbo), but a direct `vitest run` after an edit would otherwise test a stale dist/.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildSite, DIST_DIR, PACKAGE_DIR } from '../src/build.js';
import { bundledSpecPath } from '../src/spec/load.js';

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

export default async function setup(): Promise<void> {
  const marker = join(DIST_DIR, 'reference.html');
  const sources = Math.max(
    newestMtime(join(PACKAGE_DIR, 'src')),
    newestMtime(join(PACKAGE_DIR, 'templates')),
    statSync(bundledSpecPath()).mtimeMs,
  );
  if (!existsSync(marker) || statSync(marker).mtimeMs < sources) await buildSite();
}
