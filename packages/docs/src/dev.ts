/**
 * `dev`: build, serve, and rebuild whenever the bundled spec (or a guide's template) changes. Polls with fs.watchFile because the spec build replaces `spec/dist/` by a rename, which
 * plain fs.watch on the old file would miss.
 */
import { unwatchFile, watchFile } from 'node:fs';
import { buildSite, DIST_DIR } from './build.js';
import type { ReleaseReport } from './changelog/report.js';
import { GUIDE_SLUGS, GUIDES_DIR } from './guides/guides.js';
import { type StaticServer, startStaticServer } from './server/serve.js';
import { bundledSpecPath } from './spec/load.js';

export interface DevSession {
  server: StaticServer;
  /** Resolves after the rebuild that the latest change started (for tests and scripts). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export async function startDev(
  options: {
    port?: number;
    host?: string;
    specPath?: string;
    outDir?: string;
    baseUrl?: string;
    releases?: ReleaseReport[];
    log?: (line: string) => void;
  } = {},
): Promise<DevSession> {
  const log = options.log ?? ((line: string) => console.log(line));
  const specPath = options.specPath ?? bundledSpecPath();
  const outDir = options.outDir ?? DIST_DIR;
  const rebuild = async (reason: string) => {
    const started = performance.now();
    try {
      const result = await buildSite({ specPath, outDir, baseUrl: options.baseUrl, releases: options.releases });
      log(
        `built ${result.operations} operations, ${result.errorCodes} error codes (${reason}, ${Math.round(performance.now() - started)} ms)`,
      );
      if (result.notice) log(result.notice);
    } catch (error) {
      log(`build failed (${reason}): ${(error as Error).message}`);
    }
  };
  let running: Promise<void> = rebuild('start');
  await running;
  const server = await startStaticServer({ root: outDir, port: options.port ?? 0, host: options.host });
  log(`serving ${outDir} at ${server.url}/`);
  const watched = [specPath, ...GUIDE_SLUGS.map((slug) => `${GUIDES_DIR}${slug}.md`)];
  const onChange = (path: string) => (current: { mtimeMs: number }, previous: { mtimeMs: number }) => {
    if (current.mtimeMs === previous.mtimeMs) return;
    running = running.then(() => rebuild(`${path} changed`));
  };
  const listeners = watched.map((path) => {
    const listener = onChange(path);
    watchFile(path, { interval: 300 }, listener);
    return { path, listener };
  });
  return {
    server,
    idle: () => running,
    close: async () => {
      for (const { path, listener } of listeners) unwatchFile(path, listener);
      await running;
      await server.close();
    },
  };
}
