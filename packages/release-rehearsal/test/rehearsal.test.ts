/**
 * The release rehearsal: every public package of the workspace goes through the project's release
 * flow into a local registry, then a stranger's project installs and uses them with plain npm on
 * Node 20 and on Node 24. It fails when a published package misses a file, a dependency or a bin,
 * or carries a range no registry can resolve.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createConsumer, currentNode, npmNode, startSandbox, strangerEnv } from '../src/consumer.js';
import { checkBins, checkExports, everyExportModule } from '../src/installed.js';
import { type LocalRegistry, startLocalRegistry } from '../src/registry.js';
import { type ReleasedPackage, releaseToRegistry } from '../src/release.js';
import { run } from '../src/run.js';
import { publishThirdParty, thirdPartyClosure } from '../src/third-party.js';
import {
  copyWorkspace,
  findWorkspaceRoot,
  listWorkspacePackages,
  readJson,
  type WorkspaceCopy,
} from '../src/workspace.js';

const root = findWorkspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
const here = join(root, 'packages', 'release-rehearsal');
/** What the stranger compiles with, at the versions the workspace uses. */
const CONSUMER_TOOLS = ['typescript', '@types/node'];

let work: string;
let registry: LocalRegistry;
let copy: WorkspaceCopy;
let released: ReleasedPackage[];
const timings: Record<string, number> = {};
const timed = async <T>(step: string, body: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  try {
    return await body();
  } finally {
    timings[step] = Math.round(performance.now() - started);
  }
};

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'billing-rehearsal-'));
  registry = await startLocalRegistry(join(work, 'registry'));
  const workspace = await listWorkspacePackages(root);
  const publicDirs = workspace.filter((p) => !p.private).map((p) => p.dir);
  const closure = thirdPartyClosure(publicDirs, new Set(workspace.map((p) => p.name)), {
    names: CONSUMER_TOOLS,
    from: here,
  });
  await timed('third-party packages', () => publishThirdParty(closure, registry, work, root));
  copy = await copyWorkspace(root, 'billing-release-');
  ({ packages: released } = await timed('version + release', () => releaseToRegistry(copy.root, registry)));
}, 1_200_000);

afterAll(async () => {
  console.log(`release rehearsal timings (ms): ${JSON.stringify(timings)}`);
  await registry?.close();
  await copy?.remove();
  if (work) await rm(work, { recursive: true, force: true });
});

const dependencyFields = ['dependencies', 'peerDependencies', 'optionalDependencies'] as const;

describe('the release', () => {
  test('publishes every public package of the workspace, at its new version', async () => {
    const publicNames = (await listWorkspacePackages(root)).filter((p) => !p.private).map((p) => p.name);
    expect(released.map((p) => p.name).sort()).toEqual(publicNames.sort());
    for (const pkg of released) {
      const before = readJson<{ version: string }>(join(root, pkg.folder, 'package.json')).version;
      expect(pkg.version, pkg.name).not.toBe(before);
    }
  });

  test('turns workspace: and catalog: ranges into the versions it released', () => {
    const versions = new Map(released.map((p) => [p.name, p.version]));
    for (const pkg of released) {
      for (const field of dependencyFields) {
        const deps = (pkg.published[field] ?? {}) as Record<string, string>;
        for (const [name, range] of Object.entries(deps)) {
          expect(range, `${pkg.name} ${field}.${name}`).not.toMatch(/^(workspace|catalog):/);
          // A dependency is the exact version released with it; a peer may be a caret range of it.
          if (versions.has(name))
            expect(
              [versions.get(name), ...(field === 'peerDependencies' ? [`^${versions.get(name)}`] : [])],
              `${pkg.name} ${field}.${name}`,
            ).toContain(range);
        }
      }
    }
  });

  test('bundles a spec whose info.version is the released @billing-api/openapi version', () => {
    const spec = released.find((p) => p.name === '@billing-api/openapi')!;
    const bundle = readJson<{ info: { version: string } }>(join(copy.root, spec.folder, 'dist', 'openapi.json'));
    expect(bundle.info.version).toBe(spec.version);
  });
});

// On the Node that runs the suite and on the next LTS, from npm's `node` package.
const runtimes = [Number(process.versions.node.split('.')[0]), 24].filter((m, i, all) => all.indexOf(m) === i);

