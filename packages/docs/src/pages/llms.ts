/**
 * `llms.txt` (an index in the llmstxt.org format: title, summary, sections of links) and
 * `llms-full.txt` (every guide, operation page and error page in one Markdown file), for readers'
 * AI assistants. Both sit at the site's root, so the links each page carries are rewritten to be
 * relative to the root: they resolve wherever the site is served (a local copy included).
 */
import { posix } from 'node:path';
import type { Guide } from '../guides/guides.js';
import type { SiteModel } from '../site/model.js';
import { CHANGELOG, DOCS_BUNDLE, ERRORS_INDEX, errorPage, guidePage, operationMarkdown } from '../site/paths.js';
import { summaryOf } from '../spec/load.js';
import { blocks, code, oneLine } from './markdown.js';

/** A site-relative path as llms*.txt link it. */
function target(_model: SiteModel, path: string): string {
  return path;
}

export function llmsTxt(model: SiteModel, guides: Guide[]): string {
  const { document } = model;
  const t = (path: string) => target(model, path);
  return blocks(
    `# ${model.title}`,
    `> ${oneLine(summaryOf(document))}`,
    document.info.description?.trim(),
    blocks(
      '## Guides',
      guides.map((g) => `- [${g.title}](${t(guidePage(g.slug, 'md'))}): ${g.description}`).join('\n'),
    ),
    ...model.groups.map((group) =>
      blocks(
        `## ${group.name}`,
        group.operations
          .map(
            (op) =>
              `- [${op.summary}](${t(operationMarkdown(op))}): ${code(`${op.method} ${op.path}`)} (${op.operationId})`,
          )
          .join('\n'),
      ),
    ),
    blocks(
      '## Errors',
      [
        `- [All error codes](${t(`${ERRORS_INDEX}.md`)})`,
        ...model.errors.map((e) => `- [${e.code}](${t(errorPage(e, 'md'))}): ${e.statuses.join(', ')} ${e.title}`),
      ].join('\n'),
    ),
    blocks(
      '## Optional',
      [
        `- [llms-full.txt](${t('llms-full.txt')}): every guide, operation and error page in one file`,
        `- [Changelog](${t(`${CHANGELOG}.md`)}): what changed between released versions`,
        `- [OpenAPI 3.1 document](${t(DOCS_BUNDLE)}): the bundled spec with x-codeSamples`,
      ].join('\n'),
    ),
  );
}

export interface FullTextPart {
  path: string;
  markdown: string;
}

/** Rewrites the relative links of a page at `from` so they resolve from the site's root. */
export function rebaseLinks(model: SiteModel, markdown: string, from: string): string {
  return markdown.replace(/\]\(([^)\s]+)\)/g, (whole, href: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#') || href.startsWith('/')) return whole;
    const [path, hash] = href.split('#', 2) as [string, string | undefined];
    const resolved = posix.normalize(posix.join(posix.dirname(from), path));
    return `](${target(model, resolved)}${hash === undefined ? '' : `#${hash}`})`;
  });
}

export function llmsFullTxt(model: SiteModel, parts: FullTextPart[]): string {
  const section = (path: string, markdown: string) =>
    `<!-- source: ${path} -->\n\n${rebaseLinks(model, markdown, path).trim()}\n`;
  return [
    `# ${model.title}: full documentation\n\n> ${oneLine(summaryOf(model.document))}\n`,
    ...parts.map((p) => section(p.path, p.markdown)),
  ].join('\n---\n\n');
}
