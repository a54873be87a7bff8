/**
 * The package's command line: `build` (dist/), `serve [--port N] [--host H]` (default 127.0.0.1:4020)
 * and `dev [--port N]` (serve and rebuild on spec changes). Wired to the package scripts.
 */
import { parseArgs } from 'node:util';
import { buildSite, DIST_DIR } from './build.js';
import { startDev } from './dev.js';
import { startStaticServer } from './serve.js';

export const DEFAULT_PORT = 4020;

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { port: { type: 'string', short: 'p' }, host: { type: 'string' } },
  });
  const command = positionals[0] ?? 'build';
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0-65535, got ${values.port}`);
  switch (command) {
    case 'build': {
      const started = performance.now();
      const result = await buildSite();
      console.log(
        `docs: ${result.operations} operations, ${result.errorCodes} error codes -> ${result.outDir} (${Math.round(performance.now() - started)} ms)`,
      );
      return;
    }
    case 'serve': {
      const server = await startStaticServer({ root: DIST_DIR, port, host: values.host ?? '127.0.0.1' });
      console.log(`docs: serving ${DIST_DIR} at ${server.url}/ (Ctrl-C to stop)`);
      const stop = () => void server.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return;
    }
    case 'dev': {
      const session = await startDev({ port });
      const stop = () => void session.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return;
    }
    default:
      throw new Error(`unknown command ${command}; use build, serve or dev`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`docs: ${(error as Error).message}`);
  process.exit(1);
});
