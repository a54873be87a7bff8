/**
 * The landing page (`index.md` / `index.html`): what the site offers and every operation, grouped
 * by tag group and tag, each linked to its place in the Redoc reference and to its Markdown twin.
 */

import type { SiteModel } from '../site/model.js';
import {
  DOCS_BUNDLE,
  ERRORS_INDEX,
  GETTING_STARTED,
  operationMarkdown,
  REFERENCE_PAGE,
  redocAnchor,
  TRY_IT_PAGE,
} from '../site/paths.js';
import type { ApiOperation } from '../spec/operations.js';
import { blocks, code, oneLine } from './markdown.js';

function scopes(op: ApiOperation): string {
  if (op.security.length === 0) return 'no key';
  return op.security.map((s) => [s.schemeName, ...s.scopes.map(code)].join(' ')).join(' or ');
}

export function landingPage(model: SiteModel): string {
  const { document, operations, errors } = model;
  return blocks(
    `# ${model.title} documentation`,
    oneLine(document.info.summary),
    [
      `- [Getting started](${GETTING_STARTED}.md): install the client, start the sandbox, make a first call, handle errors.`,
      `- [API reference](${REFERENCE_PAGE}): all ${operations.length} operations with cURL and TypeScript samples and search (Redoc).`,
      `- [Try it](${TRY_IT_PAGE}): send requests to the local sandbox at ${code(model.serverUrl)} from the browser (Scalar).`,
      `- [Error codes](${ERRORS_INDEX}.md): one page per error ${code('code')} (${errors.length} codes).`,
      `- For AI assistants: [llms.txt](llms.txt), [llms-full.txt](llms-full.txt), a Markdown twin of every operation (below) and the [OpenAPI document with code samples](${DOCS_BUNDLE}).`,
    ].join('\n'),
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
                  `- [${op.summary}](${REFERENCE_PAGE}${redocAnchor(op)}) ${code(`${op.method} ${op.path}`)}, ${scopes(op)} ([Markdown](${operationMarkdown(op)}))`,
              )
              .join('\n'),
          ),
        ),
      ),
    ),
  );
}
