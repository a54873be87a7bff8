// The two sides of a check: the split spec in the working tree, and the same spec as it was at a
// git ref. A ref is extracted with `git archive` into a temp folder: the working tree and the index
// are never touched, and the temp folder doubles as the source the locator reads base-side line
// numbers from.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OpenApiDocument } from '@billing-api/openapi-model';
import { InputError } from '../model.js';
import { bundleFile, rel } from './bundle.js';
import { git, gitOk } from './git.js';

export interface BundledSpec {
  doc: OpenApiDocument;
  /** Absolute path of the root file that was bundled (inside `root`). */
  rootFile: string;
  /** Folder that plays the repository root: the repo itself, or the temp extraction. */
  root: string;
  /** Human prefix for messages: '' for the working tree, '<ref>:' for a ref. */
  label: string;
  cleanup(): void;
}

/** Bundle the spec in the working tree. */
export async function bundleWorkingTree(repoRoot: string, specPath: string): Promise<BundledSpec> {
  const rootFile = path.resolve(repoRoot, specPath);
  const doc = await bundleFile(rootFile, { root: repoRoot });
  return { doc, rootFile, root: repoRoot, label: '', cleanup: () => {} };
}

/**
 * Bundle the spec as it was at `ref`. Returns null when the ref has no file at
 * `specPath` (a brand-new spec has nothing to break). The caller must call
 * cleanup() to remove the temp folder.
 */
export async function bundleAtRef(repoRoot: string, ref: string, specPath: string): Promise<BundledSpec | null> {
  if (!gitOk(repoRoot, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])) {
    throw new InputError(`unknown git ref "${ref}"`);
  }
  const specRel = rel(repoRoot, path.resolve(repoRoot, specPath));
  if (!gitOk(repoRoot, ['cat-file', '-e', `${ref}:${specRel}`])) return null;
  const specDir = path.posix.dirname(specRel);
  const tmp = mkdtempSync(path.join(tmpdir(), 'breaking-changes-'));
  const cleanup = (): void => rmSync(tmp, { recursive: true, force: true });
  try {
    const tar = git(repoRoot, ['archive', '--format=tar', ref, '--', specDir === '' ? '.' : specDir], true);
    const x = spawnSync('tar', ['-x', '-C', tmp], { input: tar, maxBuffer: 1 << 30 });
    if (x.status !== 0) throw new InputError(`could not extract ${specDir} at ${ref}: ${x.stderr.toString().trim()}`);
    const configAtRef = git(repoRoot, ['show', `${ref}:redocly.yaml`], false, true);
    if (configAtRef !== undefined) writeFileSync(path.join(tmp, 'redocly.yaml'), configAtRef);
    const rootFile = path.join(tmp, specRel);
    const label = `${/^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 10) : ref}:`;
    const doc = await bundleFile(rootFile, { root: tmp, label });
    return { doc, rootFile, root: tmp, label, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}
