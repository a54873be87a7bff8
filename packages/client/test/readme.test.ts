// The README's ```ts examples are type-checked against the built package (dist/, resolved by the
// package's own name and exports map, as a user's project would), so they cannot drift from the API.
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workDir = path.join(packageDir, '.tmp', 'readme');
const readme = await readFile(path.join(packageDir, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1] as string);

afterAll(() => rm(workDir, { recursive: true, force: true }));

describe('README examples', () => {
  it('has the examples (client, raw, errors, pagination, PDFs and money)', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    for (const block of blocks) expect(block).toContain("from '@billing-api/client'");
  });

  it('type-check against the built package', async () => {
    await rm(workDir, { recursive: true, force: true });
    await mkdir(workDir, { recursive: true });
    const files = blocks.map((_, i) => `example-${i + 1}.ts`);
    await Promise.all(blocks.map((code, i) => writeFile(path.join(workDir, files[i] as string), `export {};\n${code}`)));
    await writeFile(
      path.join(workDir, 'tsconfig.json'),
      JSON.stringify({ extends: '../../../../tsconfig.base.json', compilerOptions: { noEmit: true, types: [], skipLibCheck: false }, files }),
    );
    const tsc = path.join(packageDir, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await promisify(execFile)(process.execPath, [tsc, '-p', workDir, '--pretty', 'false']).then(
      () => '',
      (e: { stdout?: string }) => e.stdout ?? String(e),
    );
    expect(result, 'tsc errors in README examples (file example-N is the N-th ```ts block)').toBe('');
  });
});
