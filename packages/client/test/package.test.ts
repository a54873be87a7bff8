// The package as npm would publish it: publint checks package.json against the files, and
// are-the-types-wrong packs it and checks that every resolution mode (node10, node16 CJS/ESM,
// bundler) finds types that match the JavaScript. Needs `build` first (turbo's test depends on it).
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describePublishedPackage } from '@billing-api/package-tooling';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describePublishedPackage(packageDir);

describe('both module formats run', () => {
  const stubbed = { baseUrl: 'https://billing.test', apiKey: 'k', fetch: async () => new Response('{"id":"inv_1"}') };

  it('ESM: import', async () => {
    const esm = (await import(path.join(packageDir, 'dist', 'index.js'))) as typeof import('../src/index.js');
    const billing = esm.createBillingClient(stubbed);
    await expect(billing.GET('/api/v2/billing/invoices/{id}', { params: { path: { id: 'inv_1' } } })).resolves.toEqual({
      id: 'inv_1',
    });
    expect(esm.parseDecimalToMinor('130.00')).toBe(13000);
  });

  it('CommonJS: require (as Jest would load it)', async () => {
    const cjs = createRequire(import.meta.url)(
      path.join(packageDir, 'dist', 'index.cjs'),
    ) as typeof import('../src/index.js');
    const billing = cjs.createBillingClient({
      ...stubbed,
      fetch: async () => new Response('<html/>', { status: 502 }),
      retry: false,
    });
    const error = await billing.GET('/api/v2/billing/cards').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(cjs.BillingApiError);
    expect(cjs.isBillingApiError(error)).toBe(true);
    expect(Object.keys(cjs).sort()).toEqual(
      Object.keys(await import(path.join(packageDir, 'dist', 'index.js'))).sort(),
    );
  });
});

describe('the ./money subpath', () => {
  it('imports and requires by its public name, with the same conversions as the main entry', async () => {
    const esm = (await import('@billing-api/client/money')) as typeof import('../src/money.js');
    const cjs = createRequire(import.meta.url)('@billing-api/client/money') as typeof import('../src/money.js');
    for (const money of [esm, cjs]) {
      expect(money.parseDecimalToMinor('130.05')).toBe(13005);
      expect(money.formatMinor(-5)).toBe('-0.05');
      expect(money.toMinorUnits(98.75)).toBe(9875);
      expect(money.fromMinorUnits(9875)).toBe(98.75);
    }
    expect(Object.keys(esm).sort()).toEqual(['formatMinor', 'fromMinorUnits', 'parseDecimalToMinor', 'toMinorUnits']);
  });

  it('is dependency-free: a bundle of it pulls in nothing but its own files', async () => {
    const out = await build({
      stdin: { contents: "export * from '@billing-api/client/money';", resolveDir: packageDir },
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'browser',
    });
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs.length).toBeGreaterThan(0);
    for (const input of inputs.filter((i) => i !== '<stdin>'))
      expect(path.resolve(packageDir, input).startsWith(path.join(packageDir, 'dist') + path.sep), input).toBe(true);
  });
});
