/**
 * A stranger's project: a fresh folder outside the repository, plain npm, a project `.npmrc` that
 * names only the local registry, and a shell without the workspace's tools on PATH. Runs on the
 * Node that runs the tests or on another Node binary (its npm, its node-gyp headers).
 */
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalRegistry } from './registry.js';
import { type Background, run, start } from './run.js';

export const CONSUMER_FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', 'consumer');

export interface NodeRuntime {
  label: string;
  /** Folder of the `node` binary, put first on PATH so npm, npx, tsc and scripts all use it. */
  binDir: string;
  /** Node's headers for native addons (node-gyp); undefined: npm's own setting. */
  nodedir?: string;
  version: string;
}

export function currentNode(): NodeRuntime {
  return {
    label: `node${process.versions.node.split('.')[0]}`,
    binDir: dirname(process.execPath),
    version: process.version,
  };
}

/**
 * Another Node major from npm's platform package of Node (the one the `node` package that
 * `npx node@24` runs installs): binary and headers, which native addons compile against. The one
 * download that is not from the local registry: it is the runtime, not something under test.
 */
export async function npmNode(major: number, scratch: string): Promise<NodeRuntime> {
  const env = strangerEnv();
  const { stdout } = await run(
    'npm',
    [
      'pack',
      `node-${process.platform}-${process.arch}@${major}`,
      '--json',
      '--prefer-offline',
      '--pack-destination',
      scratch,
    ],
    { cwd: scratch, env, timeoutMs: 300_000 },
  );
  const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
  await run('tar', ['-xzf', join(scratch, filename), '-C', scratch], { cwd: scratch, timeoutMs: 120_000 });
  const home = join(scratch, 'package');
  const version = (await run(join(home, 'bin', 'node'), ['--version'], { cwd: scratch, env })).stdout.trim();
  return { label: `node${major}`, binDir: join(home, 'bin'), nodedir: home, version };
}

/**
 * The environment of a new shell: no npm_* or pnpm variables inherited from `pnpm test`, no
 * node_modules/.bin of the workspace on PATH.
 */
export function strangerEnv(runtime?: NodeRuntime, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM_|INIT_CWD$|NODE_OPTIONS$|NODE_PATH$|VITEST|TURBO_|TSX_)/i.test(key)) continue;
    env[key] = value;
  }
  const path = (process.env.PATH ?? '').split(delimiter).filter((dir) => !dir.includes('node_modules'));
  env.PATH = [...(runtime ? [runtime.binDir] : []), ...path].join(delimiter);
  return { ...env, ...(runtime?.nodedir ? { npm_config_nodedir: runtime.nodedir } : {}), ...extra };
}

export interface Consumer {
  dir: string;
  runtime: NodeRuntime;
  env: NodeJS.ProcessEnv;
  npm(args: string[], timeoutMs?: number): Promise<{ stdout: string; stderr: string }>;
  exec(command: string, args: string[], timeoutMs?: number): Promise<{ stdout: string; stderr: string }>;
}

export async function createConsumer(
  registry: LocalRegistry,
  runtime: NodeRuntime,
  parent: string = tmpdir(),
): Promise<Consumer> {
  const dir = await mkdtemp(join(parent, `consumer-${runtime.label}-`));
  await cp(CONSUMER_FIXTURE, dir, { recursive: true });
  // What a stranger would put in a project that uses a private registry; engine-strict so a
  // package whose `engines` this Node does not satisfy fails instead of warning.
  await writeFile(
    join(dir, '.npmrc'),
    `registry=${registry.url}\nengine-strict=true\naudit=false\nfund=false\nupdate-notifier=false\n`,
  );
  const env = strangerEnv(runtime, {
    // Fresh cache: nothing downloaded earlier can stand in for what the registry lacks.
    npm_config_cache: join(dir, '.npm-cache'),
    // Native addons compile here (no prebuilt download: nothing leaves 127.0.0.1).
    npm_config_build_from_source: 'true',
    npm_config_jobs: 'max',
  });
  const exec = async (command: string, args: string[], timeoutMs = 600_000) => {
    const { stdout, stderr } = await run(command, args, { cwd: dir, env, timeoutMs });
    return { stdout, stderr };
  };
  return { dir, runtime, env, exec, npm: (args, timeoutMs) => exec('npm', args, timeoutMs) };
}

export interface RunningSandbox {
  url: string;
  /** The demo key with `read:billing write:billing`. */
  apiKey: string;
  process: Background;
}

/** `npx @billing-api/sandbox` on a free port, until it prints its URL and keys. */
export async function startSandbox(consumer: Consumer): Promise<RunningSandbox> {
  const { process: sandbox, match } = await start(
    'npx',
    ['--no', '--', '@billing-api/sandbox', '--port', '0', '--seed', '1', '--quiet'],
    {
      cwd: consumer.dir,
      env: consumer.env,
      timeoutMs: 120_000,
      ready: /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*business read\/write\s+(sk_test_\w+)/,
    },
  );
  return { url: match[1] as string, apiKey: match[2] as string, process: sandbox };
}
