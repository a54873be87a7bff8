// Test helpers: the split fixture, temp copies of split sources for file-level edits, and an
// independent line finder used to check the locator's answers.

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEST_DIR = path.dirname(fileURLToPath(import.meta.url));
export const PACKAGE_DIR = path.resolve(TEST_DIR, '..');
export const REPO_ROOT = path.resolve(PACKAGE_DIR, '..', '..');
export const FIXTURE_DIR = path.join(TEST_DIR, 'fixtures', 'base');
export const FIXTURE_ROOT = path.join(FIXTURE_DIR, 'openapi.yaml');
/** The bin as installed (needs `build`, which turbo runs before `test`). */
export const BIN = path.join(PACKAGE_DIR, 'bin', 'billing-breaking-changes.js');

const temps: string[] = [];

/** Copy a folder into a new temp folder; returns it (removed by removeTemps()). */
export function copyFolder(from: string, prefix = 'bc-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  cpSync(from, dir, { recursive: true });
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

/** Replace exactly one occurrence of `from` in the text. */
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
