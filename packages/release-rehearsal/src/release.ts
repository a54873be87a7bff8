/**
 * The project's release flow, run for real in a copy of the workspace against the local registry:
 * a changeset for every public package, `pnpm release:version` (changeset version, spec version
 * sync, lockfile), then `pnpm release:publish` (build, `changeset publish`, which runs
 * `pnpm publish` per package and so turns `workspace:` and `catalog:` ranges into real ones).
 */
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { LocalRegistry } from './registry.js';
import { run } from './run.js';
import { commitAll, listPublicPackages, type WorkspacePackage } from './workspace.js';

export interface ReleasedPackage extends WorkspacePackage {
  /** Where it sits in the workspace, e.g. `packages/client`. */
  folder: string;
  /** The manifest the registry now serves for the released version. */
  published: Record<string, unknown>;
}

export interface ReleaseLog {
  version: string;
  release: string;
}

/** The environment every step runs in: the local registry only, no telemetry, no update checks. */
export function registryEnv(registry: LocalRegistry, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    npm_config_registry: registry.url,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
    REDOCLY_TELEMETRY: 'off',
    REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
    ...extra,
  };
}

export async function releaseToRegistry(
  copyRoot: string,
  registry: LocalRegistry,
  bump: 'patch' | 'minor' | 'major' = 'minor',
): Promise<{ packages: ReleasedPackage[]; log: ReleaseLog }> {
  const before = await listPublicPackages(copyRoot);
  await mkdir(join(copyRoot, '.changeset'), { recursive: true });
  await writeFile(
    join(copyRoot, '.changeset', 'release-rehearsal.md'),
    `---\n${before.map((p) => `'${p.name}': ${bump}`).join('\n')}\n---\n\nRelease rehearsal.\n`,
  );
  await appendFile(join(copyRoot, '.npmrc'), `\n${registry.npmrc}`);
  await commitAll(copyRoot, 'release rehearsal: pending changesets');

  const env = registryEnv(registry, { TURBO_CACHE_DIR: join(copyRoot, '.turbo', 'cache'), CI: 'true' });
  const version = await run('pnpm', ['run', 'release:version'], { cwd: copyRoot, env, timeoutMs: 300_000 });
  await commitAll(copyRoot, 'chore: version packages');
  const release = await run('pnpm', ['run', 'release:publish'], { cwd: copyRoot, env, timeoutMs: 900_000 });

  const after = await listPublicPackages(copyRoot);
  const packages = await Promise.all(
    after.map(async (p) => {
      const { versions } = await registry.packument(p.name).catch((error: Error) => {
        throw new Error(`${p.name} was not published: ${error.message}\n${release.stdout}\n${release.stderr}`);
      });
      const published = versions[p.version];
      if (!published)
        throw new Error(`${p.name}@${p.version} is not on the registry (it has ${Object.keys(versions)})`);
      return { ...p, folder: relative(copyRoot, p.dir), published };
    }),
  );
  return {
    packages,
    log: { version: version.stdout + version.stderr, release: release.stdout + release.stderr },
  };
}
