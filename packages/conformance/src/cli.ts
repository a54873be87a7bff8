#!/usr/bin/env node
// billing-conformance: checks the spec, then a running Billing API server (or a fresh local sandbox)
// against it, prints a summary and writes the reports. Exit 0: no findings; 1: findings; 2: the run
// could not be made (bad arguments, unreachable server). Errors are one line, never a stack trace.
import { parseArgs } from 'node:util';
import { ControlError } from './live/control.js';
import { TransportError } from './live/http.js';
import { UsageError } from './live/runner.js';
import { allFindings } from './report/model.js';
import { formatSummary } from './report/summary.js';
import { writeReports } from './report/write.js';
import { runConformance } from './run.js';

const HELP = `billing-conformance: check a Billing API server against the bundled OpenAPI spec

Usage: billing-conformance [--base-url URL --api-key KEY] [options]

Options:
  --base-url <url>      the server to check; without it a fresh sandbox is started on a free
                        127.0.0.1 port and stopped afterwards
  --api-key <key>       v2 key (Authorization: Bearer), with read:billing and write:billing;
                        optional when the server is a sandbox (an account is created)
  --v1-key <key>        v1 key (X-API-Key); defaults to --api-key
  --out <dir>           write coverage.json, coverage.md, junit.xml and summary.txt there
  --sandbox             treat the server as a sandbox (use its /sandbox/ control endpoints)
  --no-sandbox          never use control endpoints (default: detected via GET /sandbox/health)
  --operation <id>      only this operation's scenarios (repeatable)
  --help                this text
`;

function usage(message: string): never {
  process.stderr.write(`billing-conformance: ${message}\n\n${HELP}`);
  process.exit(2);
}

async function main(): Promise<number> {
  const { values } = (() => {
    try {
      return parseArgs({
        options: {
          'base-url': { type: 'string' },
          'api-key': { type: 'string' },
          'v1-key': { type: 'string' },
          out: { type: 'string' },
          sandbox: { type: 'boolean' },
          operation: { type: 'string', multiple: true },
          help: { type: 'boolean' },
        },
        allowNegative: true,
        strict: true,
      });
    } catch (error) {
      usage((error as Error).message);
    }
  })();
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const baseUrl = values['base-url'];
  if (baseUrl !== undefined && !/^https?:\/\/[^/]+/.test(baseUrl))
    usage(`--base-url must be an http(s) URL, got "${baseUrl}"`);
  if (baseUrl === undefined && values.sandbox === false)
    usage('--no-sandbox needs --base-url (without it the kit checks its own sandbox)');
  if (baseUrl === undefined && (values['api-key'] || values['v1-key']))
    usage('--api-key and --v1-key need --base-url (the kit makes its own account on its own sandbox)');
  // Progress on a terminal only: a run against a rate-limited server can take minutes.
  let done = 0;
  const progress = process.stderr.isTTY ? () => void process.stderr.write(`\r${++done} scenarios run`) : undefined;
  const report = await runConformance({
    ...(baseUrl ? { baseUrl } : {}),
    ...(values['api-key'] ? { apiKey: values['api-key'] } : {}),
    ...(values['v1-key'] ? { v1Key: values['v1-key'] } : {}),
    ...(values.sandbox === undefined ? {} : { sandbox: values.sandbox }),
    ...(values.operation ? { operations: values.operation } : {}),
    ...(progress ? { onResult: progress } : {}),
  });
  if (progress) process.stderr.write('\n');
  process.stdout.write(formatSummary(report));
  if (values.out) {
    const files = await writeReports(values.out, report);
    process.stdout.write(`Reports: ${files.join(', ')}\n`);
  }
  return allFindings(report).length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof TransportError || error instanceof ControlError;
    process.stderr.write(
      `billing-conformance: ${known ? (error as Error).message : `unexpected error: ${(error as Error)?.message ?? String(error)}`}\n`,
    );
    process.exit(2);
  },
);
