/**
 * Where each page of the site lives, and how one page links to another. Pages link with relative
 * hrefs so the site works from any base path (a folder, a sub-path of a host, `file://`). Error
 * pages are also served without their extension (`errors/<code>`), the problem `type` URI.
 */
import { posix } from 'node:path';
import type { ErrorCodeEntry } from '../spec/errors.js';
import type { ApiOperation } from '../spec/operations.js';

export const REFERENCE_PAGE = 'reference.html';
export const TRY_IT_PAGE = 'try-it.html';
export const LANDING_PAGE = 'index.html';
export const ERRORS_INDEX = 'errors/index';
export const SEARCH_PAGE = 'search.html';
export const CHANGELOG = 'changelog';
export const DOCS_BUNDLE = 'openapi.json';
export const SCALAR_SCRIPT = 'assets/scalar/standalone.js';
export const FAVICON_PATH = 'assets/favicon.svg';
/** Where the getting-started guide lived before the guides had a folder; kept as a redirect. */
export const OLD_GETTING_STARTED = 'getting-started.html';

export function guidePage(slug: string, ext: 'html' | 'md'): string {
  return `guides/${slug}.${ext}`;
}

export function operationPage(op: Pick<ApiOperation, 'operationId'>, ext: 'html' | 'md'): string {
  return `operations/${op.operationId}.${ext}`;
}

export function operationMarkdown(op: Pick<ApiOperation, 'operationId'>): string {
  return operationPage(op, 'md');
}

export function errorPage(entry: Pick<ErrorCodeEntry, 'slug'>, ext: 'html' | 'md'): string {
  return `${entry.slug}.${ext}`;
}

/** The public URL of a page, when the build knows the site's base URL. */
export function publicUrl(baseUrl: string | undefined, path: string): string | undefined {
  return baseUrl === undefined ? undefined : `${baseUrl}/${path}`;
}

/** Redoc's hash route of a tag: lower case, spaces as dashes (`Invoices (v1)` -> `invoices-(v1)`). */
export function redocTagSlug(tag: string): string {
  return tag.trim().toLowerCase().replace(/\s+/g, '-');
}

/**
 * Redoc's hash route of an operation, `#/<tag slug>/<operationId in lower case>`, as an href: the
 * parentheses of a slug (`invoices-(v1)`) percent-encoded, so Markdown readers do not end the link
 * at them (Redoc decodes the hash).
 */
export function redocAnchor(op: Pick<ApiOperation, 'tag' | 'operationId'>): string {
  return `#/${redocTagSlug(op.tag)}/${op.operationId.toLowerCase()}`.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

export function referenceHref(from: string, op: Pick<ApiOperation, 'tag' | 'operationId'>): string {
  return `${relativeHref(from, REFERENCE_PAGE)}${redocAnchor(op)}`;
}

/** The href that leads from the page at `from` to the file at `to` (both site-relative). */
export function relativeHref(from: string, to: string): string {
  const rel = posix.relative(posix.dirname(from), to);
  return rel === '' ? posix.basename(to) : rel;
}
