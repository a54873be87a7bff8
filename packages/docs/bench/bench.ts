/**
 * `pnpm --filter @billing-api/docs bench`: our site against its named peer, a plain
 * `redocly build-docs --inlineBundle` of the same bundled spec (one offline HTML page), in one run.
 * Prints, with ratios: build time (interleaved, median); compressed page weight (gzip -9 and brotli)
 * of the landing page, an operation page and the reference; and Lighthouse's performance score
 * (its default mobile profile: emulated phone, simulated slow 4G and CPU slowdown) of an operation
 * page, ours and the peer's page deep-linked to the same operation, both served by the docs server
 * on 127.0.0.1. Lighthouse drives Debian's Chromium over its debugging port. Asserts nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { buildSite } from '../src/build.js';
import { redoclyBuildDocs } from '../src/reference/redoc.js';
import { startStaticServer } from '../src/server/serve.js';
import { brotli } from '../src/site/compress.js';
import { buildModel } from '../src/site/model.js';
import { operationPage, redocAnchor } from '../src/site/paths.js';
import { bundledSpecPath, loadSpec } from '../src/spec/load.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/support/browser.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
const OPERATION = process.env.BENCH_OPERATION ?? 'applyCreditToInvoice';

interface Weight {
  bytes: number;
  gzip: number;
  br: number;
}

async function weigh(files: string[]): Promise<Weight> {
  const sum = { bytes: 0, gzip: 0, br: 0 };
  for (const file of files) {
    const data = readFileSync(file);
    sum.bytes += data.length;
    sum.gzip += gzipSync(data, { level: 9 }).length;
    sum.br += (await brotli(data)).length;
  }
  return sum;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const ratio = (a: number, b: number) => `${(a / b).toPrecision(3)}x`;

async function performanceScores(urls: Record<string, string>): Promise<Record<string, number[]>> {
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), 'billing-docs-lighthouse-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`],
  });
  const scores: Record<string, number[]> = Object.fromEntries(Object.keys(urls).map((k) => [k, []]));
  try {
    for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
      for (const [name, url] of Object.entries(urls)) {
        const result = await lighthouse(url, {
          port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance'],
        });
        const score = result?.lhr.categories.performance?.score;
        if (typeof score !== 'number') throw new Error(`lighthouse gave no performance score for ${url}`);
        scores[name]!.push(Math.round(score * 100));
      }
    }
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return scores;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'billing-docs-bench-'));
  const spec = bundledSpecPath();
  const siteDir = join(work, 'site');
  const peerDir = join(work, 'peer');
  const ours: number[] = [];
  const plain: number[] = [];
  try {
    // Warm-up of both (module loading, disk cache), then interleaved measured runs.
    await buildSite({ outDir: siteDir });
    await redoclyBuildDocs(spec, join(peerDir, 'index.html'), ['--inlineBundle']);
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      await buildSite({ outDir: siteDir });
      ours.push(performance.now() - t);
      t = performance.now();
      await redoclyBuildDocs(spec, join(peerDir, 'index.html'), ['--inlineBundle']);
      plain.push(performance.now() - t);
    }
    const model = buildModel(loadSpec());
    const op = model.operations.find((o) => o.operationId === OPERATION)!;
    const icon = join(siteDir, 'assets/favicon.svg');
    const peer = await weigh([join(peerDir, 'index.html')]);
    const rows: Array<[string, Weight]> = [
      ['landing page (index.html + icon)', await weigh([join(siteDir, 'index.html'), icon])],
      [
        `operation page (${operationPage(op, 'html')} + icon)`,
        await weigh([join(siteDir, operationPage(op, 'html')), icon]),
      ],
      ['reference (reference.html)', await weigh([join(siteDir, 'reference.html')])],
    ];

    const ourServer = await startStaticServer({ root: siteDir });
    const peerServer = await startStaticServer({ root: peerDir });
    let scores: Record<string, number[]>;
    try {
      scores = await performanceScores({
        ours: `${ourServer.url}/${operationPage(op, 'html')}`,
        peer: `${peerServer.url}/index.html${redocAnchor(op)}`,
      });
    } finally {
      await ourServer.close();
      await peerServer.close();
    }

    console.log(
      `Billing API docs bench (Node ${process.version}, ${RUNS} interleaved builds, ${LIGHTHOUSE_RUNS} Lighthouse runs, medians)`,
    );
    console.log(
      `peer: redocly build-docs ${relative(process.cwd(), spec)} --inlineBundle (one HTML page for everything)\n`,
    );
    const W = 58;
    console.log('build time');
    console.log(
      `  ${'our site (every page, reference, try-it, compression)'.padEnd(W)} ${median(ours).toFixed(0).padStart(7)} ms`,
    );
    console.log(`  ${'plain redocly build-docs'.padEnd(W)} ${median(plain).toFixed(0).padStart(7)} ms`);
    console.log(`  ${'ratio ours / plain'.padEnd(W)} ${ratio(median(ours), median(plain)).padStart(10)}\n`);
    console.log(
      `${'page weight (what a reader downloads)'.padEnd(W + 2)} ${'bytes'.padStart(11)} ${'gzip'.padStart(11)} ${'brotli'.padStart(11)}   vs peer (gzip, br)`,
    );
    console.log(
      `  ${'peer: the plain build-docs page (landing = operation = reference)'.padEnd(W)} ${kib(peer.bytes).padStart(11)} ${kib(peer.gzip).padStart(11)} ${kib(peer.br).padStart(11)}`,
    );
    for (const [name, w] of rows) {
      console.log(
        `  ${name.padEnd(W)} ${kib(w.bytes).padStart(11)} ${kib(w.gzip).padStart(11)} ${kib(w.br).padStart(11)}   ${ratio(w.gzip, peer.gzip)}, ${ratio(w.br, peer.br)}`,
      );
    }
    console.log(`\nLighthouse performance, mobile profile, ${op.operationId} (goal >= 90)`);
    console.log(
      `  ${`ours: ${operationPage(op, 'html')}`.padEnd(W)} ${String(median(scores.ours!)).padStart(7)}   runs ${scores.ours!.join(', ')}`,
    );
    console.log(
      `  ${`peer: index.html${redocAnchor(op)}`.padEnd(W)} ${String(median(scores.peer!)).padStart(7)}   runs ${scores.peer!.join(', ')}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
