/**
 * The workspace as pnpm sees it, and throwaway copies of it. A copy shares the original's installed
 * node_modules (a link, read only in practice) but has its own sources and build output, so a
 * rehearsal can version, build and publish, or a test can edit the spec, without touching the tree
 * it runs from.
 */
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { run } from './run.js';

export interface WorkspacePackage {
  name: string;
  version: string;
  dir: string;
  private: boolean;
}

/** The folder holding pnpm-workspace.yaml, found upwards from `from`. */
export function findWorkspaceRoot(from: string = process.cwd()): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
  }
}

/** Every package of the workspace (the root excluded), as `pnpm ls -r` lists them. */
export async function listWorkspacePackages(root: string): Promise<WorkspacePackage[]> {
  const { stdout } = await run('pnpm', ['-r', 'ls', '--depth', '-1', '--json'], { cwd: root, timeoutMs: 60_000 });
  const listed = JSON.parse(stdout) as { name: string; version: string; path: string; private: boolean }[];
  return listed
    .filter((p) => p.path !== root)
    .map((p) => ({ name: p.name, version: p.version, dir: p.path, private: p.private === true }));
}

/** The packages a release publishes: every workspace package whose package.json is not private. */
export async function listPublicPackages(root: string): Promise<WorkspacePackage[]> {
  return (await listWorkspacePackages(root)).filter((p) => !p.private);
}

export const readJson = <T = Record<string, unknown>>(file: string): T => JSON.parse(readFileSync(file, 'utf8'));

export interface WorkspaceCopy {
  root: string;
  remove(): Promise<void>;
}

/**
 * Copies the workspace (sources and build output, not git history or caches) into a new temporary
 * folder; the root node_modules becomes a link to the original's, the packages' own node_modules
 * keep their relative links, which now point into the copy.
 */
export async function copyWorkspace(root: string, prefix = 'billing-workspace-'): Promise<WorkspaceCopy> {
  const dest = await mkdtemp(join(tmpdir(), prefix));
  const skipped = new Set(['.git', '.turbo', 'coverage', '.tmp', 'test-results']);
  await cp(root, dest, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => {
      const rel = relative(root, source);
      if (rel === 'node_modules') return false;
      return !rel.split(sep).some((part) => skipped.has(part));
    },
  });
  await symlink(join(root, 'node_modules'), join(dest, 'node_modules'));
  return {
    root: dest,
    remove: () =>
      // A process that was just stopped may still hold a file open or flush one last write.
      rm(dest, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }),
  };
}

/** Makes the copy a git repository with one commit, as a release job's checkout is. */
export async function commitAll(root: string, message: string): Promise<void> {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'rehearsal',
    GIT_AUTHOR_EMAIL: 'rehearsal@127.0.0.1',
    GIT_COMMITTER_NAME: 'rehearsal',
    GIT_COMMITTER_EMAIL: 'rehearsal@127.0.0.1',
  };
  await run('git', ['init', '-q', '-b', 'main'], { cwd: root, env });
  // The root node_modules of a copy is a link, which `node_modules/` in .gitignore does not match.
  await appendFile(join(root, '.git', 'info', 'exclude'), '/node_modules\n');
  await run('git', ['add', '-A'], { cwd: root, env });
  await run('git', ['commit', '-q', '--no-verify', '-m', message], { cwd: root, env });
}
