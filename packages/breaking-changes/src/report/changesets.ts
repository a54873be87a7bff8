// Reads pending changesets (`.changeset/*.md` front matter) and the `fixed` groups of
// `.changeset/config.json`, so that a breaking change announced with a major bump passes the gate.
// We only need the front matter and one config field, so no dependency on @changesets/*.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { InputError, isObject } from '../model.js';

export const SPEC_PACKAGE = '@billing-api/openapi';
export const TYPES_PACKAGE = '@billing-api/types';

export interface Changeset {
  /** Path relative to the repo root, e.g. `.changeset/brave-cats.md`. */
  file: string;
  releases: Record<string, string>;
}

export function readChangesets(repoRoot: string): Changeset[] {
  const dir = path.join(repoRoot, '.changeset');
  if (!existsSync(dir)) return [];
  const out: Changeset[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith('.md') || name.toLowerCase() === 'readme.md') continue;
    const file = `.changeset/${name}`;
    const text = readFileSync(path.join(dir, name), 'utf8');
    const lines = text.split(/\r?\n/);
    if (lines[0]?.trim() !== '---') continue; // not a changeset
    const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
    if (end < 0) throw new InputError(`${file}:1: front matter is not closed with ---`);
    let fm: unknown;
    try {
      fm = parse(lines.slice(1, end).join('\n')) ?? {};
    } catch (e) {
      const line = (e as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line ?? 0;
      throw new InputError(`${file}:${line + 1}: invalid front matter: ${(e as Error).message.split('\n')[0]}`);
    }
    if (!isObject(fm)) throw new InputError(`${file}:2: front matter must map package names to bump types`);
    const releases: Record<string, string> = {};
    for (const [pkg, bump] of Object.entries(fm)) releases[pkg] = String(bump);
    out.push({ file, releases });
  }
  return out;
}

/** Packages that always move together with `pkg` (changesets' `fixed` groups), `pkg` included. */
export function fixedWith(repoRoot: string, pkg: string): string[] {
  const file = path.join(repoRoot, '.changeset', 'config.json');
  if (!existsSync(file)) return [pkg];
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`.changeset/config.json: invalid JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  const groups = isObject(config) && Array.isArray(config.fixed) ? config.fixed : [];
  const group = groups.find((g): g is string[] => Array.isArray(g) && g.includes(pkg));
  return group ? [...new Set([pkg, ...group])] : [pkg];
}

/** Changesets that give `pkg` (or a package fixed with it, which changesets bumps alike) a major bump. */
export function majorChangesets(changesets: Changeset[], packages: string[]): string[] {
  return changesets.filter((c) => packages.some((p) => c.releases[p] === 'major')).map((c) => c.file);
}
