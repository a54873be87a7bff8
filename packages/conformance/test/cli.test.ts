// The billing-conformance CLI as users run it (the built dist/cli.js): against a fresh sandbox of its
// own it passes and writes every report; against a faulty server it exits 1 and says where; bad
// arguments and unreachable servers exit 2 with one precise line, never a stack trace.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningSandbox } from '@billing-api/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonResponse, startFaultProxy } from './helpers/fault-proxy.js';
import { PACKAGE_DIR } from './helpers/redocly.js';
import { withSandbox } from './helpers/sandbox.js';

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
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('(sandbox)');
    expect(run.stdout).toContain('Coverage: 29/29 operations exercised');
    expect(run.stdout).toContain('Result: PASS');
    expect(run.code).toBe(0);
    const coverage = JSON.parse(await readFile(join(OUT, 'fresh', 'coverage.json'), 'utf8'));
    expect(coverage.totals).toMatchObject({
      findings: 0,
      operations: 29,
      operationsExercised: 29,
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
  });

  it('exits 1 against a faulty server and names the operation, status and pointer', async () => {
    const proxy = await startFaultProxy(sandbox.url, [
      {
        operation: 'getInvoice',
        response: (r) => (r.status === 200 ? jsonResponse(r, ({ total: _total, ...rest }) => rest) : r),
      },
    ]);
    try {
      const run = await cli(['--base-url', proxy.url, '--operation', 'getInvoice', '--out', join(OUT, 'faulty')]);
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

  it('exits 2 with one precise line on bad arguments and unreachable servers', async () => {
    const port = await closedPort();
    const cases: Array<[string[], string]> = [
      [['--bogus'], "billing-conformance: Unknown option '--bogus'"],
      [
        ['--base-url', 'localhost:4010'],
        'billing-conformance: --base-url must be an http(s) URL, got "localhost:4010"',
      ],
      [
        ['--operation', 'payEverything'],
        'billing-conformance: --operation payEverything is not an operationId of the spec',
      ],
      [['--api-key', 'sk_test_x'], 'billing-conformance: --api-key and --v1-key need --base-url'],
      [
        ['--base-url', `http://127.0.0.1:${port}`, '--api-key', 'sk_test_x'],
        `billing-conformance: GET http://127.0.0.1:${port}/: ECONNREFUSED`,
      ],
    ];
    for (const [args, line] of cases) {
      const run = await cli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.split('\n')[0]).toContain(line);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    }
  });

  it('--help prints the usage and exits 0', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: billing-conformance');
  });
});
