/**
 * The registry has no uplink, so the open-source packages our packages depend on are published to
 * it too: every package reachable from the given folders through `dependencies`, required
 * `peerDependencies` and installed `optionalDependencies`, packed from the copy pnpm installed (the
 * same files the public registry served it) at the version the lockfile chose.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { LocalRegistry } from './registry.js';
import { run } from './run.js';

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [key: string]: unknown;
}

export interface InstalledPackage {
  name: string;
  version: string;
  dir: string;
  manifest: Manifest;
}

const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/** Where Node would find `name` from `fromDir`: the nearest `node_modules/<name>` up the tree. */
function locate(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Every third-party package the folders need at run time, once per name@version. `extra` adds
 * tools a consumer installs itself (TypeScript, Node's types), resolved from `extraFrom`.
 */
export function thirdPartyClosure(
  packageDirs: readonly string[],
  workspaceNames: ReadonlySet<string>,
  extra: { names: readonly string[]; from: string } = { names: [], from: process.cwd() },
): InstalledPackage[] {
  const found = new Map<string, InstalledPackage>();
  const missing: string[] = [];
  const visit = (dir: string) => {
    const manifest = readManifest(dir);
    const optional = new Set(Object.keys(manifest.optionalDependencies ?? {}));
    const wanted = [
      ...Object.keys(manifest.dependencies ?? {}),
      ...optional,
      ...Object.keys(manifest.peerDependencies ?? {}).filter((p) => !manifest.peerDependenciesMeta?.[p]?.optional),
    ];
    for (const name of new Set(wanted)) {
      if (workspaceNames.has(name)) continue;
      const at = locate(name, dir);
      if (!at) {
        if (!optional.has(name)) missing.push(`${name} (needed by ${manifest.name})`);
        continue;
      }
      add(at);
    }
  };
  const add = (dir: string) => {
    const manifest = readManifest(dir);
    const key = `${manifest.name}@${manifest.version}`;
    if (found.has(key)) return;
    found.set(key, { name: manifest.name, version: manifest.version, dir, manifest });
    visit(dir);
  };
  for (const dir of packageDirs) visit(dir);
  for (const name of extra.names) {
    const at = locate(name, extra.from);
    if (at) add(at);
    else missing.push(`${name} (a consumer's tool)`);
  }
  if (missing.length)
    throw new Error(`not installed in the workspace, so not publishable locally: ${missing.join(', ')}`);
  return [...found.values()];
}

/**
 * The files of the tarball the public registry served, as pnpm's store recorded them when it
 * unpacked it. The installed folder itself may hold more (what an install script built), and
 * `npm pack` on such folders is not reliable (it ends with "Exit handler never called").
 */
async function originalFiles(storeDir: string, pkg: InstalledPackage, index: Map<string, string>): Promise<string[]> {
  const entry = index.get(`${pkg.name.replace('/', '+')}@${pkg.version}`);
  if (!entry) throw new Error(`pnpm's store (${storeDir}) has no record of ${pkg.name}@${pkg.version}`);
  const record = JSON.parse(await readFile(entry, 'utf8')) as { name?: string; files: Record<string, unknown> };
  return Object.keys(record.files);
}

async function storeIndex(storeDir: string): Promise<Map<string, string>> {
  const byPackage = new Map<string, string>();
  const indexDir = join(storeDir, 'index');
  for (const bucket of await readdir(indexDir)) {
    for (const file of await readdir(join(indexDir, bucket))) {
      const dash = file.indexOf('-');
      if (dash < 0 || !file.endsWith('.json')) continue;
      byPackage.set(file.slice(dash + 1, -'.json'.length), join(indexDir, bucket, file));
    }
  }
  return byPackage;
}

/** Tars each package's original files (`package/...`, as npm does) and publishes it to the registry. */
export async function publishThirdParty(
  packages: readonly InstalledPackage[],
  registry: LocalRegistry,
  workDir: string,
  workspaceRoot: string,
): Promise<void> {
  const out = join(workDir, 'third-party');
  await mkdir(out, { recursive: true });
  const storeDir = (await run('pnpm', ['store', 'path'], { cwd: workspaceRoot, timeoutMs: 60_000 })).stdout.trim();
  const index = await storeIndex(storeDir);
  // Versions of one name go one after another: the registry rewrites one document per name.
  const byName = new Map<string, InstalledPackage[]>();
  for (const pkg of packages) byName.set(pkg.name, [...(byName.get(pkg.name) ?? []), pkg]);
  const queue = [...byName.values()];
  const worker = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      for (const pkg of group) {
        const files = await originalFiles(storeDir, pkg, index);
        const base = `${pkg.name.replace('/', '-')}-${pkg.version}`;
        await writeFile(join(out, `${base}.files`), `${files.join('\n')}\n`);
        const tgz = join(out, `${base}.tgz`);
        // pnpm hard-links identical files to one store entry; tar would record the second as a
        // link, which npm skips when it unpacks (seen: @pdf-lib/standard-fonts lost lib/*.json).
        await run(
          'tar',
          [
            '-czf',
            tgz,
            '--owner=0',
            '--group=0',
            '--numeric-owner',
            '--hard-dereference',
            '--transform',
            's,^,package/,',
            '-C',
            pkg.dir,
          ].concat(['-T', join(out, `${base}.files`)]),
          { cwd: out, timeoutMs: 120_000 },
        );
        const tarball = await readFile(tgz);
        const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
        const shasum = createHash('sha1').update(tarball).digest('hex');
        await registry.publishTarball({ ...pkg.manifest, dist: { integrity, shasum } }, tarball);
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}
