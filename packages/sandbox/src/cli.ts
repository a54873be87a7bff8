#!/usr/bin/env node
// billing-sandbox: runs the sandbox until SIGTERM/SIGINT. Prints the URL and the API keys once at
// start-up (on stderr, the only place keys are ever printed); request logs are JSON lines on stdout.
import { parseArgs } from 'node:util';
import { UnservableDatabaseError } from './db/database.js';
import { parseRateLimit } from './rate-limit.js';
import { startSandbox } from './sandbox.js';

const HELP = `billing-sandbox: a stateful Billing API sandbox

Options:
  --port <n>               port (default 4010; 0 = any free port)
  --host <addr>            interface (default 127.0.0.1)
  --seed <n>               same ids and keys on every run
  --data <file>            keep state in this SQLite file (default: in memory)
  --rate-limit <n/window>  per key, e.g. 100/60s (default), 10/1s, or off
  --payment-delay-ms <n>   card and checkout payments complete after this (default 1000)
  --link-ttl-days <n>      payment links expire after this (default 30)
  --cors-origin <origin>   allowed origin, repeatable (default http://127.0.0.1:* and http://localhost:*)
  --public-url <url>       base of payment and checkout URLs (default: the listening URL)
  --no-demo                start without demo data
  --quiet                  no request logs
  --help                   this text
`;

function fail(message: string): never {
  process.stderr.write(`billing-sandbox: ${message}\n\n${HELP}`);
  process.exit(2);
}

function integer(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer >= ${min}, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = (() => {
    try {
      return parseArgs({
        options: {
          port: { type: 'string' },
          host: { type: 'string' },
          seed: { type: 'string' },
          data: { type: 'string' },
          'rate-limit': { type: 'string' },
          'payment-delay-ms': { type: 'string' },
          'link-ttl-days': { type: 'string' },
          'cors-origin': { type: 'string', multiple: true },
          'public-url': { type: 'string' },
          'no-demo': { type: 'boolean' },
          quiet: { type: 'boolean' },
          help: { type: 'boolean' },
        },
        strict: true,
      });
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
  })();
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  let rateLimit: string | undefined;
  if (values['rate-limit'] !== undefined) {
    try {
      parseRateLimit(values['rate-limit']);
      rateLimit = values['rate-limit'];
    } catch (error) {
      fail((error as Error).message);
    }
  }
  const port = integer('port', values.port, 0);
  const seed = integer('seed', values.seed, 0);
  const paymentDelayMs = integer('payment-delay-ms', values['payment-delay-ms'], 0);
  const linkTtlDays = integer('link-ttl-days', values['link-ttl-days'], 1);
  const sandbox = await startSandbox({
    ...(port === undefined ? {} : { port }),
    ...(values.host ? { host: values.host } : {}),
    ...(seed === undefined ? {} : { seed }),
    ...(values.data ? { data: values.data } : {}),
    ...(rateLimit ? { rateLimit } : {}),
    ...(paymentDelayMs === undefined ? {} : { paymentDelayMs }),
    ...(linkTtlDays === undefined ? {} : { linkTtlDays }),
    ...(values['cors-origin'] ? { corsOrigins: values['cors-origin'] } : {}),
    ...(values['public-url'] ? { publicUrl: values['public-url'] } : {}),
    demo: !values['no-demo'],
    log: !values.quiet,
  }).catch((error: NodeJS.ErrnoException) => {
    if (error instanceof UnservableDatabaseError) {
      process.stderr.write(`billing-sandbox: ${error.message}\n`);
      process.exit(1);
    }
    return fail(error.code === 'EADDRINUSE' ? `port ${values.port ?? 4010} is in use (try --port 0)` : error.message);
  });

  const lines = [
    `Billing API sandbox listening on ${sandbox.url}`,
    `  v2: ${sandbox.url}/api/v2/billing/invoices   (Authorization: Bearer <key>)`,
    `  v1: ${sandbox.url}/api/billing/invoices      (X-API-Key: <key>)`,
    `  control: ${sandbox.url}/sandbox/...          (see the package README)`,
    'API keys:',
    ...sandbox.keys.map((k) => `  ${k.label.padEnd(22)} ${k.key}   (${k.scopes})`),
    '',
  ];
  process.stderr.write(lines.join('\n'));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n${signal}: finishing in-flight requests and closing the database\n`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
