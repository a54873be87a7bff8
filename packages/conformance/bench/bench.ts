// `pnpm --filter @billing-api/conformance bench`: response validations per second on invoice-sized
// bodies (the spec's Invoice and InvoiceList examples as getInvoice/listInvoices 200s), ours against
// Prism's, on the same traffic in one run, printed as figures and a ratio. Two measurements:
//   1. validator vs validator, in process: the kit's validateResponse against the function Prism's
//      proxy validates responses with (`validateOutput` of @stoplight/prism-http);
//   2. validation proxy vs validation proxy, over HTTP: `prism proxy` and the kit's validators in a
//      node:http proxy (bench/proxy.ts), each in its own process in front of the same upstream.
// Not a test: figures depend on the machine. The goal for (1) is >= 100k validations/s for ours.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { getHttpOperationsFromSpec } from '@stoplight/prism-http';
import { validateOutput } from '@stoplight/prism-http/dist/validator/index.js';
import { validateResponse } from '../src/validators.js';
import { SAMPLES, startUpstream } from './traffic.js';

const SPEC = fileURLToPath(import.meta.resolve('@billing-api/openapi/openapi.json'));
const BIN = (name: string) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));
const IN_PROCESS_MS = Number(process.env.BENCH_MS ?? 2000);
const HTTP_REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const CONCURRENCY = 16;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Runs `validate` over the samples for `ms` milliseconds (after a warm-up); returns validations/s. */
function rate(validate: (i: number) => boolean, ms: number): number {
  for (let i = 0; i < 2000; i++)
    if (!validate(i)) throw new Error('a sample did not validate: the bench traffic must be valid');
  let count = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let k = 0; k < 500; k++) validate(count++);
    now = performance.now();
  }
  return count / ((now - start) / 1000);
}

async function inProcess(): Promise<{ ours: number; prism: number }> {
  const operations = await getHttpOperationsFromSpec(SPEC);
  const prismOps = SAMPLES.map((s) => operations.find((o) => o.iid === s.operation)!);
  // Each validator gets the headers in the form its own proxy has them: fetch's Headers for the kit
  // (what a live run receives), a plain object for Prism (what its proxy passes validateOutput).
  const fetchHeaders = SAMPLES.map((s) => new Headers(s.headers));
  const ours = (i: number) => {
    const k = i % SAMPLES.length;
    const s = SAMPLES[k]!;
    return validateResponse(s.operation, 200, fetchHeaders[k]!, s.body).length === 0;
  };
  const prism = (i: number) => {
    const k = i % SAMPLES.length;
    const s = SAMPLES[k]!;
    return (
      (
        validateOutput({ resource: prismOps[k]!, element: { statusCode: 200, headers: s.headers, body: s.body } }) as {
          _tag: string;
        }
      )._tag === 'Right'
    );
  };
  // Alternate to spread any machine noise over both.
  const a = rate(ours, IN_PROCESS_MS / 2);
  const b = rate(prism, IN_PROCESS_MS / 2);
  const c = rate(ours, IN_PROCESS_MS / 2);
  const d = rate(prism, IN_PROCESS_MS / 2);
  return { ours: (a + c) / 2, prism: (b + d) / 2 };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`the proxy exited with ${child.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`${url} did not start`);
}

/** Sends HTTP_REQUESTS requests through a proxy, CONCURRENCY at a time; returns validated responses/s. */
async function drive(base: string, check: (headers: Headers) => boolean): Promise<number> {
  const requests = SAMPLES.map((s) => `${base}${s.path}`);
  const headers = { authorization: 'Bearer sk_test_bench' };
  const send = async (i: number) => {
    const response = await fetch(requests[i % requests.length]!, { headers });
    await response.arrayBuffer();
    if (response.status !== 200 || !check(response.headers))
      throw new Error(`${requests[i % requests.length]} was not validated clean: ${response.status}`);
  };
  for (let i = 0; i < 200; i++) await send(i); // warm-up: connections, compiled schemas
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < HTTP_REQUESTS) await send(next++);
    }),
  );
  return HTTP_REQUESTS / ((performance.now() - start) / 1000);
}

async function overHttp(): Promise<{ ours: number; prism: number }> {
  const upstream = await startUpstream();
  const children: ChildProcess[] = [];
  try {
    const port = await freePort();
    const prism = spawn(
      BIN('prism'),
      ['proxy', SPEC, upstream.url, '--port', String(port), '--host', '127.0.0.1', '--verboseLevel', 'error'],
      { stdio: 'ignore' },
    );
    children.push(prism);
    const ours = spawn(BIN('tsx'), [fileURLToPath(new URL('./proxy.ts', import.meta.url)), upstream.url], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(ours);
    const oursUrl = await new Promise<string>((resolve, reject) => {
      ours.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
      ours.once('exit', (code) => reject(new Error(`bench/proxy.ts exited with ${code}`)));
    });
    const prismUrl = `http://127.0.0.1:${port}`;
    await waitFor(prismUrl, prism);
    const oursRate = await drive(oursUrl, (h) => h.get('x-conformance-findings') === '0');
    const prismRate = await drive(prismUrl, (h) => !h.has('sl-violations'));
    return { ours: oursRate, prism: prismRate };
  } finally {
    for (const child of children) child.kill();
    upstream.server.closeAllConnections();
    upstream.server.close();
  }
}

const sizes = SAMPLES.map((s) => `${s.operation} ${s.text.length} B`).join(', ');
console.log(`Traffic: 200 responses of ${sizes} (the spec's InvoiceUnpaid and InvoiceList examples), alternating.`);
const local = await inProcess();
console.log('\n1. Response validations per second, in process (validator vs validator):');
console.log(`   @billing-api/conformance validateResponse      ${fmt(local.ours).padStart(10)} /s`);
console.log(`   @stoplight/prism-http 5.12.0 validateOutput    ${fmt(local.prism).padStart(10)} /s`);
console.log(
  `   ratio ours/prism: ${(local.ours / local.prism).toFixed(1)}x   (goal for ours: >= 100,000 /s: ${local.ours >= 100_000 ? 'met' : 'NOT met'})`,
);
const http = await overHttp();
console.log(
  `\n2. Validated responses per second through a validation proxy (${HTTP_REQUESTS} requests, ${CONCURRENCY} in flight; request and response validated):`,
);
console.log(`   kit validators in a node:http proxy            ${fmt(http.ours).padStart(10)} /s`);
console.log(`   prism proxy 5.14.2                             ${fmt(http.prism).padStart(10)} /s`);
console.log(`   ratio ours/prism: ${(http.ours / http.prism).toFixed(1)}x`);
