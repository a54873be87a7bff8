/**
 * The package's command line: `build [--base-url URL] [--changelog FILE]` (dist/; the changelog
 * comes from the spec's git history unless a report file is given),
 * `serve [--port N] [--host H]` (default 127.0.0.1:4020) and `dev` (serve and rebuild on spec
 * changes). A usage mistake is one line and exit 2; a failure while running is one line and exit 1.
 */
import { buildSite, DIST_DIR } from './build.js';
import { ReportError, readReleaseReports } from './changelog/report.js';
import { parseCli, UsageError } from './cli-args.js';
import { startDev } from './dev.js';
import { startStaticServer } from './server/serve.js';

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === 'EADDRINUSE')
    return new Error(`--port ${port}: ${host}:${port} is already in use; pick another port`);
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND')
    return new Error(`--host ${host}: cannot listen on this address (${error.code})`);
  if (error.code === 'EACCES') return new Error(`--port ${port}: not allowed to listen on it (EACCES)`);
  return error;
}

async function main(argv: string[]): Promise<void> {
  const args = parseCli(argv);
  const releases = args.changelog === undefined ? undefined : readReleaseReports(args.changelog);
  const stopOnSignal = (close: () => Promise<void>) => {
    const stop = () => void close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  };
  switch (args.command) {
    case 'build': {
      const started = performance.now();
      const result = await buildSite({ baseUrl: args.baseUrl, releases });
      if (result.notice) console.warn(`docs: ${result.notice}`);
      console.log(
        `docs: ${result.pages} pages (${result.operations} operations, ${result.errorCodes} error codes) -> ${result.outDir} (${Math.round(performance.now() - started)} ms)`,
      );
      return;
    }
    case 'serve': {
      const server = await startStaticServer({ root: DIST_DIR, port: args.port, host: args.host }).catch(
        (error: NodeJS.ErrnoException) => {
          throw listenError(error, args.host, args.port);
        },
      );
      console.log(`docs: serving ${DIST_DIR} at ${server.url}/ (Ctrl-C to stop)`);
      stopOnSignal(() => server.close());
      return;
    }
    case 'dev': {
      const session = await startDev({ port: args.port, host: args.host, baseUrl: args.baseUrl, releases }).catch(
        (error: NodeJS.ErrnoException) => {
          throw listenError(error, args.host, args.port);
        },
      );
      stopOnSignal(() => session.close());
      return;
    }
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const usage = error instanceof UsageError || error instanceof ReportError;
  console.error(`docs: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  process.exit(usage ? 2 : 1);
});
