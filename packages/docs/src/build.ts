/**
 * The site build: spec -> model -> pages, then the Redoc reference, the Scalar try-it page and the
 * static assets, all into a temporary folder that replaces `dist/` in one rename, so a failed
 * build never leaves a half-written site behind.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CURL_LABEL, TYPESCRIPT_LABEL } from './reference/docs-bundle.js';
import { assetTemplate, FAVICON, LOCAL_ASSETS } from './reference/offline.js';
import { buildReference } from './reference/redoc.js';
import { copyScalar, tryItPage } from './reference/scalar.js';
import { buildModel } from './site/model.js';
import { sitePages } from './site/pages.js';
import { DOCS_BUNDLE, REFERENCE_PAGE, TRY_IT_PAGE } from './site/paths.js';
import { loadSpec } from './spec/load.js';

export const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
export const DIST_DIR = join(PACKAGE_DIR, 'dist');

export interface BuildResult {
  outDir: string;
  files: number;
  operations: number;
  errorCodes: number;
}

function write(root: string, path: string, content: string): void {
  const target = join(root, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
}

export async function buildSite(options: { specPath?: string; outDir?: string } = {}): Promise<BuildResult> {
  const outDir = options.outDir ?? DIST_DIR;
  const staging = `${outDir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const model = buildModel(loadSpec(options.specPath));
    const pages = sitePages(model);
    for (const [path, content] of pages) write(staging, path, content);
    for (const asset of [...LOCAL_ASSETS, FAVICON]) write(staging, asset.local, assetTemplate(asset.template));
    await buildReference(join(staging, DOCS_BUNDLE), join(staging, REFERENCE_PAGE), `${model.title} reference`, [
      CURL_LABEL,
      TYPESCRIPT_LABEL,
    ]);
    copyScalar(staging);
    write(staging, TRY_IT_PAGE, tryItPage(model.serverUrl, model.title));
    rmSync(outDir, { recursive: true, force: true });
    renameSync(staging, outDir);
    return {
      outDir,
      files: pages.size + LOCAL_ASSETS.length + 4,
      operations: model.operations.length,
      errorCodes: model.errors.length,
    };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
