#!/usr/bin/env node
// billing-conformance: checks the spec, then a running Billing API server (or a fresh local sandbox)
// against it, prints progress on stderr and a summary on stdout, and writes the reports. Exit 0: no
// findings; 1: findings; 2: the run could not be made (bad arguments, unreachable server). Every
// error is one line, never a stack trace or the help text. The arguments are checked against the
// spec's operation list before the kit itself (validators, scenarios, reporters) is loaded.
import { mkdir } from 'node:fs/promises';
import { listOperations } from '@billing-api/openapi-model';
import { ArgumentError, readArguments } from './cli/args.js';
import { ControlError } from './live/control.js';
import { UsageError } from './live/errors.js';
import { TransportError } from './live/http.js';
import { bundledSpec } from './spec.js';

const HELP = `billing-conformance: check a Billing API server against the bundled OpenAPI spec

Usage: billing-conformance [--base-url URL --api-key KEY] [options]

Options:
  --base-url <url>      the server to check; without it a fresh sandbox is started on a free
                        127.0.0.1 port and stopped afterwards (needs @billing-api/sandbox)
  --api-key <key>       v2 key (Authorization: Bearer), with read:billing and write:billing;
                        not used on a sandbox (the kit makes accounts of its own there)
  --v1-key <key>        v1 key (X-API-Key); defaults to --api-key
  --read-key <key>      a second key of the same account (read:billing) for every GET, so reads
                        and writes draw on two rate-limit buckets; refused in one line if the
                        server does not take it
  --out <dir>           write coverage.json, coverage.md, junit.xml and summary.txt there
  --sandbox             treat the server as a sandbox (use its /sandbox/ control endpoints)
  --no-sandbox          never use control endpoints (default: detected via GET /sandbox/health)
  --operation <id>      only this operation's scenarios (repeatable)
  --quiet               no progress on stderr
  --help                this text
`;

function fail(message: string): never {
  process.stderr.write(`billing-conformance: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<number> {
  let options: ReturnType<typeof readArguments>;
  try {
    options = readArguments(
      process.argv.slice(2),
      listOperations(bundledSpec).map((o) => o.id),
    );
  } catch (error) {
    if (error instanceof ArgumentError) fail(error.message);
    throw error;
  }
  if (options.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (options.out !== undefined) {
    // Before the run, so a run is never lost to a folder that cannot be written.
    await mkdir(options.out, { recursive: true }).catch((error: NodeJS.ErrnoException) =>
      fail(
        `--out ${JSON.stringify(options.out)}: expected a directory that can be created (${error.code ?? error.message})`,
      ),
    );
  }
  const [{ runConformance }, { allFindings }, { formatProgress }, { formatSummary }, { writeReports }] =
    await Promise.all([
      import('./run.js'),
      import('./report/model.js'),
      import('./report/progress.js'),
      import('./report/summary.js'),
      import('./report/write.js'),
    ]);
  const report = await runConformance({
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.v1Key ? { v1Key: options.v1Key } : {}),
    ...(options.readKey ? { readKey: options.readKey } : {}),
    ...(options.sandbox === undefined ? {} : { sandbox: options.sandbox }),
    ...(options.operations ? { operations: options.operations } : {}),
    ...(options.quiet
      ? {}
      : {
          onProgress: (progress) => {
            const line = formatProgress(progress);
            if (line) process.stderr.write(`${line}\n`);
          },
        }),
  });
  process.stdout.write(formatSummary(report));
  if (options.out !== undefined) {
    const files = await writeReports(options.out, report);
    process.stdout.write(`Reports: ${files.join(', ')}\n`);
  }
  return allFindings(report).length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof TransportError || error instanceof ControlError;
    const message = error instanceof Error ? error.message : String(error);
    fail(known ? message : `unexpected error: ${message}`);
  },
);
