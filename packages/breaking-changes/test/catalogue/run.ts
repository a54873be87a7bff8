// Runs catalogue cases: copies the spec's split source into two temp folders, applies the edits,
// bundles both with the checker's own bundler, compares them and locates every finding in the head
// copy (base copy for what was deleted). Used by the catalogue tests and by the recall report.

import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OpenApiDocument } from '@billing-api/openapi-model';
import { compareDocuments } from '../../src/compare/document.js';
import type { Finding } from '../../src/model.js';
import { locateFindings } from '../../src/run.js';
import { bundleFile } from '../../src/source/bundle.js';
import { SourceLocator } from '../../src/source/locate.js';
import type { Case, Edit, Expected } from './model.js';

/** The split source of the spec package, found through the package name. */
export const SPEC_DIR = path.dirname(createRequire(import.meta.url).resolve('@billing-api/openapi/package.json'));
const SOURCE = ['openapi.yaml', 'info-description.md', 'paths', 'components'];

function copySpec(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'bc-catalogue-'));
  for (const entry of SOURCE) cpSync(path.join(SPEC_DIR, entry), path.join(dir, entry), { recursive: true });
  return dir;
}

function apply(dir: string, edits: Edit[] = []): void {
  for (const e of edits) {
    const file = path.join(dir, e.file);
    if ('remove' in e) {
      rmSync(file);
      continue;
    }
    const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
    let after: string;
    if ('append' in e) after = before + e.append;
    else if ('replaceAll' in e) after = before.split(e.find).join(e.replaceAll);
    else {
      const i = before.indexOf(e.find);
      if (i < 0 || before.indexOf(e.find, i + 1) >= 0)
        throw new Error(`${e.file}: expected exactly one ${JSON.stringify(e.find)}`);
      after = before.slice(0, i) + e.replace + before.slice(i + e.find.length);
    }
    if (after === before) throw new Error(`edit of ${e.file} changed nothing`);
    writeFileSync(file, after);
  }
}

function lineIn(dir: string, x: Expected): number {
  const file = path.join(dir, x.file);
  if (!existsSync(file)) throw new Error(`${x.file} does not exist`);
  const lines = readFileSync(file, 'utf8').split('\n');
  const from = x.after === undefined ? 0 : lines.findIndex((l) => l.includes(x.after!));
  if (from < 0) throw new Error(`${x.file}: no line contains ${JSON.stringify(x.after)}`);
  const i = lines.findIndex((l, k) => k >= from && l.includes(x.line));
  if (i < 0)
    throw new Error(
      `${x.file}: no line contains ${JSON.stringify(x.line)}${x.after ? ` after ${JSON.stringify(x.after)}` : ''}`,
    );
  return i + 1;
}

export interface Outcome {
  findings: Finding[];
  /** `rule severity types file:line`, sorted and deduplicated. */
  actual: string[];
  expected: string[];
}

const key = (rule: string, severity: string, types: string, where: string): string =>
  `${rule} ${severity} ${types} ${where}`;

let pristine: { dir: string; doc: Promise<OpenApiDocument> } | undefined;
const temps: string[] = [];

export async function runCase(c: Case): Promise<Outcome> {
  let baseDir: string;
  let baseDoc: OpenApiDocument;
  if (c.base?.length) {
    baseDir = copySpec();
    temps.push(baseDir);
    apply(baseDir, c.base);
    baseDoc = await bundleFile(path.join(baseDir, 'openapi.yaml'));
  } else {
    if (!pristine) {
      const dir = copySpec();
      temps.push(dir);
      pristine = { dir, doc: bundleFile(path.join(dir, 'openapi.yaml')) };
    }
    baseDir = pristine.dir;
    baseDoc = structuredClone(await pristine.doc);
  }
  const headDir = copySpec();
  temps.push(headDir);
  apply(headDir, c.base);
  apply(headDir, c.head);
  const headDoc = await bundleFile(path.join(headDir, 'openapi.yaml'));
  const findings = compareDocuments(baseDoc, headDoc);
  locateFindings(
    findings,
    new SourceLocator(path.join(headDir, 'openapi.yaml'), headDir),
    new SourceLocator(path.join(baseDir, 'openapi.yaml'), baseDir),
  );
  const actual = [
    ...new Set(
      findings.map((f) =>
        key(f.ruleId, f.severity, f.types, f.location ? `${f.location.file}:${f.location.line}` : `#${f.pointer}`),
      ),
    ),
  ].sort();
  const expected = [
    ...new Set(
      c.expect.map((x) => key(x.rule, x.severity, x.types, `${x.file}:${lineIn(x.inBase ? baseDir : headDir, x)}`)),
    ),
  ].sort();
  return { findings, actual, expected };
}

export function cleanup(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
  pristine = undefined;
}

/** Spec files (relative to the spec folder) whose text contains `needle`: for edits that follow a rename everywhere. */
export function filesContaining(needle: string, dir = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(SPEC_DIR, dir || '.'), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (['paths', 'components'].includes(rel.split('/')[0]!)) out.push(...filesContaining(needle, rel));
    } else if (
      /\.ya?ml$/.test(entry.name) &&
      (rel === 'openapi.yaml' || rel.includes('/')) &&
      readFileSync(path.join(SPEC_DIR, rel), 'utf8').includes(needle)
    )
      out.push(rel);
  }
  return out.sort();
}
