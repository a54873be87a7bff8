// The package as npm would publish it: publint checks package.json against the files, and
// are-the-types-wrong packs it and checks that every resolution mode (node10, node16 CJS/ESM,
// bundler) finds types that match the JavaScript. Needs `build` first (turbo's test depends on it).
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
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

describe('both module formats run', () => {
  const stubbed = { baseUrl: 'https://billing.test', apiKey: 'k', fetch: async () => new Response('{"id":"inv_1"}') };

  it('ESM: import', async () => {
    const esm = (await import(path.join(packageDir, 'dist', 'index.js'))) as typeof import('../src/index.js');
    const billing = esm.createBillingClient(stubbed);
    await expect(billing.GET('/api/v2/billing/invoices/{id}', { params: { path: { id: 'inv_1' } } })).resolves.toEqual({ id: 'inv_1' });
    expect(esm.parseDecimalToMinor('130.00')).toBe(13000);
  });

  it('CommonJS: require (as Jest would load it)', async () => {
    const cjs = createRequire(import.meta.url)(path.join(packageDir, 'dist', 'index.cjs')) as typeof import('../src/index.js');
    const billing = cjs.createBillingClient({ ...stubbed, fetch: async () => new Response('<html/>', { status: 502 }), retry: false });
    const error = await billing.GET('/api/v2/billing/cards').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(cjs.BillingApiError);
    expect(cjs.isBillingApiError(error)).toBe(true);
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(await import(path.join(packageDir, 'dist', 'index.js'))).sort());
  });
});