describe.concurrent('a stranger with plain npm', () => {
  test.each(runtimes)(
    'on Node %i installs, type-checks and runs the packages against npx @billing-api/sandbox',
    async (major) => {
      const runtime =
        major === Number(process.versions.node.split('.')[0])
          ? currentNode()
          : await npmNode(major, await mkdtemp(join(work, 'node-')));
      expect(runtime.version.startsWith(`v${major}.`)).toBe(true);
      const consumer = await createConsumer(registry, runtime, work);
      const version = (name: string) => released.find((p) => p.name === name)!.version;
      const tool = (name: string) =>
        readJson<{ version: string }>(join(here, 'node_modules', name, 'package.json')).version;

      // The client README's step 1, alone: its dependencies must come with it.
      await consumer.npm(['install', '@billing-api/client']);
      await consumer.npm(['install', '@billing-api/types', '@billing-api/openapi']);
      await consumer.npm(
        [
          'install',
          '--save-dev',
          ...CONSUMER_TOOLS.map((t) => `${t}@${tool(t)}`),
          '@billing-api/sandbox',
          '@billing-api/conformance',
        ],
        900_000,
      );
      const manifest = readJson<{ dependencies: Record<string, string> }>(join(consumer.dir, 'package.json'));
      expect(manifest.dependencies['@billing-api/client']).toBe(`^${version('@billing-api/client')}`);

      // The rest of the public packages too, then every export must load and every bin must run.
      const rest = released.map((p) => p.name).filter((n) => !existsSync(join(consumer.dir, 'node_modules', n)));
      if (rest.length) await consumer.npm(['install', ...rest], 900_000);
      expect(await checkExports(consumer, released)).toEqual([]);
      expect(await checkBins(consumer, released)).toEqual([]);

      // Type-check and compile the ESM and CommonJS consumer, and every package's declarations.
      await writeFile(join(consumer.dir, 'src', 'every-export.ts'), everyExportModule(released));
      await consumer.exec('npx', ['--no', '--', 'tsc', '-p', '.']);

      const sandbox = await startSandbox(consumer);
      try {
        const esm = JSON.parse((await consumer.exec('node', ['dist/esm.js', sandbox.url, sandbox.apiKey])).stdout);
        expect(esm).toEqual({
          module: 'esm',
          invoices: expect.any(Number),
          sameInvoice: true,
          notFound: 404,
          specVersion: version('@billing-api/openapi'),
          packageVersion: version('@billing-api/openapi'),
          hasOperation: true,
        });
        expect(esm.invoices).toBeGreaterThan(0);
        const cjs = JSON.parse((await consumer.exec('node', ['dist/cjs.cjs', sandbox.url, sandbox.apiKey])).stdout);
        expect(cjs).toEqual({
          module: 'cjs',
          invoices: esm.invoices,
          unauthorized: 401,
          specVersion: version('@billing-api/openapi'),
        });

        const conformance = await run(
          'npx',
          ['--no', '--', '@billing-api/conformance', '--base-url', sandbox.url, '--api-key', sandbox.apiKey].concat([
            '--operation',
            'listInvoices',
            '--operation',
            'getInvoice',
            '--out',
            'conformance-report',
          ]),
          { cwd: consumer.dir, env: consumer.env, timeoutMs: 300_000, allowFailure: true },
        );
        expect(conformance.stdout, conformance.stderr).toMatch(/^Result: PASS$/m);
        expect(conformance.code).toBe(0);
        expect(readFileSync(join(consumer.dir, 'conformance-report', 'junit.xml'), 'utf8')).toContain('<testsuite');
      } finally {
        await sandbox.process.stop();
      }
    },
    1_500_000,
  );
});

test('the stranger shell has none of the workspace on PATH', () => {
  const path = strangerEnv().PATH ?? '';
  expect(path).not.toContain('node_modules');
  expect(Object.keys(strangerEnv()).filter((k) => k.startsWith('npm_'))).toEqual([]);
});

test('depends on every public package, so turbo builds each before the rehearsal runs', async () => {
  const own = readJson<{ devDependencies: Record<string, string> }>(join(here, 'package.json')).devDependencies;
  const missing = (await listWorkspacePackages(root))
    .filter((p) => !p.private && own[p.name] !== 'workspace:*')
    .map((p) => `"${p.name}": "workspace:*"`);
  expect(missing, 'add these to devDependencies of packages/release-rehearsal/package.json').toEqual([]);
});
