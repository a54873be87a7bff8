/**
 * The docs copy of the bundled spec (`dist/openapi.json`), never written back to spec/: each
 * operation gets `x-codeSamples` (cURL and TypeScript, generated from the spec's examples) and a
 * closing paragraph linking its Markdown twin and the catalogue pages of the error codes it returns.
 * Redoc and Scalar both render from this copy.
 */

import { type SiteModel, samplesOf } from '../site/model.js';
import { errorPage, operationMarkdown, REFERENCE_PAGE, relativeHref } from '../site/paths.js';
import { errorCodesOf } from '../spec/errors.js';
import { type CodeSample, HTTP_METHODS, type OpenApiDocument } from '../spec/types.js';

export const CURL_LABEL = 'cURL';
export const TYPESCRIPT_LABEL = 'TypeScript';

export function codeSamplesOf(model: SiteModel, operationId: string): CodeSample[] {
  const samples = samplesOf(model, operationId);
  return [
    { lang: 'Shell', label: CURL_LABEL, source: samples.curl },
    { lang: 'TypeScript', label: TYPESCRIPT_LABEL, source: samples.typescript },
  ];
}

/** The paragraph appended to an operation's description in the docs copy. */
export function docsFooter(model: SiteModel, operationId: string): string {
  const op = model.operations.find((o) => o.operationId === operationId)!;
  const href = (to: string) => relativeHref(REFERENCE_PAGE, to);
  const codes = errorCodesOf(model.errors, operationId)
    .sort((a, b) => a.status - b.status || a.entry.code.localeCompare(b.entry.code))
    .map(({ entry, status }) => `[\`${entry.code}\`](${href(errorPage(entry, 'html'))}) (${status})`);
  return [
    `**For AI assistants:** [this operation as Markdown](${href(operationMarkdown(op))}) · [llms.txt](${href('llms.txt')})`,
    codes.length > 0 ? `**Error codes:** ${codes.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

export function docsBundle(model: SiteModel): OpenApiDocument {
  const copy = structuredClone(model.document);
  for (const item of Object.values(copy.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      op['x-codeSamples'] = codeSamplesOf(model, op.operationId);
      op.description = `${(op.description ?? '').trim()}\n\n${docsFooter(model, op.operationId)}\n`;
    }
  }
  return copy;
}
