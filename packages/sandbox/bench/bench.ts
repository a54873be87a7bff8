// Benchmark (not a test): a load generator against every target of targets() below, in one run on
// this machine, each as child processes on 127.0.0.1, and one table of the results:
//   - GET /api/v2/billing/invoices/{id} (a stateless read),
//   - POST .../actions/apply-credit with a unique Idempotency-Key per request (on the sandbox a durable
//     write: 0.01 SEK per call from plenty of credit, committed before it is answered, to BENCH_ACCOUNTS
//     accounts in turn, default 10; Prism answers from examples, node:http with its fixed body).
// Targets: the sandbox on a SQLite file (one process); the sandbox on PostgreSQL with 1, 2 and 3
// instances on one database (the connections are spread over their URLs); Stoplight Prism's
// mock on the same bundled spec; and a plain node:http server answering a fixed JSON body (the
// sandbox's own GET response), the ceiling of this machine for an HTTP server in Node.
// After a warm-up of BENCH_WARMUP_SECONDS (default 3) per target, runs alternate (every target, then
// again, ...) for BENCH_ROUNDS rounds (default 3) of BENCH_SECONDS (default 3) each, every one after
// BENCH_REWARM_SECONDS (default 1) of the same load that is not counted, at
// BENCH_CONNECTIONS (default 10), and the median round of each is reported, so
// load from other processes on a shared machine hits every target alike. Ratios are to Prism and to
// node:http; the goals of the durable write path are checked at the end.
//
// PostgreSQL rows need a sandbox CLI with `--database` and PostgreSQL's server binaries (Debian's
// /usr/lib/postgresql/<version>/bin, or initdb on PATH): the bench starts a throwaway cluster of its
// own with durable settings (package-tooling's startCluster with `durable: true`: fsync and
// synchronous_commit on) in a temporary folder. Otherwise each of
// those rows says why it is not available; no number is ever made up.
//
// BENCH_BASELINE_CLI=<path to another build's dist/cli.js> adds that build on a SQLite file as another
// target (before/after a change).
//
// The load generator (BENCH_LOADGEN): wrk when it is installed (Debian: apt-get install wrk), else
// autocannon. wrk is C on epoll, takes about a tenth of a core at the sandbox's rates and records
// latencies to the microsecond; autocannon runs in Node on the same two cores, is the limit for a fast
// server (a bare node:http server answers it 28 000 to 40 000 requests a second, wrk 55 000 to 65 000)
// and records whole milliseconds. Each wrk process runs a Lua script written here (a new
// Idempotency-Key per request, the accounts in turn) and leaves its latency histogram in a file, so
// the histograms of several instances' wrk processes merge into one p99.
//
// Prism is installed on first use into .tmp/prism with npm (it is not a workspace devDependency:
// @stoplight/prism-cli 5.14.2 depends on ^-ranges that now resolve to Node 24-only releases, so the
// versions of its own release are pinned there with npm `overrides`).
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startCluster } from '@billing-api/package-tooling/postgres-cluster';
import autocannon from 'autocannon';
import pg from 'pg';

const here = dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const REWARM_SECONDS = Number(process.env.BENCH_REWARM_SECONDS ?? 1);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ACCOUNTS = Math.max(1, Number(process.env.BENCH_ACCOUNTS ?? 10));
const SPEC = createRequire(import.meta.url).resolve('@billing-api/openapi/openapi.json');
const CLI = join(here, '..', 'dist', 'cli.js');
const BASELINE_CLI = process.env.BENCH_BASELINE_CLI;
const PRISM_DIR = join(here, '..', '.tmp', 'prism');
const PRISM_BIN = join(PRISM_DIR, 'node_modules', '@stoplight', 'prism-cli', 'dist', 'index.js');
const EXAMPLE_INVOICE = '/api/v2/billing/invoices/inv_01jd8k3a5b7c9d1e3f5g7h9j1k';
/** Goals of the durable write path, checked against the SQLite row. */
const GOALS = { postP99Ms: 5, postOverPrismGet: 2 };
const children: ChildProcess[] = [];
/** The run's temporary folder (databases, wrk's scripts and results). */
let scratch = '';
const cleanups: Array<() => void> = [];

// ---------------------------------------------------------------------------------------------
// The targets: the table's rows, in order. Each starts what it measures, once, before the rounds.

/** What one load sends: requests to `targets` in turn, each with a new Idempotency-Key when `keyed`. */
interface Load {
  method: 'GET' | 'POST';
  targets: Array<{ path: string; headers: Record<string, string> }>;
  body?: string;
  keyed: boolean;
}

