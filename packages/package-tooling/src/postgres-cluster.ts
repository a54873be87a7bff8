// A throwaway PostgreSQL cluster for the tests of the packages that run the sandbox on PostgreSQL:
// initdb into a temporary folder, a server on 127.0.0.1 on a free port (and a socket in that
// folder), stopped and removed when the tests end.
// The server binaries are Debian's (`/usr/lib/postgresql/<version>/bin`, the newest), or the ones
// on PATH. PostgreSQL refuses to run as root, so as root the folder is given to the `postgres` user
// and the binaries run as that user. Without the binaries the tests fail, saying how to get them.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The URL of the run's cluster (its `postgres` database), from postgres-setup.ts. */
    postgresUrl: string;
  }
}

const DEBIAN = '/usr/lib/postgresql';

export const HOW_TO_INSTALL =
  'PostgreSQL is needed for these tests and its server binaries (initdb, pg_ctl) were not found in ' +
  `${DEBIAN}/<version>/bin or on PATH. Install them (Debian/Ubuntu: sudo apt-get install postgresql; ` +
  'macOS: brew install postgresql) and run the tests again: they start a server of their own, on ' +
  '127.0.0.1, in a temporary folder. (.ci/run installs it on CI.)';

function binaries(): string {
  const versions = existsSync(DEBIAN)
    ? readdirSync(DEBIAN)
        .filter((v) => existsSync(join(DEBIAN, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return join(DEBIAN, versions[0], 'bin');
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = which.status === 0 ? which.stdout.trim() : '';
  if (found && existsSync(join(found, '..', 'pg_ctl'))) return join(found, '..');
  throw new Error(HOW_TO_INSTALL);
}

/** A port on 127.0.0.1 nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Cluster {
  /** A URL of the cluster's `postgres` database, as the `postgres` superuser. */
  url: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(): Promise<string>;
  stop(): void;
}

export interface ClusterOptions {
  /**
   * Keep PostgreSQL's durable defaults (fsync, full-page writes): for a benchmark whose writes must
   * reach the disk. Tests kill the sandbox, never the server, so they run without them, faster.
   */
  durable?: boolean;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const bin = binaries();
  const root = mkdtempSync(join(tmpdir(), 'billing-pg-'));
  const data = join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(bin, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args;
    const result = spawnSync(command, argv, { encoding: 'utf8', cwd: root });
    if (result.status !== 0)
      throw new Error(`${tool} failed (${result.status}):\n${result.stdout}\n${result.stderr}\n${HOW_TO_INSTALL}`);
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
  }
  const port = await freePort();
  try {
    const initdb = ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C'];
    run('initdb', options.durable ? initdb : [...initdb, '--no-sync']);
    const settings = [
      `-h 127.0.0.1 -p ${port} -k ${root}`,
      options.durable ? '' : '-c fsync=off -c full_page_writes=off',
      '-c max_connections=300 -c shared_buffers=32MB',
    ].join(' ');
    run('pg_ctl', ['-D', data, '-l', join(root, 'server.log'), '-o', settings, '-w', '-t', '60', 'start']);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    createDatabase: () => createDatabase(url),
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

/** Creates an empty database on the cluster whose `postgres` database `adminUrl` names, and returns its URL. */
export async function createDatabase(adminUrl: string): Promise<string> {
  const name = `sandbox_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const url = new URL(adminUrl);
  await promisify(execFile)(join(binaries(), 'createdb'), [
    '-h',
    url.hostname,
    '-p',
    url.port,
    '-U',
    url.username,
    name,
  ]);
  url.pathname = `/${name}`;
  return url.toString();
}
