/**
 * `tsx scripts/generate.ts [--check]`: writes `generated/operations.ts` (the auth and idempotency table) from the bundled spec, or with `--check`
 * only compares and exits 1 naming the stale files (for CI). Prints one line, never a stack trace.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { render } from './render.js';

const generatedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'generated');

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const files = await render();
  const stale: string[] = [];
  await mkdir(generatedDir, { recursive: true });
  for (const [name, contents] of Object.entries(files)) {
    const file = path.join(generatedDir, name);
    const current = await readFile(file, 'utf8').catch(() => undefined);
    if (current === contents) continue;
    stale.push(`generated/${name}`);
    if (!check) await writeFile(file, contents);
  }
  if (check && stale.length > 0) {
    console.error(`stale: ${stale.join(', ')} differ from the spec; run \`pnpm --filter @billing-api/client generate\` and commit the result`);
    return 1;
  }
  console.log(stale.length === 0 ? 'generated/ is up to date' : `wrote ${stale.join(', ')}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
