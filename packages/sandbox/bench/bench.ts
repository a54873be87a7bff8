// Benchmark (not a test): autocannon against the sandbox and against Stoplight Prism's mock on the
// same bundled spec, in one run on this machine, both as child processes on 127.0.0.1:
//   1. GET /api/v2/billing/invoices/{id} (stateless read; the goal is sandbox >= 5x Prism req/s),
//   2. POST .../actions/apply-credit with a unique Idempotency-Key per request (the sandbox on a
//      file database, 0.01 SEK per call from plenty of credit; Prism answers from examples).
// Runs alternate (sandbox, Prism, sandbox, Prism, ...) for BENCH_ROUNDS rounds (default 3) of
// BENCH_SECONDS (default 3) each, and the median round of each is reported, so load from other
// processes on a shared 2-core machine hits both sides alike. Prints req/s, p99 and the ratios.
//
// BENCH_BASELINE_CLI=<path to another build's dist/cli.js> adds that build as a third server, measured
// in the same alternating rounds, and prints this build's ratio to it (before/after a change).
//
// Prism is installed on first use into .tmp/prism with npm (it is not a workspace devDependency:
// @stoplight/prism-cli 5.14.2 depends on ^-ranges that now resolve to Node 24-only releases, so the
// versions of its own release are pinned there with npm `overrides`).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const here = dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SPEC = createRequire(import.meta.url).resolve('@billing-api/openapi/openapi.json');
const CLI = join(here, '..', 'dist', 'cli.js');
const BASELINE_CLI = process.env.BENCH_BASELINE_CLI;
const PRISM_DIR = join(here, '..', '.tmp', 'prism');
const PRISM_BIN = join(PRISM_DIR, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
const children: ChildProcess[] = [];

function installPrism(): void {
  if (existsSync(PRISM_BIN)) return;
  mkdirSync(PRISM_DIR, { recursive: true });
  writeFileSync(
    join(PRISM_DIR, 'package.json'),
    JSON.stringify(
      {
        name: 'prism-bench-peer',
        private: true,
        dependencies: { '@stoplight/prism-cli': '5.14.2' },
        overrides: {
          '@stoplight/prism-core': '5.8.0',
          '@stoplight/prism-http': '5.12.0',
          '@stoplight/prism-http-server': '5.12.0',
        },
      },
      null,
      2,
    ),
  );
  console.log('installing @stoplight/prism-cli 5.14.2 into .tmp/prism (first run only)...');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: PRISM_DIR,
    stdio: 'inherit',
    timeout: 300_000,
  });
}

