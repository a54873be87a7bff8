// Tiny git wrapper: argument arrays only (no shell), errors become InputError,
// and the default base ref is chosen here so the CLI and tests agree on it.

import { spawnSync } from 'node:child_process';
import { InputError } from '../model.js';

export function git(cwd: string, args: string[], binary: true): Buffer;
export function git(cwd: string, args: string[], binary?: false): string;
export function git(cwd: string, args: string[], binary: false, optional: true): string | undefined;
export function git(cwd: string, args: string[], binary = false, optional = false): string | Buffer | undefined {
  const r = spawnSync('git', args, { cwd, maxBuffer: 1 << 30 });
  if (r.error) throw new InputError(`git not available: ${r.error.message}`);
  if (r.status !== 0) {
    if (optional) return undefined;
    const err = r.stderr.toString().trim().split('\n')[0] ?? '';
    throw new InputError(`git ${args.join(' ')} failed: ${err}`);
  }
  return binary ? r.stdout : r.stdout.toString().trim();
}

export function gitOk(cwd: string, args: string[]): boolean {
  return spawnSync('git', args, { cwd, stdio: 'ignore' }).status === 0;
}

export function repoRootOf(cwd: string): string {
  const r = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd });
  if (r.status !== 0) throw new InputError(`${cwd} is not inside a git repository`);
  return r.stdout.toString().trim();
}

function exists(cwd: string, ref: string): boolean {
  return gitOk(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
}

export interface BaseRef {
  /** What to hand to git. */
  ref: string;
  /** What to show people, e.g. `main (merge-base 87e7d353c8)`. */
  label: string;
}

/**
 * Default base: the fork point with origin/main (or origin/main itself in a
 * shallow clone), else the merge-base with main, else main, else HEAD.
 */
export function defaultBaseRef(cwd: string): BaseRef {
  for (const branch of ['origin/main', 'main']) {
    if (!exists(cwd, branch)) continue;
    const mb = git(cwd, ['merge-base', 'HEAD', branch], false, true);
    return mb ? { ref: mb, label: `${branch} (merge-base ${mb.slice(0, 10)})` } : { ref: branch, label: branch };
  }
  if (exists(cwd, 'HEAD')) return { ref: 'HEAD', label: 'HEAD' };
  throw new InputError('the repository has no commits yet; pass --base <ref>');
}
