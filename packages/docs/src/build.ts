/**
 * The site build: spec -> model -> pages, then the Redoc reference, the Scalar try-it page and the
 * static assets (the changelog from the spec's git history unless reports are given), then a
 * compressed copy of every text file, all into a temporary folder that
 * replaces `dist/` in one rename, so a failed build never leaves a half-written site behind.
 */
import { copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { changelogFromHistory, historyNotice } from './changelog/history.js';
import { CURL_LABEL, TYPESCRIPT_LABEL } from './reference/docs-bundle.js';
import { assetTemplate, FAVICON, LOCAL_ASSETS } from './reference/offline.js';
import { buildReference } from './reference/redoc.js';
import { copyScalar, tryItPage } from './reference/scalar.js';
import { MINISEARCH_SCRIPT } from './search/page.js';
import { precompress } from './site/compress.js';
import { buildModel, type SiteOptions } from './site/model.js';
import { sitePages } from './site/pages.js';
import { DOCS_BUNDLE, LANDING_PAGE, REFERENCE_PAGE, redocTagSlug, relativeHref, TRY_IT_PAGE } from './site/paths.js';
import { loadSpec } from './spec/load.js';

export const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
export const DIST_DIR = join(PACKAGE_DIR, 'dist');

const require = createRequire(import.meta.url);

export interface BuildOptions extends SiteOptions {
  specPath?: string;
  outDir?: string;
  /**
   * A folder of the git repository whose spec history the changelog is built from when `releases`
   * is not given (default: this package's own repository).
   */
  repoRoot?: string;
}

export interface BuildResult {
  outDir: string;
  pages: number;
  operations: number;
  errorCodes: number;
  compressed: number;
  /** Where the changelog came from: the given reports, the git history, or nowhere (see `notice`). */
  changelog: 'given' | 'history' | 'unavailable';
  /** One line for the person running the build when the changelog lacks its history. */
  notice?: string;
}

function write(root: string, path: string, content: string): void {
  const target = join(root, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
}

export async function buildSite(options: BuildOptions = {}): Promise<BuildResult> {
  const outDir = options.outDir ?? DIST_DIR;
  const staging = `${outDir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const changelog =
      options.releases !== undefined
        ? { releases: options.releases }
        : await changelogFromHistory(options.repoRoot ?? PACKAGE_DIR);
    const model = buildModel(loadSpec(options.specPath), {
      ...options,
      ...('releases' in changelog ? { releases: changelog.releases } : { changelogUnavailable: changelog.unavailable }),
    });
    const { pages, files } = sitePages(model);
    for (const [path, content] of files) write(staging, path, content);
    for (const asset of [...LOCAL_ASSETS, FAVICON]) write(staging, asset.local, assetTemplate(asset.template));
    mkdirSync(dirname(join(staging, MINISEARCH_SCRIPT)), { recursive: true });
    // The browser build (UMD, global `MiniSearch`) sits beside the package's ESM entry, outside its `exports`.
    copyFileSync(join(dirname(require.resolve('minisearch')), '../umd/index.js'), join(staging, MINISEARCH_SCRIPT));
    await buildReference(join(staging, DOCS_BUNDLE), join(staging, REFERENCE_PAGE), {
      title: `${model.title} reference`,
      description: `The interactive ${model.title} reference: every operation with its parameters, responses, examples and cURL and TypeScript samples.`,
      sampleLabels: [CURL_LABEL, TYPESCRIPT_LABEL],
      tagSlugs: [...new Set(model.operations.map((op) => redocTagSlug(op.tag)))],
      staticIndex: relativeHref(REFERENCE_PAGE, LANDING_PAGE),
    });
    copyScalar(staging);
    write(staging, TRY_IT_PAGE, tryItPage(model));
    const compressed = await precompress(staging);
    rmSync(outDir, { recursive: true, force: true });
    renameSync(staging, outDir);
    return {
      outDir,
      pages: pages.length,
      operations: model.operations.length,
      errorCodes: model.errors.length,
      compressed,
      changelog: options.releases !== undefined ? 'given' : 'releases' in changelog ? 'history' : 'unavailable',
      ...('unavailable' in changelog && { notice: historyNotice(changelog.unavailable) }),
    };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
