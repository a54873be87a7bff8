/**
 * The docs command line's arguments, parsed and checked before anything runs: every flag's value
 * is validated, and every mistake is one line that names the flag, the value and what is expected
 * (the CLI prints it and exits 2; no stack trace, no help text).
 */
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';

export const DEFAULT_PORT = 4020;
export const DEFAULT_HOST = '127.0.0.1';

export class UsageError extends Error {
  override name = 'UsageError';
}

const COMMANDS = {
  build: ['base-url', 'changelog'],
  serve: ['port', 'host'],
  dev: ['port', 'host', 'base-url', 'changelog'],
} as const;

export type Command = keyof typeof COMMANDS;

const EXPECTED: Record<string, string> = {
  port: 'a port number from 0 to 65535 (0 = any free port)',
  host: 'an IP address or a host name to listen on, e.g. 127.0.0.1',
  'base-url': 'the public http(s) URL of the docs site, e.g. https://docs.billing.example',
  changelog: 'a JSON file of breaking-change reports per released version',
};

export interface CliArgs {
  command: Command;
  port: number;
  host: string;
  baseUrl?: string;
  changelog?: string;
}

function invalid(flag: string, value: string): never {
  throw new UsageError(`--${flag} ${JSON.stringify(value)} is not valid: expected ${EXPECTED[flag]}`);
}

function port(value: string): number {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) invalid('port', value);
  return Number(value);
}

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

function host(value: string): string {
  if (isIP(value) === 0 && !HOST_NAME.test(value)) invalid('host', value);
  return value;
}

function baseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    invalid('base-url', value);
  }
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password)
    invalid('base-url', value);
  return value.replace(/\/+$/, '');
}

function changelog(value: string): string {
  if (value.trim() === '') invalid('changelog', value);
  return value;
}

export function parseCli(argv: string[]): CliArgs {
  const command = (argv[0] ?? 'build') as Command;
  if (argv[0]?.startsWith('-'))
    throw new UsageError(`expected a command first (build, serve or dev), got ${JSON.stringify(argv[0])}`);
  if (!(command in COMMANDS))
    throw new UsageError(`unknown command ${JSON.stringify(command)}: expected build, serve or dev`);
  const allowed = COMMANDS[command] as readonly string[];
  let values: Record<string, string | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv.slice(1),
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(allowed.map((name) => [name, { type: 'string' as const }])),
    }) as { values: Record<string, string | undefined>; positionals: string[] });
  } catch (error) {
    const message = (error as Error).message;
    const flag = /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? '';
    const name = flag.replace(/^-+/, '');
    if ((error as { code?: string }).code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && allowed.includes(name)) {
      throw new UsageError(`--${name} needs a value: expected ${EXPECTED[name]}`);
    }
    throw new UsageError(
      `unknown option ${JSON.stringify(flag || message)} for ${command}: expected ${allowed.map((a) => `--${a}`).join(', ')}`,
    );
  }
  if (positionals.length > 0)
    throw new UsageError(`${command} takes no arguments, got ${JSON.stringify(positionals[0])}`);
  return {
    command,
    port: values.port === undefined ? DEFAULT_PORT : port(values.port),
    host: values.host === undefined ? DEFAULT_HOST : host(values.host),
    baseUrl: values['base-url'] === undefined ? undefined : baseUrl(values['base-url']),
    changelog: values.changelog === undefined ? undefined : changelog(values.changelog),
  };
}
