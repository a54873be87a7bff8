// Test helpers: the base fixture (bundled once), temp copies of the split
// source for file-level mutations, and an independent line finder used to
// check the locator's answers.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleFile } from '../src/bundle-at-ref.js';
import type { OpenAPIDoc } from '../src/types.js';

export const TEST_DIR = path.dirname(fileURLToPath(import.meta.url));
export const FIXTURE_DIR = path.join(TEST_DIR, 'fixtures', 'base');
export const FIXTURE_ROOT = path.join(FIXTURE_DIR, 'openapi.yaml');
export const SCRIPTS_DIR = path.resolve(TEST_DIR, '..', '..');
export const REPO_ROOT = path.resolve(SCRIPTS_DIR, '..');
export const CLI = path.resolve(TEST_DIR, '..', 'src', 'cli.ts');
export const TSX = path.join(SCRIPTS_DIR, 'node_modules', '.bin', 'tsx');

let base: Promise<OpenAPIDoc> | undefined;

/** The bundled base fixture (a fresh deep copy each call). */
export async function baseDoc(): Promise<OpenAPIDoc> {
  base ??= bundleFile(FIXTURE_ROOT);
  return structuredClone(await base);
}

const temps: string[] = [];

/** Copy the split fixture into a new temp folder; returns the folder (removed by removeTemps()). */
export function copyFixture(prefix = 'bc-fixture-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  cpSync(FIXTURE_DIR, dir, { recursive: true });
  temps.push(dir);
  return dir;
}

export function removeTemps(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Apply a text edit to a file under `dir`; fails loudly if the edit did nothing. */
export function editFile(dir: string, rel: string, edit: (text: string) => string): void {
  const file = path.join(dir, rel);
  const before = readFileSync(file, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`edit of ${rel} changed nothing`);
  writeFileSync(file, after);
}

/** Replace exactly one occurrence of `from` (a string) in the text. */
export function replaceOnce(from: string, to: string): (text: string) => string {
  return (text) => {
    const i = text.indexOf(from);
    if (i < 0 || text.indexOf(from, i + 1) >= 0) throw new Error(`expected exactly one ${JSON.stringify(from)}`);
    return text.slice(0, i) + to + text.slice(i + from.length);
  };
}

/** 1-based line of the first line matching `re` in dir/rel (optionally after a line matching `after`). */
export function lineOf(dir: string, rel: string, re: RegExp, after?: RegExp): number {
  const lines = readFileSync(path.join(dir, rel), 'utf8').split('\n');
  let from = 0;
  if (after) {
    from = lines.findIndex((l) => after.test(l));
    if (from < 0) throw new Error(`${rel}: no line matches ${after}`);
  }
  const i = lines.findIndex((l, k) => k >= from && re.test(l));
  if (i < 0) throw new Error(`${rel}: no line matches ${re}`);
  return i + 1;
}

// Pointers and operation labels of the fixture.
export const P_LIST = '#/paths/~1api~1v2~1billing~1invoices/get';
export const P_GET = '#/paths/~1api~1v2~1billing~1invoices~1{id}/get';
export const P_PAY = '#/paths/~1api~1v2~1billing~1invoices~1{id}~1actions~1pay/post';
export const S = '#/components/schemas';
export const PIR = `${S}/PayInvoiceRequest/properties`;
export const LIST = 'GET /api/v2/billing/invoices (listInvoices)';
export const GET = 'GET /api/v2/billing/invoices/{id} (getInvoice)';
export const PAY = 'POST /api/v2/billing/invoices/{id}/actions/pay (payInvoice)';
export const PATH_LIST = '/api/v2/billing/invoices';
export const PATH_ID = '/api/v2/billing/invoices/{id}';
export const PATH_PAY = '/api/v2/billing/invoices/{id}/actions/pay';
