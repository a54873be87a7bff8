#!/usr/bin/env node
// billing-sandbox: runs the sandbox until SIGTERM/SIGINT. Prints the URL and the API keys once at
// start-up (on stderr, the only place keys are ever printed); request logs are JSON lines on stdout.
// Every flag is checked before anything starts: a bad one is one line naming the flag, the value
// and what is expected (exit 2), never a stack trace or the whole help.
import { existsSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseRateLimit } from './api/rate-limit.js';
import { UnservableDatabaseError } from './db/migrations.js';
import { type SandboxOptions, startSandbox } from './sandbox.js';

const HELP = `billing-sandbox: a stateful Billing API sandbox

Options:
  --port <n>               port (default 4010; 0 = any free port)
  --host <addr>            interface (default 127.0.0.1; 0.0.0.0 = every interface)
  --seed <n>               same demo ids and keys on every run
  --data <file>            keep state in this SQLite file (default: in memory)
  --database <url>         keep state in PostgreSQL, shared by every sandbox given the same URL
                           (postgres://user:password@host:5432/db)
  --rate-limit <n/window>  per key, e.g. 100/60s (default), 10/1s, or off
  --payment-delay-ms <n>   card and checkout payments complete after this (default 1000)
  --link-ttl-days <n>      payment links expire after this (default 30)
  --cors-origin <origin>   allowed origin, repeatable (default http://127.0.0.1:* and http://localhost:*)
  --public-url <url>       base of payment and checkout URLs (default: the listening URL)
  --docs-url <url>         base of problem type URIs, <url>/errors/<code> (default: the spec's)
  --allowed-host <host>    another Host name for the control endpoints, repeatable (e.g. sandbox.team.example:4010)
  --control-token <token>  the control endpoints (but health) need X-Sandbox-Token: <token>
  --admin-token <token>    wiping everything, the default clock and hooks for all need X-Sandbox-Admin-Token: <token>
                           (required to use them when --host is not a loopback address)
  --no-demo                start without demo data
  --quiet                  no request logs
  --help                   this text
`;

class FlagError extends Error {}

/** One line naming the flag, the value and what was expected. */
const bad = (flag: string, value: string, expected: string): never => {
  throw new FlagError(`--${flag} ${JSON.stringify(value)}: expected ${expected}`);
};

function integer(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max)
    bad(flag, value, `an integer from ${min} to ${max}`);
  return n;
}

function httpUrl(flag: string, value: string | undefined, example: string): string | undefined {
  if (value === undefined) return undefined;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash)
    bad(flag, value, `an absolute http(s) URL such as ${example}`);
  return value;
}

function host(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isIP(value) && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(value))
    bad('host', value, 'an IP address or a host name, such as 127.0.0.1 or 0.0.0.0');
  return value;
}

/** `http://localhost:5173`, `http://localhost:*` (any port), `https://*.example.com`, or `*`. */
function origin(value: string): string {
  const probe = value.replace(/:\*$/, ':1').replaceAll('*', 'x');
  const url = value === '*' ? undefined : URL.canParse(probe) ? new URL(probe) : undefined;
  const ok =
    value === '*' ||
    (url !== undefined &&
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      `${url.protocol}//${url.host}` === probe.toLowerCase().replace(/\/$/, ''));
  if (!ok) bad('cors-origin', value, 'an origin such as http://localhost:5173 (http://localhost:* for any port), or *');
  return value;
}

function allowedHost(value: string): string {
  if (!/^([a-z0-9.-]+|\[[0-9a-f:]+\])(:\d{1,5})?$/i.test(value))
    bad('allowed-host', value, 'a Host header value such as sandbox.team.example:4010');
  return value;
}

function dataFile(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') bad('data', value, 'the path of a SQLite file');
  const path = resolve(value);
  if (existsSync(path) && statSync(path).isDirectory()) bad('data', value, `a file, but ${path} is a folder`);
  if (!existsSync(dirname(path)))
    bad('data', value, `a file in an existing folder, but ${dirname(path)} does not exist`);
  return value;
}

function postgresUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') || !url.hostname)
    bad(
      'database',
      value.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:…@'), // never the password
      'a PostgreSQL URL such as postgres://user@127.0.0.1:5432/billing',
    );
  return value;
}

function token(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.length < 12 || /\s/.test(value)) bad(flag, '…', 'at least 12 characters without spaces');
  return value;
}

