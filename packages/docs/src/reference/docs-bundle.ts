/**
 * The docs copy of the bundled spec (`dist/openapi.json`), never written back to spec/: each
 * operation gets `x-codeSamples` (cURL and TypeScript, generated from the spec's examples), its
 * mentions of other operations become links, and a closing paragraph links its own page, its
 * Markdown twin and the catalogue pages of the error codes it returns. Redoc and Scalar both
 * render from this copy.
 */
import { HTTP_METHODS, type OpenApiDocument, type Operation, type PathItem } from '@billing-api/openapi-model';
import { type SiteModel, samplesOf } from '../site/model.js';
import { errorPage, operationPage, REFERENCE_PAGE, redocAnchor, relativeHref } from '../site/paths.js';
import { errorCodesOf } from '../spec/errors.js';
import { linkMentions } from '../spec/related.js';

export const CURL_LABEL = 'cURL';
export const TYPESCRIPT_LABEL = 'TypeScript';

export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

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
    `**This operation on one page:** [${op.summary}](${href(operationPage(op, 'html'))}) · **For AI assistants:** [this operation as Markdown](${href(operationPage(op, 'md'))}) · [llms.txt](${href('llms.txt')})`,
    codes.length > 0 ? `**Error codes:** ${codes.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}

export function docsBundle(model: SiteModel): OpenApiDocument {
  const copy = structuredClone(model.document);
  for (const item of Object.values(copy.paths ?? {}) as PathItem[]) {
    for (const method of HTTP_METHODS) {
      const op = item[method] as (Operation & { 'x-codeSamples'?: CodeSample[] }) | undefined;
      if (!op?.operationId) continue;
      const self = model.operations.find((o) => o.operationId === op.operationId)!;
      const linked = linkMentions((op.description ?? '').trim(), model.operations, self, (target) =>
        redocAnchor(target),
      );
      op['x-codeSamples'] = codeSamplesOf(model, op.operationId);
      op.description = `${linked}\n\n${docsFooter(model, op.operationId)}\n`;
    }
  }
  return copy;
}
