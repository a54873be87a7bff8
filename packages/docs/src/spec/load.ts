/**
 * Finds and reads the bundled spec (`@billing-api/openapi/openapi.json`), the one source every page
 * of the site is derived from. Resolved through the workspace dependency, not a relative path, so
 * the docs build reads exactly what the spec package publishes; a path can be given (tests, `dev`).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { OpenApiDocument } from '@billing-api/openapi-model';

const require = createRequire(import.meta.url);

/** Absolute path of the bundled spec file (`spec/dist/openapi.json`). */
export function bundledSpecPath(): string {
  return require.resolve('@billing-api/openapi/openapi.json');
}

/** Parses the bundled spec (or another OpenAPI JSON file, for tests). */
export function loadSpec(path: string = bundledSpecPath()): OpenApiDocument {
  let document: OpenApiDocument;
  try {
    document = JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument;
  } catch (error) {
    throw new Error(`${path}: cannot be read as JSON (${(error as Error).message})`);
  }
  if (
    typeof document?.openapi !== 'string' ||
    !document.openapi.startsWith('3.') ||
    typeof document.paths !== 'object'
  ) {
    throw new Error(`${path} is not an OpenAPI 3 document (no "openapi": "3.x" and "paths")`);
  }
  return document;
}

/** `info.summary` (OpenAPI 3.1), which the model's 3.0-shaped info type does not name. */
export function summaryOf(document: OpenApiDocument): string {
  const summary = (document.info as { summary?: unknown }).summary;
  return typeof summary === 'string' ? summary : '';
}
