/**
 * Finds and reads the bundled spec (`@billing-api/openapi/openapi.json`), the one source every page
 * of the site is derived from. Resolved through the workspace dependency, not a relative path, so
 * the docs build reads exactly what the spec package publishes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { OpenApiDocument } from './types.js';

const require = createRequire(import.meta.url);

/** Absolute path of the bundled spec file (`spec/dist/openapi.json`). */
export function bundledSpecPath(): string {
  return require.resolve('@billing-api/openapi/openapi.json');
}

/** Parses the bundled spec (or another OpenAPI JSON file, for tests). */
export function loadSpec(path: string = bundledSpecPath()): OpenApiDocument {
  const document = JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument;
  if (!document.openapi?.startsWith('3.') || typeof document.paths !== 'object') {
    throw new Error(`${path} is not an OpenAPI 3 document`);
  }
  return document;
}
