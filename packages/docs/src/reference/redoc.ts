/**
 * Builds the Redoc reference page with the repository's pinned `@redocly/cli` (`build-docs
 * --inlineBundle`: Redoc itself is embedded, nothing comes from a CDN), then makes it fully offline
 * (see offline.ts). Also used by the bench for the plain `build-docs` peer.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describeReference, hashTagLinks, localizeAssets } from './offline.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/**
 * Redoc's settings for our page. `codeSamples.languages` lists the x-codeSamples to show: Redoc 3
 * only displays samples whose label is in this list (its default list has no TypeScript).
 */
export function redocConfig(sampleLabels: string[]): Record<string, unknown> {
  return {
    openapi: {
      codeSamples: { languages: sampleLabels.map((label) => ({ lang: label, label })) },
      jsonSamplesExpandLevel: 2,
      sortRequiredPropsFirst: true,
    },
  };
}

function redoclyBin(): string {
  const pkgPath = require.resolve('@redocly/cli/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(pkgPath), pkg.bin.redocly!);
}

/** Runs `redocly build-docs <spec> -o <output> ...args` quietly; throws with its output on failure. */
export async function redoclyBuildDocs(spec: string, output: string, args: string[] = []): Promise<void> {
  try {
    await run(process.execPath, [redoclyBin(), 'build-docs', spec, '-o', output, ...args], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`redocly build-docs failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/** The site's reference page: inline Redoc, our config and title, remote logo swapped for a local one. */
export interface ReferencePage {
  title: string;
  description: string;
  sampleLabels: string[];
  /** Redoc's slugs of the spec's tags, whose sidebar links get fixed. */
  tagSlugs: string[];
  /** Href of the static index, for readers without JavaScript. */
  staticIndex: string;
}

export async function buildReference(spec: string, output: string, page: ReferencePage): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'billing-docs-redocly-'));
  try {
    // JSON is YAML: the CLI reads this as its redocly.yaml.
    const config = join(dir, 'redocly.yaml');
    writeFileSync(config, JSON.stringify(redocConfig(page.sampleLabels), null, 2));
    await redoclyBuildDocs(spec, output, [
      '--inlineBundle',
      '--title',
      page.title,
      '--config',
      config,
      '--lint-config',
      'error',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const html = localizeAssets(readFileSync(output, 'utf8'));
  writeFileSync(output, describeReference(hashTagLinks(html, page.tagSlugs), page.description, page.staticIndex));
}
