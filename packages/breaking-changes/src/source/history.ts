// The spec's released versions, read from git: every commit on the first-parent line where the
// `version` of the spec's package.json changed, and the checker's report between each release and
// the one before it, plus between the last release and the working tree (what is not released yet).
// Each version is bundled with `bundleAtRef`, the same extraction the gate uses for its base.

import { spawnSync } from 'node:child_process';
import type { OpenApiDocument } from '@billing-api/openapi-model';
import { type ChangeReport, reportBetween } from '../api.js';
import { bundleAtRef, bundleWorkingTree } from './at-ref.js';
import { git } from './git.js';

/** One released version: the first commit whose package.json carries it. */
export interface SpecRelease {
  version: string;
  commit: string;
  /** Committer date of that commit, `YYYY-MM-DD`. */
  date: string;
}

/** What changed in one release (or, last, in the working tree since the last release). */
export interface ReleaseChanges {
  /** The released version, or `Unreleased` for the working tree. */
  version: string;
  unreleased: boolean;
  /** The release commit; absent for the working tree. */
  commit?: string;
  date?: string;
  /** The version this one is compared with; absent for the first release. */
  previous?: string;
  /** The checker's findings against `previous`; absent for the first release. */
  report?: ChangeReport;
}

export type ReleaseHistory =
  | { available: true; releases: ReleaseChanges[] }
  | {
      available: false;
      /** One sentence: why git cannot tell the releases here (no git, not a repository, shallow clone, no release). */
      reason: string;
    };

export interface HistoryOptions {
  /** The spec package's manifest, relative to the repository root (default `spec/package.json`). */
  packageJson?: string;
  /** Root file of the split spec, relative to the repository root (default `spec/openapi.yaml`). */
  spec?: string;
}

const DEFAULT_PACKAGE_JSON = 'spec/package.json';
const DEFAULT_SPEC = 'spec/openapi.yaml';

function versionAt(repoRoot: string, commit: string, packageJson: string): string | undefined {
  const text = git(repoRoot, ['show', `${commit}:${packageJson}`], false, true);
  if (text === undefined) return undefined;
  try {
    const version = (JSON.parse(text) as { version?: unknown }).version;
    return typeof version === 'string' && version.trim() !== '' ? version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The released versions of the spec, oldest first: each commit (following first parents from HEAD,
 * so a release merged from a branch counts when it landed) where the manifest's `version` differs
 * from the one before. `repoRoot` is the repository's top-level folder.
 */
export function specReleases(repoRoot: string, packageJson = DEFAULT_PACKAGE_JSON): SpecRelease[] {
  const log = git(repoRoot, ['log', '--first-parent', '--reverse', '--format=%H %cI', '--', packageJson], false, true);
  const releases: SpecRelease[] = [];
  for (const line of (log ?? '').split('\n')) {
    const [commit, when] = line.split(' ');
    if (!commit || !when) continue;
    const version = versionAt(repoRoot, commit, packageJson);
    if (version === undefined || version === releases.at(-1)?.version) continue;
    releases.push({ version, commit, date: when.slice(0, 10) });
  }
  return releases;
}

/** Why this folder's git history cannot list releases, or undefined when it can. */
function unavailableReason(cwd: string): string | undefined {
  const top = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd });
  if (top.error) return 'git is not installed';
  if (top.status !== 0) return `${cwd} is not inside a git repository`;
  const shallow = spawnSync('git', ['rev-parse', '--is-shallow-repository'], { cwd });
  if (shallow.stdout.toString().trim() === 'true') return 'this is a shallow clone, which lacks the older commits';
  return undefined;
}

async function bundleRelease(repoRoot: string, commit: string, spec: string): Promise<OpenApiDocument | undefined> {
  const bundled = await bundleAtRef(repoRoot, commit, spec);
  if (!bundled) return undefined;
  bundled.cleanup();
  return bundled.doc;
}

/**
 * Every release of the spec in `cwd`'s repository with the checker's report against the release
 * before, oldest first, then `Unreleased` (the working tree against the last release). Releases
 * whose commit has no spec file yet are left out. When git cannot tell (not installed, not a
 * repository, a shallow clone, no committed version) the answer says why instead of throwing; a
 * version that cannot be bundled throws `InputError` naming the file and line.
 */
export async function releaseHistory(cwd: string, options: HistoryOptions = {}): Promise<ReleaseHistory> {
  const packageJson = options.packageJson ?? DEFAULT_PACKAGE_JSON;
  const spec = options.spec ?? DEFAULT_SPEC;
  const reason = unavailableReason(cwd);
  if (reason) return { available: false, reason };
  const repoRoot = git(cwd, ['rev-parse', '--show-toplevel']);
  const releases = specReleases(repoRoot, packageJson);
  if (releases.length === 0) return { available: false, reason: `no commit has a version in ${packageJson}` };

  const changes: ReleaseChanges[] = [];
  let before: { version: string; doc: OpenApiDocument } | undefined;
  for (const release of releases) {
    const doc = await bundleRelease(repoRoot, release.commit, spec);
    if (!doc) continue;
    changes.push({
      version: release.version,
      unreleased: false,
      commit: release.commit,
      date: release.date,
      ...(before && {
        previous: before.version,
        report: reportBetween(before.doc, doc, { baseLabel: before.version, headLabel: release.version }),
      }),
    });
    before = { version: release.version, doc };
  }
  if (!before) return { available: false, reason: `no release commit has ${spec}` };
  const head = await bundleWorkingTree(repoRoot, spec);
  changes.push({
    version: 'Unreleased',
    unreleased: true,
    previous: before.version,
    report: reportBetween(before.doc, head.doc, { baseLabel: before.version, headLabel: 'working tree' }),
  });
  return { available: true, releases: changes };
}
