/**
 * Shared test access to the built site and the model it was built from. Expectations about the
 * spec are read from the raw bundle through `@billing-api/openapi-model` (not through the docs'
 * own src/), so a bug in src/ shows.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { listOperations, type OpenApiDocument, type OperationEntry } from '@billing-api/openapi-model';
import { DIST_DIR } from '../../src/build.js';
import { buildModel, type SiteModel } from '../../src/site/model.js';
import { bundledSpecPath, loadSpec } from '../../src/spec/load.js';

export { DIST_DIR };

let cached: SiteModel | undefined;
export function model(): SiteModel {
  cached ??= buildModel(loadSpec());
  return cached;
}

/** The raw bundled spec as parsed JSON, for expectations computed independently of src/. */
export function rawSpec(): any {
  return JSON.parse(readFileSync(bundledSpecPath(), 'utf8'));
}

/** The dereferenced bundle (every $ref inlined) that the spec package publishes beside it. */
export function dereferencedSpec(): any {
  return JSON.parse(readFileSync(bundledSpecPath().replace(/openapi\.json$/, 'openapi.dereferenced.json'), 'utf8'));
}

export function site(path: string): string {
  const file = join(DIST_DIR, path);
  if (!existsSync(file)) throw new Error(`dist/${path} does not exist`);
  return readFileSync(file, 'utf8');
}

/** Every file under `root` (default dist/), as a site-relative path with forward slashes. */
export function siteFiles(root = DIST_DIR, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? siteFiles(root, path) : [relative(root, path).split('\\').join('/')];
  });
}

/** The site's pages (HTML and Markdown, no compressed copies). */
export function sitePagesOnDisk(root = DIST_DIR): string[] {
  return siteFiles(root).filter((f) => /\.(html|md)$/.test(f));
}

/** The operations of a raw OpenAPI document, through the shared model (never a method list of our own). */
export function rawOperations(spec: any): OperationEntry[] {
  return listOperations(spec as OpenApiDocument);
}
