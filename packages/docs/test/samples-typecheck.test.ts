/**
 * Every published TypeScript snippet (operation samples, error-handling snippets, the guide's) is
 * type-checked with tsc against the BUILT @billing-api/client (its dist/ .d.ts, resolved through the
 * workspace dependency), in one tsc run. Broken variants of real samples ride along and must fail,
 * which proves the check sees paths and bodies.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_DIR } from '../src/build.js';
import { publishedTypescript } from './support/samples.js';
import { model } from './support/site.js';

const require = createRequire(import.meta.url);
const dir = join(PACKAGE_DIR, '.tmp', `typecheck-${process.pid}`);
const samples = publishedTypescript();

// Broken on purpose, derived from real samples.
const applyCredit = model().samples.get('applyCreditToInvoice')!.typescript;
const getInvoice = model().samples.get('getInvoice')!.typescript;
const broken = new Map([
  ['broken-body-type', applyCredit.replace('body: { amount: 130 }', "body: { amount: '130' }")],
  ['broken-path', getInvoice.replace("'/api/v2/billing/invoices/{id}'", "'/api/v2/billing/invoice/{id}'")],
  ['broken-missing-param', getInvoice.replace(/, \{\n\s+params: \{ path: \{ id: '[^']+' \} \},\n\}\)/, ')')],
]);

let output = '';
let exitCode = 0;

beforeAll(async () => {
  for (const [name, source] of broken) expect(source, name).not.toBe(name.includes('body') ? applyCredit : getInvoice);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2023', 'DOM'],
        types: ['node'],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
      },
      include: ['*.ts'],
    }),
  );
  for (const [name, source] of [...samples, ...broken]) writeFileSync(join(dir, `${name}.ts`), source);
  const tsc = require.resolve('typescript/bin/tsc');
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', '.', '--pretty', 'false'], {
      cwd: dir,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const e = error as { stdout?: string; code?: number };
    output = e.stdout ?? String(error);
    exitCode = e.code ?? 1;
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('TypeScript samples against the built client', () => {
  it('resolve @billing-api/client to its built dist/', () => {
    const entry = require.resolve('@billing-api/client');
    expect(entry).toMatch(/client[\\/]dist[\\/]index\.c?js$/);
    expect(readFileSync(entry, 'utf8').length).toBeGreaterThan(0);
  });

  it(`type-check: all ${samples.size} published snippets compile`, () => {
    // Every diagnostic tsc printed belongs to a deliberately broken file.
    const diagnostics = output.split('\n').filter((line) => /error TS\d+/.test(line));
    expect(diagnostics.filter((line) => !line.startsWith('broken-'))).toEqual([]);
    expect(samples.size).toBeGreaterThanOrEqual(model().operations.length + model().errors.length);
  });

  it('and the broken variants do not', () => {
    expect(exitCode).not.toBe(0);
    for (const name of broken.keys())
      expect(output, name).toMatch(new RegExp(`^${name}\\.ts\\(\\d+,\\d+\\): error TS`, 'm'));
  });
});
