// The billing-conformance CLI as users run it (the built dist/cli.js): against a fresh sandbox of its
// own it passes, prints progress on stderr (none with --quiet) and writes every report; against a
// faulty server it exits 1 and says where; every bad flag and an unreachable server exit 2 with one
// line naming the flag, the value and what is expected: never a stack trace, never the help text.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listOperations } from '@billing-api/openapi-model';
import type { RunningSandbox } from '@billing-api/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledSpec } from '../src/spec.js';
import { jsonResponse, startFaultProxy } from './helpers/fault-proxy.js';
import { PACKAGE_DIR } from './helpers/redocly.js';
import { withSandbox } from './helpers/sandbox.js';

const operationCount = listOperations(bundledSpec).length;

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const OUT = join(PACKAGE_DIR, 'test-results', 'cli');

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: build the package first (pnpm --filter @billing-api/conformance build)`);
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await withSandbox();
  await rm(OUT, { recursive: true, force: true });
});
afterAll(async () => {
  await sandbox.close();
});

describe('billing-conformance', () => {
  it('without --base-url checks a fresh sandbox of its own, passes, and writes the reports', async () => {
    const run = await cli(['--out', join(OUT, 'fresh')]);
    const progress = run.stderr.trimEnd().split('\n');
    expect(progress[0]).toMatch(
      /^Checking http:\/\/127\.0\.0\.1:\d+ \(sandbox: accounts of its own\): (\d+) scenarios$/,
    );
    const total = progress[0]!.match(/(\d+) scenarios$/)![1];
    expect(progress.slice(1).every((line) => /^\[ *\d+\/\d+\] \S+ +\w+: \d+ passed/.test(line))).toBe(true);
    expect(progress.at(-1)).toMatch(new RegExp(`^\\[${total}/${total}\\] `));
    expect(run.stdout).toContain('(sandbox)');
    expect(run.stdout).toContain(`Coverage: ${operationCount}/${operationCount} operations exercised`);
    expect(run.stdout).toMatch(/^Sandbox clock moved: 30 d 1 s \(only the clocks of accounts the run made\)$/m);
    expect(run.stdout).toContain('Result: PASS');
    expect(run.code).toBe(0);
    const coverage = JSON.parse(await readFile(join(OUT, 'fresh', 'coverage.json'), 'utf8'));
    expect(coverage.totals).toMatchObject({
      findings: 0,
      operations: operationCount,
      operationsExercised: operationCount,
      notReachable: 0,
      failed: 0,
    });
    expect(
      coverage.matrix.operations.flatMap((o: { cells: Array<{ state: string }> }) => o.cells.map((c) => c.state)),
    ).not.toContain('failed');
    expect(await readFile(join(OUT, 'fresh', 'junit.xml'), 'utf8')).toMatch(
      /<testsuites name="billing-conformance" tests="\d+" failures="0"/,
    );
    expect(await readFile(join(OUT, 'fresh', 'coverage.md'), 'utf8')).toContain('| `listInvoices` |');
    expect(await readFile(join(OUT, 'fresh', 'summary.txt'), 'utf8')).toBe(run.stdout.split('Reports: ')[0]);
  }, 300_000); // a whole run against its own sandbox

  it('exits 1 against a faulty server and names the operation, status and pointer', async () => {
    const proxy = await startFaultProxy(sandbox.url, [
      {
        operation: 'getInvoice',
        response: (r) => (r.status === 200 ? jsonResponse(r, ({ total: _total, ...rest }) => rest) : r),
      },
    ]);
    try {
      const run = await cli([
        '--base-url',
        proxy.url,
        '--operation',
        'getInvoice',
        '--out',
        join(OUT, 'faulty'),
        '--quiet',
      ]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('getInvoice 200 /total missing_required: expected present, got (missing)');
      expect(run.stdout).toMatch(/Result: FAIL \(\d+ findings\)/);
      expect(await readFile(join(OUT, 'faulty', 'junit.xml'), 'utf8')).toMatch(
        /<testsuite name="getInvoice" tests="\d+" failures="[1-9]/,
      );
      expect(await readFile(join(OUT, 'faulty', 'coverage.md'), 'utf8')).toContain('❌');
    } finally {
      await proxy.close();
    }
  });

  it('exits 2 with one line naming the flag, the value and what is expected', async () => {
    const port = await closedPort();
    const file = join(OUT, 'a-file');
    await mkdir(OUT, { recursive: true });
    await writeFile(file, 'not a folder');
    const cases: Array<[string[], string]> = [
      [['--bogus'], 'unknown option --bogus: expected one of --base-url, --api-key'],
      [['--base-ulr', 'http://127.0.0.1:1'], 'unknown option --base-ulr: expected --base-url (the closest)'],
      [['-q'], 'unknown option -q: expected one of'],
      [['http://127.0.0.1:1'], 'unexpected argument "http://127.0.0.1:1": expected options only'],
      [['--base-url'], '--base-url needs a value: expected an http(s) URL such as http://127.0.0.1:4010'],
      [['--base-url', '--api-key', 'k'], '--base-url needs a value: expected an http(s) URL'],
      [
        ['--base-url', 'localhost:4010'],
        '--base-url "localhost:4010": expected an http(s) URL such as http://127.0.0.1:4010',
      ],
      [['--base-url', 'ftp://example.test'], '--base-url "ftp://example.test": expected an http(s) URL'],
      [
        ['--base-url', 'http://127.0.0.1:1/?x=1'],
        '--base-url "http://127.0.0.1:1/?x=1": expected an http(s) URL such as http://127.0.0.1:4010, without a query or fragment',
      ],
      [['--base-url', 'http://a', '--base-url', 'http://b'], '--base-url is given twice: expected it once'],
      [
        ['--base-url', 'http://127.0.0.1:1', '--api-key', ''],
        '--api-key "": expected an API key (one word, no spaces)',
      ],
      [['--base-url', 'http://127.0.0.1:1', '--api-key', 'sk test'], '--api-key "sk test": expected an API key'],
      [['--base-url', 'http://127.0.0.1:1', '--v1-key', 'a\nb'], '--v1-key "a\\nb": expected an API key'],
      [['--api-key', 'sk_test_x'], '--api-key is given without --base-url: expected --base-url too'],
      [['--no-sandbox'], '--no-sandbox is given without --base-url: expected --base-url too'],
      [['--sandbox', '--no-sandbox'], '--sandbox and --no-sandbox are both given: expected one of them'],
      [['--sandbox=yes'], '--sandbox "yes": expected no value (--sandbox is a switch)'],
      [['--quiet=1'], '--quiet "1": expected no value'],
      [['--out', ''], '--out "": expected a directory for the reports (created if missing)'],
      [
        ['--out', join(file, 'reports')],
        `--out ${JSON.stringify(join(file, 'reports'))}: expected a directory that can be created (ENOTDIR)`,
      ],
      [
        ['--operation', 'getInvoices'],
        '--operation "getInvoices": expected an operationId of the spec (did you mean getInvoice?)',
      ],
      [
        ['--operation', 'zzzzzzzzzzzzzzzzzzzz'],
        '--operation "zzzzzzzzzzzzzzzzzzzz": expected an operationId of the spec, one of listInvoices, getInvoice',
      ],
      [['--operation'], '--operation needs a value: expected an operationId of the spec'],
      [
        ['--base-url', `http://127.0.0.1:${port}`, '--api-key', 'sk_test_x'],
        `GET http://127.0.0.1:${port}/: ECONNREFUSED`,
      ],
    ];
    for (const [args, line] of cases) {
      const run = await cli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.startsWith(`billing-conformance: ${line}`), `${args.join(' ')}\n${run.stderr}`).toBe(true);
      expect(run.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stdout).toBe('');
    }
  }, 300_000); // one process per case

  it('--help prints the usage and exits 0', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: billing-conformance');
  });
});
