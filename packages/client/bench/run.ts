/**
 * `pnpm --filter @billing-api/client bench`: the client's three costs, each printed beside named peers
 * measured in the same run, with the ratio and the goal. Needs `build` first (it measures dist/).
 *   1. bundle: a one-call browser app (esbuild, minified, gzip -9) vs plain openapi-fetch and fetch
 *   2. time per call on one local node:http server vs raw fetch and raw openapi-fetch (median of rounds)
 *   3. consumer type-check: `tsc --noEmit` on the same calls vs raw openapi-fetch with the same types
 * A script, not a test: it prints figures and never fails on wall time. `BENCH_ONLY=bundle|time|types`
 * runs one part.
 */
import { execFileSync, fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { paths } from '@billing-api/types';
import { build } from 'esbuild';
import createClient from 'openapi-fetch';
import { createBillingClient } from '../dist/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const packageDir = path.resolve(here, '..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const row = (name: string, value: string, note = '') =>
  console.log(`  ${name.padEnd(32)} ${value.padStart(12)}  ${note}`);

async function bundleSizes(): Promise<void> {
  const apps: Record<string, string> = {
    '@billing-api/client': `import { createBillingClient } from ${JSON.stringify(path.join(packageDir, 'dist/index.js'))};
      const billing = createBillingClient({ baseUrl: 'https://billing.example', apiKey: 'key' });
      billing.GET('/api/v2/billing/invoices/{id}', { params: { path: { id: 'inv_1' } } }).then(console.log);`,
    'openapi-fetch': `import createClient from 'openapi-fetch';
      const api = createClient({ baseUrl: 'https://billing.example', headers: { Authorization: 'Bearer key' } });
      api.GET('/api/v2/billing/invoices/{id}', { params: { path: { id: 'inv_1' } } }).then(console.log);`,
    fetch: `fetch('https://billing.example/api/v2/billing/invoices/inv_1', { headers: { Authorization: 'Bearer key' } })
      .then((r) => r.json()).then(console.log);`,
  };
  const sizes: Record<string, { min: number; gz: number }> = {};
  for (const [name, contents] of Object.entries(apps)) {
    const out = await build({
      stdin: { contents, resolveDir: packageDir, loader: 'ts' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
    });
    const code = out.outputFiles[0]?.contents ?? new Uint8Array();
    sizes[name] = { min: code.length, gz: gzipSync(code, { level: 9 }).length };
  }
  const client = sizes['@billing-api/client'] as { gz: number };
  const peer = sizes['openapi-fetch'] as { gz: number };
  console.log('\n1. bundle of a one-call app (esbuild --minify, gzip -9)');
  for (const [name, s] of Object.entries(sizes)) row(name, `${s.gz} B gz`, `(${s.min} B min)`);
  row(
    'client - openapi-fetch',
    `${client.gz - peer.gz} B gz`,
    `ratio ${(client.gz / peer.gz).toFixed(2)}x; goal <= +2048 B: ${client.gz - peer.gz <= 2048 ? 'met' : 'MISSED'}`,
  );
}

async function timePerCall(): Promise<void> {
  const server = fork(path.join(here, 'server.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve) => server.once('message', (m) => resolve(Number(m))));
  const baseUrl = `http://127.0.0.1:${port}`;
  const id = 'inv_01jd8k3a5b7c9d1e3f5g7h9j1k';
  const api = createClient<paths>({ baseUrl, headers: { Authorization: 'Bearer key' } });
  const billing = createBillingClient({ baseUrl, apiKey: 'key' });
  const untimed = createBillingClient({ baseUrl, apiKey: 'key', timeoutMs: 0 });
  const contenders: Record<string, () => Promise<unknown>> = {
    'raw fetch': async () => {
      const r = await fetch(`${baseUrl}/api/v2/billing/invoices/${id}`, { headers: { Authorization: 'Bearer key' } });
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    },
    // The floor for any client with a deadline: what a signal alone costs fetch (Node 20: ~7%).
    'raw fetch + deadline signal': async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 30_000);
      try {
        const r = await fetch(`${baseUrl}/api/v2/billing/invoices/${id}`, {
          headers: { Authorization: 'Bearer key' },
          signal: controller.signal,
        });
        if (!r.ok) throw new Error(String(r.status));
        return await r.json();
      } finally {
        clearTimeout(timer);
      }
    },
    'raw openapi-fetch': async () =>
      (await api.GET('/api/v2/billing/invoices/{id}', { params: { path: { id } } })).data,
    '@billing-api/client': () => billing.GET('/api/v2/billing/invoices/{id}', { params: { path: { id } } }),
    '@billing-api/client timeoutMs:0': () => untimed.GET('/api/v2/billing/invoices/{id}', { params: { path: { id } } }),
    '@billing-api/client .raw': async () =>
      (await billing.raw.GET('/api/v2/billing/invoices/{id}', { params: { path: { id } } })).data,
  };
  const names = Object.keys(contenders);
  // Short rounds, many of them, in rotating order: load from other processes hits every contender alike.
  const calls = 50;
  const rounds = 301;
  const perCall: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const f of Object.values(contenders)) for (let i = 0; i < 300; i++) await f(); // warm-up
  for (let round = 0; round < rounds; round++) {
    // Rotate the order each round so no contender always runs first (or right after GC-heavy peers).
    for (const name of [...names.slice(round % names.length), ...names.slice(0, round % names.length)]) {
      const f = contenders[name] as () => Promise<unknown>;
      const start = performance.now();
      for (let i = 0; i < calls; i++) await f();
      perCall[name]?.push(((performance.now() - start) * 1000) / calls);
    }
  }
  server.disconnect();
  // Ratios are paired per round (each contender against raw fetch measured in the same round, a few
  // ms apart), then the median is taken: drift in the machine's load cancels out.
  const base = perCall['raw fetch'] as number[];
  console.log(
    `\n2. time per call, GET one invoice from a local node:http server (${rounds} interleaved rounds x ${calls} calls; medians)`,
  );
  for (const name of names) {
    const times = perCall[name] as number[];
    const ratios = times.map((t, r) => t / (base[r] as number));
    const ratio = median(ratios);
    const [low, high] = bootstrapInterval(ratios);
    const goal = name === '@billing-api/client' ? `; goal <= 1.10x: ${ratio <= 1.1 ? 'met' : 'MISSED'}` : '';
    row(
      name,
      `${median(times).toFixed(1)} µs`,
      `${ratio.toFixed(3)}x raw fetch (95% ${low.toFixed(3)}-${high.toFixed(3)})${goal}`,
    );
  }
}

/**
 * 95% interval of the median ratio by bootstrap (resampling the rounds): on a shared 2-core machine
 * one run's median moves by a few percent, and the interval says how far to trust it.
 */
function bootstrapInterval(ratios: number[], resamples = 2000): [number, number] {
  const medians: number[] = [];
  for (let i = 0; i < resamples; i++)
    medians.push(median(ratios.map(() => ratios[Math.floor(Math.random() * ratios.length)] as number)));
  medians.sort((a, b) => a - b);
  return [medians[Math.floor(resamples * 0.025)] as number, medians[Math.floor(resamples * 0.975)] as number];
}

function typeCheckTime(): void {
  const tsc = path.join(packageDir, 'node_modules', 'typescript', 'bin', 'tsc');
  const configs = {
    'raw openapi-fetch': 'tsconfig.raw-openapi-fetch.json',
    '@billing-api/client': 'tsconfig.client.json',
  };
  const wall: Record<string, number[]> = { '@billing-api/client': [], 'raw openapi-fetch': [] };
  const work: Record<string, string> = {};
  const rounds = 7;
  for (let round = 0; round < rounds; round++) {
    for (const [name, config] of round % 2 ? Object.entries(configs).reverse() : Object.entries(configs)) {
      const start = performance.now();
      const out = execFileSync(
        process.execPath,
        [tsc, '--noEmit', '--extendedDiagnostics', '-p', path.join(here, 'consumer', config)],
        { encoding: 'utf8' },
      );
      wall[name]?.push(performance.now() - start);
      // Types and instantiations: the checker's work, the same on every run (wall time is not).
      work[name] = ['Types', 'Instantiations']
        .map((k) => `${Number(new RegExp(`${k}:\\s+(\\d+)`).exec(out)?.[1]).toLocaleString('en')} ${k.toLowerCase()}`)
        .join(', ');
    }
  }
  const peer = median(wall['raw openapi-fetch'] as number[]);
  const client = median(wall['@billing-api/client'] as number[]);
  console.log(
    `\n3. consumer type-check, tsc --noEmit on the same 7 calls and one error branch (median of ${rounds} runs)`,
  );
  row('raw openapi-fetch', `${peer.toFixed(0)} ms`, work['raw openapi-fetch']);
  row(
    '@billing-api/client',
    `${client.toFixed(0)} ms`,
    `${work['@billing-api/client']}; ${(client / peer).toFixed(3)}x raw openapi-fetch; goal <= 1.2x: ${client / peer <= 1.2 ? 'met' : 'MISSED'}`,
  );
}

console.log(`@billing-api/client benchmarks on Node ${process.versions.node}`);
const only = process.env.BENCH_ONLY;
if (!only || only === 'bundle') await bundleSizes();
if (!only || only === 'time') await timePerCall();
if (!only || only === 'types') typeCheckTime();
