/**
 * The landing page (`index.md` / `index.html`): what the site offers, the guides, and every
 * operation grouped by tag group and tag, each linked to its own page and its place in the Redoc
 * reference.
 */
import type { Guide } from '../guides/guides.js';
import type { SiteModel } from '../site/model.js';
import {
  CHANGELOG,
  DOCS_BUNDLE,
  ERRORS_INDEX,
  guidePage,
  operationMarkdown,
  REFERENCE_PAGE,
  redocAnchor,
  SEARCH_PAGE,
  TRY_IT_PAGE,
} from '../site/paths.js';
import { summaryOf } from '../spec/load.js';
import type { ApiOperation } from '../spec/operations.js';
import { blocks, code, oneLine } from './markdown.js';

function scopes(op: ApiOperation): string {
  if (op.security.length === 0) return 'no key';
  return op.security.map((s) => [s.schemeName, ...s.scopes.map(code)].join(' ')).join(' or ');
}

export function landingDescription(model: SiteModel): string {
  return `${model.title} documentation: ${oneLine(summaryOf(model.document))} Guides, every operation with cURL and TypeScript samples, error codes and a sandbox.`;
}

export function landingPage(model: SiteModel, guides: Guide[]): string {
  const { operations, errors } = model;
  return blocks(
    `# ${model.title} documentation`,
    oneLine(summaryOf(model.document)),
    blocks('## Guides', guides.map((g) => `- [${g.title}](${guidePage(g.slug, 'md')}): ${g.description}`).join('\n')),
    blocks(
      '## Reference',
      [
        `- [API reference](${REFERENCE_PAGE}): all ${operations.length} operations in one interactive page (Redoc), with search.`,
        `- [Try it](${TRY_IT_PAGE}): send requests to the local sandbox at ${code(model.sandboxUrl)} from the browser (Scalar).`,
        `- [Error codes](${ERRORS_INDEX}.md): one page per error ${code('code')} (${errors.length} codes), with cause and fix.`,
        `- [Changelog](${CHANGELOG}.md): what changed between released versions.`,
        `- [Search](${SEARCH_PAGE}): guides, operations and error codes.`,
        `- For AI assistants: [llms.txt](llms.txt), [llms-full.txt](llms-full.txt), every page below as Markdown and the [OpenAPI document with code samples](${DOCS_BUNDLE}).`,
      ].join('\n'),
    ),
    ...model.groups.map((group) =>
      blocks(
        `## ${group.name}`,
        ...[...new Set(group.operations.map((op) => op.tag))].map((tag) =>
          blocks(
            `### ${tag}`,
            group.operations
              .filter((op) => op.tag === tag)
              .map(
                (op) =>
                  `- [${op.summary}](${operationMarkdown(op)}) ${code(`${op.method} ${op.path}`)}, ${scopes(op)} ([in the reference](${REFERENCE_PAGE}${redocAnchor(op)}))`,
              )
              .join('\n'),
          ),
        ),
      ),
    ),
  );
}