interface Running {
  /** One URL, or several (instances behind one database): the connections are spread over them. */
  urls: string[];
  get: Load;
  post: Load;
}

type Started = Running | { unavailable: string };

interface Target {
  name: string;
  start(): Promise<Started>;
}

function targets(dir: string): Target[] {
  const postgres = lazy(() => startSandboxesOnPostgres(3, 'on'));
  const onPostgres = (instances: number) => async (): Promise<Started> => {
    const started = await postgres();
    return 'unavailable' in started ? started : { ...started, urls: started.urls.slice(0, instances) };
  };
  return [
    { name: 'sandbox, SQLite file, 1 process', start: () => startSandboxOnSqlite(CLI, join(dir, 'bench.db')) },
    ...(BASELINE_CLI
      ? [
          {
            name: 'baseline sandbox, SQLite file',
            start: () => startSandboxOnSqlite(BASELINE_CLI, join(dir, 'baseline.db')),
          },
        ]
      : []),
    { name: 'sandbox, PostgreSQL, 1 instance', start: onPostgres(1) },
    { name: 'sandbox, PostgreSQL, 2 instances', start: onPostgres(2) },
    { name: 'sandbox, PostgreSQL, 3 instances', start: onPostgres(3) },
    { name: 'sandbox, PostgreSQL, 1, sync. commit off', start: () => startSandboxesOnPostgres(1, 'off') },
    { name: 'prism mock (examples)', start: startPrism },
    { name: 'node:http, fixed JSON body', start: () => startFixedJson(dir) },
  ];
}

const PRISM = 'prism mock (examples)';
const NODE_HTTP = 'node:http, fixed JSON body';
const SQLITE = 'sandbox, SQLite file, 1 process';

// ---------------------------------------------------------------------------------------------

function lazy<T>(make: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= make());
}

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

async function json(url: string, init?: RequestInit): Promise<any> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** apply-credit of 0.01 with a new Idempotency-Key on every request, to each account's invoice in turn. */
function applyCredit(targets: Array<{ path: string; auth: Record<string, string> }>): Load {
  return {
    method: 'POST',
    targets: targets.map(({ path, auth }) => ({
      path: `${path}/actions/apply-credit`,
      headers: { ...auth, 'content-type': 'application/json' },
    })),
    body: JSON.stringify({ amount: 0.01 }),
    keyed: true,
  };
}

const getOne = (path: string, auth: Record<string, string>): Load => ({
  method: 'GET',
  targets: [{ path, headers: auth }],
  keyed: false,
});

/**
 * BENCH_ACCOUNTS accounts (default 10), each with plenty of credit and a large unpaid invoice to apply
 * 0.01 at a time: the requests take them in turn, as integrators of a shared sandbox each work on
 * their own account. BENCH_ACCOUNTS=1 sends every write to one invoice (they queue on its row lock).
 */
