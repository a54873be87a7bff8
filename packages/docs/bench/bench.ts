/**
 * `pnpm --filter @billing-api/docs bench`: page weight (bytes and gzip) and build time of our site
 * against its named peer, a plain `redocly build-docs --inlineBundle` of the same bundled spec (the
 * plain Redoc page that works offline), measured in one run, interleaved, median of N builds.
 * Prints figures and ratios; asserts nothing.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSite } from '../src/build.js';
import { redoclyBuildDocs } from '../src/reference/redoc.js';
import { bundledSpecPath } from '../src/spec/load.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

interface Weight {
  bytes: number;
  gzip: number;
}

function weigh(files: string[]): Weight {
  return files.reduce(
    (sum, file) => {
      const data = readFileSync(file);
      return { bytes: sum.bytes + data.length, gzip: sum.gzip + gzipSync(data, { level: 9 }).length };
    },
    { bytes: 0, gzip: 0 },
  );
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const ratio = (a: number, b: number) => `${(a / b).toPrecision(3)}x`;

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'billing-docs-bench-'));
  const spec = bundledSpecPath();
  const ours: number[] = [];
  const plain: number[] = [];
  try {
    // Warm-up of both (module loading, disk cache), then interleaved measured runs.
    await buildSite({ outDir: join(work, 'site') });
    await redoclyBuildDocs(spec, join(work, 'plain.html'), ['--inlineBundle']);
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      await buildSite({ outDir: join(work, 'site') });
      ours.push(performance.now() - t);
      t = performance.now();
      await redoclyBuildDocs(spec, join(work, 'plain.html'), ['--inlineBundle']);
      plain.push(performance.now() - t);
    }
    const site = join(work, 'site');
    const peer = weigh([join(work, 'plain.html')]);
    const rows: Array<[string, Weight]> = [
      ['reference page (reference.html)', weigh([join(site, 'reference.html')])],
      ['landing page (index.html + icon)', weigh([join(site, 'index.html'), join(site, 'assets/favicon.svg')])],
      [
        'try-it page (html + Scalar + openapi.json)',
        weigh(
          ['try-it.html', 'assets/scalar/standalone.js', 'openapi.json', 'assets/favicon.svg'].map((f) =>
            join(site, f),
          ),
        ),
      ],
      [`whole site (${allFiles(site).length} files)`, weigh(allFiles(site))],
    ];
    console.log(`Billing API docs bench (Node ${process.version}, ${RUNS} interleaved runs, median)`);
    console.log(`peer: redocly build-docs ${relative(process.cwd(), spec)} --inlineBundle (one offline HTML page)\n`);
    const W = 44;
    console.log('build time');
    console.log(`  ${'our site (everything in dist/)'.padEnd(W)} ${median(ours).toFixed(0).padStart(6)} ms`);
    console.log(`  ${'plain redocly build-docs'.padEnd(W)} ${median(plain).toFixed(0).padStart(6)} ms`);
    console.log(`  ${'ratio ours / plain'.padEnd(W)} ${ratio(median(ours), median(plain)).padStart(9)}\n`);
    console.log(
      `${'page weight'.padEnd(W + 2)} ${'bytes'.padStart(12)} ${'gzip'.padStart(11)}   vs plain (bytes, gzip)`,
    );
    console.log(
      `  ${'plain redocly build-docs page'.padEnd(W)} ${kib(peer.bytes).padStart(12)} ${kib(peer.gzip).padStart(11)}`,
    );
    for (const [name, w] of rows) {
      console.log(
        `  ${name.padEnd(W)} ${kib(w.bytes).padStart(12)} ${kib(w.gzip).padStart(11)}   ${ratio(w.bytes, peer.bytes)}, ${ratio(w.gzip, peer.gzip)}`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