function options(argv: string[]): SandboxOptions | 'help' {
  let values: ReturnType<typeof parse>['values'];
  const parse = (args: string[]) =>
    parseArgs({
      args,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        data: { type: 'string' },
        database: { type: 'string' },
        'rate-limit': { type: 'string' },
        'payment-delay-ms': { type: 'string' },
        'link-ttl-days': { type: 'string' },
        'cors-origin': { type: 'string', multiple: true },
        'public-url': { type: 'string' },
        'docs-url': { type: 'string' },
        'allowed-host': { type: 'string', multiple: true },
        'control-token': { type: 'string' },
        'admin-token': { type: 'string' },
        'no-demo': { type: 'boolean' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    });
  try {
    values = parse(argv).values;
  } catch (error) {
    // node:util's messages run over several sentences and lines; keep the first, briefly.
    const message = (error as Error).message;
    const ambiguous = /^Option '(--[\w-]+)' argument is ambiguous/.exec(message);
    if (ambiguous)
      throw new FlagError(`${ambiguous[1]}: a value that starts with "-" is written ${ambiguous[1]}=<value>`);
    const text = message.split(/\.(\s|$)/)[0]!.replace(/^Unknown option/, 'unknown option');
    throw new FlagError(`${text} (see --help)`);
  }
  if (values.help) return 'help';
  const rateLimit = values['rate-limit'];
  if (rateLimit !== undefined) {
    try {
      parseRateLimit(rateLimit);
    } catch {
      bad('rate-limit', rateLimit, 'a limit per window such as 100/60s, 10/1s, 1000/5m, or off');
    }
  }
  const port = integer('port', values.port, 0, 65535);
  const seed = integer('seed', values.seed, 0, Number.MAX_SAFE_INTEGER);
  const paymentDelayMs = integer('payment-delay-ms', values['payment-delay-ms'], 0, 365 * 86_400_000);
  const linkTtlDays = integer('link-ttl-days', values['link-ttl-days'], 1, 3650);
  const publicUrl = httpUrl('public-url', values['public-url'], 'https://sandbox.example.com');
  const docsUrl = httpUrl('docs-url', values['docs-url'], 'https://docs.example.com');
  const data = dataFile(values.data);
  const database = postgresUrl(values.database);
  if (data && database) throw new FlagError('--data and --database: give one (a SQLite file, or a PostgreSQL URL)');
  const controlToken = token('control-token', values['control-token']);
  const adminToken = token('admin-token', values['admin-token']);
  return {
    ...(port === undefined ? {} : { port }),
    ...(values.host !== undefined ? { host: host(values.host)! } : {}),
    ...(seed === undefined ? {} : { seed }),
    ...(data ? { data } : {}),
    ...(database ? { database } : {}),
    ...(rateLimit ? { rateLimit } : {}),
    ...(paymentDelayMs === undefined ? {} : { paymentDelayMs }),
    ...(linkTtlDays === undefined ? {} : { linkTtlDays }),
    ...(values['cors-origin'] ? { corsOrigins: values['cors-origin'].map(origin) } : {}),
    ...(values['allowed-host'] ? { allowedHosts: values['allowed-host'].map(allowedHost) } : {}),
    ...(publicUrl ? { publicUrl } : {}),
    ...(docsUrl ? { docsUrl } : {}),
    ...(controlToken ? { controlToken } : {}),
    ...(adminToken ? { adminToken } : {}),
    demo: !values['no-demo'],
    log: !values.quiet,
  };
}

/** A start-up failure in one line (flags, the database, the port). */
function why(error: unknown, chosen: SandboxOptions): { line: string; code: number } {
  if (error instanceof FlagError) return { line: error.message, code: 2 };
  if (error instanceof UnservableDatabaseError) return { line: error.message, code: 1 };
  const e = error as NodeJS.ErrnoException;
  const port = chosen.port ?? 4010;
  const address = chosen.host ?? '127.0.0.1';
  if (e.code === 'EADDRINUSE') return { line: `--port ${port}: the port is in use (try --port 0)`, code: 2 };
  if (e.code === 'EACCES')
    return { line: `--port ${port}: not allowed to listen on it (try a port above 1023)`, code: 2 };
  if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND')
    return { line: `--host ${address}: not an address of this machine`, code: 2 };
  return { line: `could not start: ${e.message ?? String(error)}`, code: 1 };
}

async function main(): Promise<void> {
  let chosen: SandboxOptions | 'help' = {};
  try {
    chosen = options(process.argv.slice(2));
    if (chosen === 'help') {
      process.stdout.write(HELP);
      return;
    }
    const sandbox = await startSandbox(chosen);
    const lines = [
      `Billing API sandbox listening on ${sandbox.url}`,
      `  data: ${sandbox.storage}`,
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
  } catch (error) {
    const { line, code } = why(error, chosen === 'help' ? {} : chosen);
    process.stderr.write(`billing-sandbox: ${line}\n`);
    process.exit(code);
  }
}

void main();
