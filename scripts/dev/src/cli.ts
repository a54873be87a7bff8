/**
 * `pnpm dev [--port N] [--host H]`: watches the split spec; after each edit it bundles the spec,
 * regenerates and rebuilds the types and the client (turbo, so what did not change is a cache hit),
 * rebuilds the docs site and reloads every open docs page. A failed step is reported and the last
 * good site stays served; a busy port is reported in one line and a free port is used instead.
 * The docs port also comes from BILLING_DOCS_PORT (default 4020).
 */
import { type FSWatcher, watch } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { tail } from '@billing-api/release-rehearsal/run';
import { findWorkspaceRoot, listWorkspacePackages } from '@billing-api/release-rehearsal/workspace';
import { type RebuildStep, rebuild } from './rebuild.js';
import { type ReloadServer, startReloadServer } from './reload-server.js';

export const DEFAULT_DOCS_PORT = 4020;

function usage(message: string): never {
  console.error(`dev: ${message}`);
  process.exit(2);
}

function parsePort(value: string, from: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) usage(`${from} must be a port number 0-65535, got "${value}"`);
  return port;
}

async function main(): Promise<void> {
  let values: { port?: string; host?: string };
  try {
    ({ values } = parseArgs({ options: { port: { type: 'string' }, host: { type: 'string' } }, strict: true }));
  } catch (error) {
    usage(`${(error as Error).message.split('\n')[0]} (options: --port N, --host H)`);
  }
  const port =
    values.port !== undefined
      ? parsePort(values.port, '--port')
      : process.env.BILLING_DOCS_PORT
        ? parsePort(process.env.BILLING_DOCS_PORT, 'BILLING_DOCS_PORT')
        : DEFAULT_DOCS_PORT;
  const host = values.host ?? '127.0.0.1';

  const root = findWorkspaceRoot(dirname(fileURLToPath(import.meta.url)));
  const packages = await listWorkspacePackages(root);
  const dirOf = (name: string) => {
    const found = packages.find((p) => p.name === name);
    if (!found) throw new Error(`the workspace has no package ${name}`);
    return found.dir;
  };
  const specDir = dirOf('@billing-api/openapi');
  const docsDist = join(dirOf('@billing-api/docs'), 'dist');
  const steps: RebuildStep[] = [
    {
      name: 'spec, types and client',
      command: 'pnpm',
      args: ['exec', 'turbo', 'run', 'build', '--filter=@billing-api/client...', '--output-logs=errors-only'],
    },
    { name: 'docs', command: 'pnpm', args: ['--filter', '@billing-api/docs', 'run', 'build'] },
  ];

  let server: ReloadServer | undefined;
  let queued: string | undefined;
  let running: Promise<void> | undefined;
  const stopping = new AbortController();
  const build = async (reason: string) => {
    const result = await rebuild(root, steps, stopping.signal);
    // Shutting down: a half-done build is not news.
    if (stopping.signal.aborted) return;
    if (result.ok) {
      console.log(`dev: ${reason}: spec, types, client and docs rebuilt in ${(result.ms / 1000).toFixed(1)} s`);
      server?.reload();
    } else {
      console.error(
        `dev: ${reason}: ${result.failedStep} failed; the last good docs stay served\n${tail(result.output, 20)}`,
      );
    }
  };
  const runOnce = async (reason: string) => {
    if (stopping.signal.aborted) return;
    if (running) {
      queued = reason;
      return;
    }
    running = build(reason).catch((error: unknown) => {
      console.error(`dev: ${reason}: ${(error as Error).message}; the last good docs stay served`);
    });
    await running;
    running = undefined;
    if (queued) {
      const next = queued;
      queued = undefined;
      await runOnce(next);
    }
  };

  try {
    server = await startReloadServer({ root: docsDist, port, host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES')
      usage(`cannot listen on ${host}:${port}: ${(error as Error).message}`);
    server = await startReloadServer({ root: docsDist, port: 0, host });
    console.error(
      `dev: port ${port} on ${host} is ${code === 'EADDRINUSE' ? 'in use' : 'not allowed'}; serving on ${server.port} instead (choose with --port N or BILLING_DOCS_PORT=N)`,
    );
  }
  console.log(`dev: docs at ${server.url} (reloads after every spec change; Ctrl-C stops)`);

  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  // The build steps run in their own process groups, so a Ctrl-C reaches only this process: stop
  // them and wait, or turbo and the docs build would go on writing after dev has exited. Wired before
  // the first build, which is the one a quick Ctrl-C interrupts.
  const stop = () => {
    stopping.abort();
    watcher?.close();
    clearTimeout(timer);
    void (running ?? Promise.resolve()).then(() => server?.close()).then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  // Serve the last build at once; the first rebuild brings it up to date and reloads the page.
  await runOnce('start');
  if (stopping.signal.aborted) return;

  let changed = new Set<string>();
  watcher = watch(specDir, { recursive: true }, (_event, file) => {
    if (!file || /(^|[\\/])(dist|node_modules|\.turbo)([\\/]|$)/.test(file)) return;
    changed.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...changed].map((f) => relative(root, join(specDir, f)));
      changed = new Set();
      void runOnce(files.length === 1 ? `${files[0]} changed` : `${files.length} spec files changed`);
    }, 200);
  });
}

main().catch((error: unknown) => {
  console.error(`dev: ${(error as Error).message}`);
  process.exit(1);
});
