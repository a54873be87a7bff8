/**
 * `pnpm dev` for the spec: rebuilds dist/ whenever a source file changes, printing problems as
 * file:line. Node's recursive fs.watch is enough here; a watcher dependency would add nothing.
 */
import { watch } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSpec } from './pipeline.js';
import { formatProblem } from './problems.js';

const specDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(specDir, '..');
const opts = {
  root: path.join(specDir, 'openapi.yaml'),
  configPath: path.join(repoRoot, 'redocly.yaml'),
  cwd: repoRoot,
};

let timer: NodeJS.Timeout | undefined;
let running = Promise.resolve();

function rebuild(): void {
  running = running.then(async () => {
    const started = performance.now();
    const result = await buildSpec(opts).catch((error: unknown) => ({ ok: false, problems: [], error }));
    if (result.ok) console.log(`[spec] rebuilt in ${Math.round(performance.now() - started)} ms`);
    else {
      for (const p of result.problems) console.error(formatProblem(p));
      if ('error' in result)
        console.error(`[spec] error: ${result.error instanceof Error ? result.error.message : String(result.error)}`);
      console.error('[spec] build failed; dist/ keeps the last good bundle');
    }
  });
}

for (const dir of ['paths', 'components']) {
  watch(path.join(specDir, dir), { recursive: true }, schedule);
}
watch(specDir, (_event, file) => {
  if (file && /\.(ya?ml|md)$/.test(file)) schedule();
});
watch(path.join(repoRoot, 'redocly.yaml'), schedule);

function schedule(): void {
  clearTimeout(timer);
  timer = setTimeout(rebuild, 150);
}
console.log('[spec] watching spec/ for changes');
rebuild();
