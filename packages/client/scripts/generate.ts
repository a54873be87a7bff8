/**
 * `tsx scripts/generate.ts [--check]`: writes generated/ from the bundled spec (see render.ts), or with
 * `--check` exits 1 naming the stale files. The write/check routine is shared with the other packages.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runGenerate } from '@billing-api/package-tooling/generate';
import { render } from './render.js';

runGenerate({
  render,
  generatedDir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'generated'),
  packageName: '@billing-api/client',
});