async function benchAccounts(base: string): Promise<Omit<Running, 'urls'>> {
  const made = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    const account = await json(`${base}/sandbox/accounts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        credit: 10_000_000,
        invoices: [{ status: 'unpaid', lines: [{ description: 'Bench', unitAmount: 5_000_000, taxRate: 25 }] }],
      }),
    });
    made.push({
      path: `/api/v2/billing/invoices/${account.invoices[0].id}`,
      auth: { authorization: `Bearer ${account.keys.readWrite}` },
    });
  }
  const first = made[0]!;
  return { get: getOne(first.path, first.auth), post: applyCredit(made) };
}

const sandboxArgs = (cli: string, storage: string[]) => [
  cli,
  '--port',
  '0',
  '--quiet',
  '--rate-limit',
  'off',
  '--no-demo',
  ...storage,
];

async function startSandboxOnSqlite(cli: string, file: string): Promise<Started> {
  const url = await spawnServer(sandboxArgs(cli, ['--data', file]), /listening on (http:\/\/\S+)/, cli);
  return { urls: [url], ...(await benchAccounts(url)) };
}

/** One throwaway cluster for every PostgreSQL row, with PostgreSQL's durable defaults (fsync on). */
const cluster = lazy(async () => {
  const started = await startCluster({ durable: true });
  cleanups.push(() => started.stop());
  return started;
});

/**
 * `instances` sandbox processes on one new PostgreSQL database. `synchronous_commit` on (the default)
 * answers a write once it is on the server's disk (safe from a power cut); off answers it once the
 * server has it (safe from a killed sandbox or server process, the last few ms lost on a power cut:
 * the durability of the SQLite row, WAL with synchronous=NORMAL).
 */
async function startSandboxesOnPostgres(instances: number, synchronousCommit: 'on' | 'off'): Promise<Started> {
  const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
  if (!`${help.stdout}${help.stderr}`.includes('--database'))
    return { unavailable: 'this sandbox CLI has no --database option' };
  let database: string;
  try {
    database = await (await cluster()).createDatabase();
    if (synchronousCommit === 'off') {
      const client = new pg.Client({ connectionString: database });
      await client.connect();
      await client.query(`ALTER DATABASE "${new URL(database).pathname.slice(1)}" SET synchronous_commit = off`);
      await client.end();
    }
  } catch (error) {
    return { unavailable: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
  const urls: string[] = [];
  for (let i = 0; i < instances; i++)
    urls.push(
      await spawnServer(sandboxArgs(CLI, ['--database', database]), /listening on (http:\/\/\S+)/, `instance ${i}`),
    );
  return { urls, ...(await benchAccounts(urls[0]!)) };
}

/** Starts Prism's mock and resolves when it answers HTTP (60 s at most). */
async function startPrism(): Promise<Started> {
  installPrism();
  const port = await freePort();
  // Prism logs every request at its default level; `silent` keeps the comparison fair (the sandbox
  // runs with --quiet), so its readiness is polled instead of read from its output.
  const child = spawn(
    process.execPath,
    [PRISM_BIN, 'mock', '-h', '127.0.0.1', '-p', String(port), '-v', 'silent', SPEC],
    { stdio: 'ignore' },
  );
  children.push(child);
  const url = `http://127.0.0.1:${port}`;
  const auth = { authorization: 'Bearer sk_test_bench' };
  for (let i = 0; i < 600 && child.exitCode === null; i++) {
    try {
      await fetch(`${url}/`);
      return {
        urls: [url],
        get: getOne(EXAMPLE_INVOICE, auth),
        post: applyCredit([{ path: EXAMPLE_INVOICE, auth }]),
      };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`prism did not start on port ${port}`);
}

/** A node:http server that answers every request with the same JSON body: the sandbox's GET invoice response. */
async function startFixedJson(dir: string): Promise<Started> {
  const sandbox = await startSandboxOnSqlite(CLI, join(dir, 'body.db'));
  if ('unavailable' in sandbox) return sandbox;
  const [target] = sandbox.get.targets;
  const res = await fetch(`${sandbox.urls[0]}${target!.path}`, { headers: target!.headers });
  const body = join(dir, 'body.json');
  writeFileSync(body, await res.text());
  const server = `
    const body = require('node:fs').readFileSync(${JSON.stringify(body)});
    require('node:http').createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
        res.end(body);
      });
    }).listen(0, '127.0.0.1', function () { console.log('listening on http://127.0.0.1:' + this.address().port); });`;
  const url = await spawnServer(['-e', server], /listening on (http:\/\/\S+)/, 'node:http');
  return { urls: [url], get: sandbox.get, post: sandbox.post };
}

// ---------------------------------------------------------------------------------------------

interface Result {
  rps: number;
  /** In ms: wrk's to the microsecond, autocannon's in whole ms. */
  p99: number;
  failed: number;
}

const wrkInstalled = () => !spawnSync('wrk', ['--version']).error;
const LOADGEN = process.env.BENCH_LOADGEN ?? (wrkInstalled() ? 'wrk' : 'autocannon');

function load(urls: string[], what: Load, duration = SECONDS): Promise<Result> {
  return LOADGEN === 'wrk' ? loadWithWrk(urls, what, duration) : loadWithAutocannon(urls, what, duration);
}

let keys = 0;
async function loadWithAutocannon(urls: string[], what: Load, duration: number): Promise<Result> {
  const [only] = what.targets;
  const options: Partial<autocannon.Options> =
    what.targets.length === 1 && !what.keyed
      ? { headers: only!.headers, requests: [{ method: what.method, path: only!.path, body: what.body }] }
      : {
          requests: [
            {
              method: what.method,
              body: what.body,
              setupRequest: (request) => {
                const n = keys++;
                const target = what.targets[n % what.targets.length]!;
                const key = what.keyed ? { 'idempotency-key': `bench-${process.pid}-${n}` } : {};
                return { ...request, path: target.path, headers: { ...request.headers, ...target.headers, ...key } };
              },
            },
          ],
        };
  // autocannon takes several URLs (its types say one) and spreads the connections over them.
  const url = urls as unknown as string;
  const result = await autocannon({ ...options, url, connections: CONNECTIONS, duration });
  return { rps: result.requests.average, p99: result.latency.p99, failed: result.non2xx + result.errors };
}

let wrkRuns = 0;
/** A Lua string literal (the values here are ASCII: paths, keys, JSON). */
const lua = (value: string) => JSON.stringify(value);

/** wrk's script: the requests of `what`, and at the end its counts and latency histogram into `out`. */
function wrkScript(what: Load, keyPrefix: string, out: string): string {
  const targets = what.targets
    .map(({ path, headers }) => {
      const fields = Object.entries(headers).map(([name, value]) => `[${lua(name)}] = ${lua(value)}`);
      return `{ path = ${lua(path)}, headers = { ${fields.join(', ')} } }`;
    })
    .join(',\n  ');
  return `local targets = {
  ${targets}
}
local n = 0
request = function()
  local target = targets[(n % #targets) + 1]
  local headers = {}
  for name, value in pairs(target.headers) do headers[name] = value end
  ${what.keyed ? `headers["idempotency-key"] = ${lua(keyPrefix)} .. n` : ''}
  n = n + 1
  return wrk.format(${lua(what.method)}, target.path, headers, ${what.body === undefined ? 'nil' : lua(what.body)})
end
done = function(summary, latency, requests)
  local file = assert(io.open(${lua(out)}, "w"))
  local errors = summary.errors
  file:write(string.format("%d %d %d %d\\n", summary.requests, summary.duration, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout))
  for i = 1, #latency do
    local value, count = latency(i)
    file:write(string.format("%d %d\\n", value, count))
  end
  file:close()
end
`;
}

/**
 * One wrk process per URL, the connections spread over them as autocannon does (the first URLs get
 * one more), run at once; their counts add up and their histograms merge into one p99.
 */
async function loadWithWrk(urls: string[], what: Load, duration: number): Promise<Result> {
  const runs = urls.map((url, i) => {
    const connections = Math.floor(CONNECTIONS / urls.length) + (i < CONNECTIONS % urls.length ? 1 : 0);
    const run = ++wrkRuns;
    const script = join(scratch, `wrk-${run}.lua`);
    const out = join(scratch, `wrk-${run}.out`);
    writeFileSync(script, wrkScript(what, `bench-${process.pid}-${run}-`, out));
    const args = ['-t1', `-c${connections}`, `-d${duration}s`, '--timeout', '10s', '-s', script, url];
    return new Promise<string>((resolve, reject) => {
      const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('error', reject);
      child.once('exit', (code) => {
        if (code === 0 && existsSync(out)) resolve(readFileSync(out, 'utf8'));
        else reject(new Error(`wrk ${args.join(' ')} (exit ${code}) left no results:\n${output}`));
      });
    });
  });
  let requests = 0;
  let seconds = 0;
  let failed = 0;
  const histogram: Array<[number, number]> = [];
  for (const text of await Promise.all(runs)) {
    const [head, ...lines] = text.trim().split('\n');
    const [count, micros, status, socket] = head!.split(' ').map(Number) as [number, number, number, number];
    requests += count;
    seconds = Math.max(seconds, micros / 1e6);
    failed += status + socket;
    for (const line of lines) histogram.push(line.split(' ').map(Number) as [number, number]);
  }
  histogram.sort((a, b) => a[0] - b[0]);
  const total = histogram.reduce((sum, [, count]) => sum + count, 0);
  let seen = 0;
  let p99 = 0;
  for (const [micros, count] of histogram) {
    seen += count;
    p99 = micros;
    if (seen >= total * 0.99) break;
  }
  return { rps: requests / seconds, p99: p99 / 1000, failed };
}

const median = (list: Result[]) => [...list].sort((a, b) => a.rps - b.rps)[Math.floor(list.length / 2)]!;

async function main(): Promise<void> {
  if (!existsSync(CLI))
    throw new Error(`build the sandbox first (${CLI} is missing): pnpm --filter @billing-api/sandbox build`);
  if (LOADGEN !== 'wrk' && LOADGEN !== 'autocannon')
    throw new Error(`BENCH_LOADGEN=${LOADGEN}: expected wrk or autocannon`);
  if (LOADGEN === 'wrk' && !wrkInstalled())
    throw new Error('BENCH_LOADGEN=wrk, but wrk is not installed (Debian: apt-get install wrk)');
  const dir = mkdtempSync(join(tmpdir(), 'billing-bench-'));
  scratch = dir;
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const list = targets(dir);
  const started: Started[] = [];
  for (const target of list) started.push(await target.start());
  const runs = list.flatMap((target, i) => {
    const s = started[i]!;
    return 'unavailable' in s ? [] : [{ target, s, get: [] as Result[], post: [] as Result[] }];
  });
  // Warm up every target (V8 optimises a hot path over seconds, not one; compiled validators,
  // connection pools), then measure.
  for (const run of runs) {
    await load(run.s.urls, run.s.get, WARMUP_SECONDS);
    await load(run.s.urls, run.s.post, WARMUP_SECONDS);
  }
  // Each round as it ends: the table has the medians, this shows how far the rounds were apart.
  // A server that sat idle through the other targets' rounds answers its first second slower (V8 may
  // have dropped the bytecode of functions idle that long; caches are cold): one build, after 15 s idle,
  // read a p99 of 5.3 to 6.4 ms over 3 s, and 4.0 to 4.7 ms after 1 s of load first. So each round
  // starts with BENCH_REWARM_SECONDS of its own load, not counted, and measures the warm server.
  const measure = async (run: (typeof runs)[number], method: 'get' | 'post', round: number) => {
    if (REWARM_SECONDS > 0) await load(run.s.urls, run.s[method], REWARM_SECONDS);
    const result = await load(run.s.urls, run.s[method]);
    run[method].push(result);
    console.log(
      `round ${round + 1} ${method.toUpperCase().padEnd(4)} ${run.target.name.padEnd(40)} ${result.rps.toFixed(0).padStart(6)} req/s, p99 ${result.p99} ms`,
    );
  };
  for (let round = 0; round < ROUNDS; round++) for (const run of runs) await measure(run, 'get', round);
  for (let round = 0; round < ROUNDS; round++) for (const run of runs) await measure(run, 'post', round);
  const results = new Map(runs.map((run) => [run.target.name, { get: median(run.get), post: median(run.post) }]));

  console.log(
    `\n${LOADGEN}, ${CONNECTIONS} connections, median of ${ROUNDS} alternating runs of ${SECONDS} s, Node ${process.version}, servers on 127.0.0.1`,
  );
  console.log('GET invoice; POST apply-credit with a new Idempotency-Key each (on the sandbox: a durable write)');
  console.log(
    `POSTs take ${ACCOUNTS} accounts in turn (BENCH_ACCOUNTS), each its own invoice; PostgreSQL rows answer a write\n` +
      'once it is on disk (synchronous_commit on), except the "sync. commit off" row: once the server has it, the\n' +
      'durability of the SQLite row (safe from a kill, the last milliseconds lost on a power cut)\n',
  );
  const prism = results.get(PRISM);
  const node = results.get(NODE_HTTP);
  const ratio = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(2)}x` : '-');
  const ms = (p99: number) => (LOADGEN === 'wrk' ? p99.toFixed(1) : String(p99));
  const header = [
    'target'.padEnd(40),
    'GET req/s',
    'p99 ms',
    'POST req/s',
    'p99 ms',
    'failed',
    'GET/prism',
    'GET/node',
    'POST/prism',
    'POST/node',
  ];
  console.log(header.map((h, i) => (i === 0 ? h : h.padStart(10))).join(' '));
  for (const [i, target] of list.entries()) {
    const s = started[i]!;
    const r = results.get(target.name);
    if ('unavailable' in s || !r) {
      console.log(`${target.name.padEnd(40)} not available (${'unavailable' in s ? s.unavailable : 'not run'})`);
      continue;
    }
    const cells = [
      r.get.rps.toFixed(0),
      ms(r.get.p99),
      r.post.rps.toFixed(0),
      ms(r.post.p99),
      String(r.get.failed + r.post.failed),
      ratio(r.get.rps, prism?.get.rps),
      ratio(r.get.rps, node?.get.rps),
      ratio(r.post.rps, prism?.post.rps),
      ratio(r.post.rps, node?.post.rps),
    ];
    console.log([target.name.padEnd(40), ...cells.map((c) => c.padStart(10))].join(' '));
  }
  const sqlite = results.get(SQLITE);
  if (sqlite && prism) {
    const over = sqlite.post.rps / prism.get.rps;
    console.log(
      `\ndurable POST on SQLite: ${sqlite.post.rps.toFixed(0)} req/s = ${over.toFixed(2)}x Prism's GET (goal >= ${GOALS.postOverPrismGet}x: ${over >= GOALS.postOverPrismGet ? 'met' : 'NOT met'}), p99 ${ms(sqlite.post.p99)} ms (goal <= ${GOALS.postP99Ms} ms: ${sqlite.post.p99 <= GOALS.postP99Ms ? 'met' : 'NOT met'})`,
    );
  }
}

function cleanUp(): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  for (const cleanup of cleanups.reverse()) {
    try {
      cleanup();
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
    }
  }
}

main()
  .then(cleanUp)
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    cleanUp();
    process.exit(1);
  });