/** Spawns a server and resolves with its URL once `pattern` appears in its output. */
function spawnServer(args: string[], pattern: RegExp, name: string): Promise<string> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = pattern.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${output}`)));
  });
}

/** Starts Prism's mock and resolves with its URL when it answers HTTP (60 s at most). */
async function startPrism(port: number): Promise<string> {
  const child = spawn(
    process.execPath,
    [PRISM_BIN, 'mock', '-h', '127.0.0.1', '-p', String(port), '-v', 'silent', SPEC],
    { stdio: 'ignore' },
  );
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600 && child.exitCode === null; i++) {
    try {
      await fetch(`${url}/`);
      return url;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`prism did not start on port ${port}`);
}

interface Result {
  rps: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(url: string, options: Partial<autocannon.Options>): Promise<Result> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, ...options });
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

async function json(url: string, init?: RequestInit): Promise<any> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function main(): Promise<void> {
  if (!existsSync(CLI))
    throw new Error(`build the sandbox first (${CLI} is missing): pnpm --filter @billing-api/sandbox build`);
  installPrism();
  const dir = mkdtempSync(join(tmpdir(), 'billing-bench-'));
  try {
    const prismPort = 20000 + Math.floor(Math.random() * 20000);
    const sandboxArgs = (cli: string, file: string) => [
      cli,
      '--port',
      '0',
      '--quiet',
      '--rate-limit',
      'off',
      '--data',
      join(dir, file),
      '--no-demo',
    ];
    const [sandbox, baseline, prism] = await Promise.all([
      spawnServer(sandboxArgs(CLI, 'bench.db'), /listening on (http:\/\/\S+)/, 'sandbox'),
      BASELINE_CLI
        ? spawnServer(sandboxArgs(BASELINE_CLI, 'baseline.db'), /listening on (http:\/\/\S+)/, 'baseline')
        : Promise.resolve(undefined),
      // Prism logs every request at its default level; `silent` keeps the comparison fair (the sandbox
      // runs with --quiet), so its readiness is polled instead of read from its output.
      startPrism(prismPort),
    ]);
    // One account with plenty of credit and a large unpaid invoice to apply 0.01 at a time.
    const setUp = async (base: string) => {
      const account = await json(`${base}/sandbox/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          credit: 10_000_000,
          invoices: [{ status: 'unpaid', lines: [{ description: 'Bench', unitAmount: 5_000_000, taxRate: 25 }] }],
        }),
      });
      return {
        auth: { authorization: `Bearer ${account.keys.readWrite}` },
        get: `/api/v2/billing/invoices/${account.invoices[0].id}`,
      };
    };
    const { auth, get } = await setUp(sandbox);
    const base = baseline ? await setUp(baseline) : undefined;
    const exampleGet = '/api/v2/billing/invoices/inv_01jd8k3a5b7c9d1e3f5g7h9j1k';
    let n = 0;
    const post = (path: string, headers = auth): Partial<autocannon.Options> => ({
      requests: [
        {
          method: 'POST',
          path,
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ amount: 0.01 }),
          setupRequest: (request) => ({
            ...request,
            headers: { ...request.headers, 'idempotency-key': `bench-${process.pid}-${n++}` },
          }),
        },
      ],
    });
    // Warm up both (JIT, compiled validators), then measure.
    await load(sandbox + get, { headers: auth, duration: 1 });
    await load(prism + exampleGet, { headers: auth, duration: 1 });
    const median = async (runs: Array<() => Promise<Result>>): Promise<Result[]> => {
      const results: Result[][] = runs.map(() => []);
      for (let round = 0; round < ROUNDS; round++) {
        for (const [i, run] of runs.entries()) results[i]!.push(await run());
      }
      return results.map((list) => [...list].sort((a, b) => a.rps - b.rps)[Math.floor(list.length / 2)]!);
    };
    const gets: Array<() => Promise<Result>> = [
      () => load(sandbox + get, { headers: auth }),
      () => load(prism + exampleGet, { headers: auth }),
    ];
    const posts: Array<() => Promise<Result>> = [
      () => load(sandbox, post(`${get}/actions/apply-credit`)),
      () => load(prism, post(`${exampleGet}/actions/apply-credit`)),
    ];
    if (baseline && base) {
      gets.push(() => load(baseline + base.get, { headers: base.auth }));
      posts.push(() => load(baseline, post(`${base.get}/actions/apply-credit`, base.auth)));
    }
    const [getSandbox, getPrism, getBaseline] = await median(gets);
    const [postSandbox, postPrism, postBaseline] = await median(posts);
    const rows: Array<[string, Result]> = [
      ['GET invoice       sandbox', getSandbox!],
      ['GET invoice       prism', getPrism!],
      ...(getBaseline ? [['GET invoice       baseline', getBaseline] as [string, Result]] : []),
      ['POST apply-credit sandbox', postSandbox!],
      ['POST apply-credit prism', postPrism!],
      ...(postBaseline ? [['POST apply-credit baseline', postBaseline] as [string, Result]] : []),
    ];

    const invoice = await json(sandbox + get, { headers: auth });
    console.log(
      `\nautocannon, ${CONNECTIONS} connections, median of ${ROUNDS} alternating runs of ${SECONDS} s, Node ${process.version}, servers on 127.0.0.1`,
    );
    console.log('run                        req/s      p99 ms   non-2xx  errors');
    for (const [name, r] of rows) {
      console.log(
        `${name.padEnd(26)} ${r.rps.toFixed(0).padStart(8)} ${String(r.p99).padStart(10)} ${String(r.non2xx).padStart(9)} ${String(r.errors).padStart(7)}`,
      );
    }
    const ratio = (a: Result, b: Result) => (a.rps / b.rps).toFixed(1);
    console.log(`\nsandbox / prism, GET invoice:       ${ratio(getSandbox!, getPrism!)}x (goal >= 5x)`);
    console.log(
      `sandbox / prism, POST apply-credit: ${ratio(postSandbox!, postPrism!)}x (the sandbox writes to SQLite, Prism returns an example)`,
    );
    if (getBaseline && postBaseline) {
      console.log(`sandbox / baseline, GET invoice:       ${ratio(getSandbox!, getBaseline)}x (${BASELINE_CLI})`);
      console.log(`sandbox / baseline, POST apply-credit: ${ratio(postSandbox!, postBaseline)}x`);
    }
    console.log(
      `credit applied by the sandbox run: ${invoice.creditApplied} SEK in 0.01 steps (each request one transaction)`,
    );
  } finally {
    for (const child of children) child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  for (const child of children) child.kill('SIGKILL');
  process.exit(1);
});
