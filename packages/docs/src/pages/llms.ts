/**
 * `llms.txt` (an index in the llmstxt.org format: title, summary, sections of links) and
 * `llms-full.txt` (the getting-started guide, every operation twin and every error page in one
 * Markdown file), for readers' AI assistants.
 */
import type { SiteModel } from '../site/model.js';
import { DOCS_BUNDLE, ERRORS_INDEX, errorPage, GETTING_STARTED, operationMarkdown } from '../site/paths.js';
import { blocks, code, oneLine } from './markdown.js';

export function llmsTxt(model: SiteModel): string {
  const { document } = model;
  return blocks(
    `# ${model.title}`,
    `> ${oneLine(document.info.summary)}`,
    document.info.description?.trim(),
    blocks(
      '## Guides',
      `- [Getting started](${GETTING_STARTED}.md): install the client, start the sandbox, first call, handling errors`,
    ),
    ...model.groups.map((group) =>
      blocks(
        `## ${group.name}`,
        group.operations
          .map(
            (op) =>
              `- [${op.summary}](${operationMarkdown(op)}): ${code(`${op.method} ${op.path}`)} (${op.operationId})`,
          )
          .join('\n'),
      ),
    ),
    blocks(
      '## Errors',
      [
        `- [All error codes](${ERRORS_INDEX}.md)`,
        ...model.errors.map((e) => `- [${e.code}](${errorPage(e, 'md')}): ${e.statuses.join(', ')} ${e.title}`),
      ].join('\n'),
    ),
    blocks(
      '## Optional',
      [
        `- [llms-full.txt](llms-full.txt): every page below in one file`,
        `- [OpenAPI 3.1 document](${DOCS_BUNDLE}): the bundled spec with x-codeSamples`,
      ].join('\n'),
    ),
  );
}

export interface FullTextParts {
  gettingStarted: string;
  operations: Array<{ path: string; markdown: string }>;
  errors: Array<{ path: string; markdown: string }>;
}

export function llmsFullTxt(model: SiteModel, parts: FullTextParts): string {
  const section = (path: string, markdown: string) => `<!-- source: ${path} -->\n\n${markdown.trim()}\n`;
  return [
    `# ${model.title}: full documentation\n\n> ${oneLine(model.document.info.summary)}\n`,
    section(`${GETTING_STARTED}.md`, parts.gettingStarted),
    ...parts.operations.map((p) => section(p.path, p.markdown)),
    ...parts.errors.map((p) => section(p.path, p.markdown)),
  ].join('\n---\n\n');
}
