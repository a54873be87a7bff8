/**
 * What the site search indexes: every guide, operation and error code, each as a title, the words a
 * reader would search for, a short excerpt to show, where it lives, and whether it belongs to the
 * legacy API (ranked after the current one).
 */
import { marked } from 'marked';
import type { Guide } from '../guides/guides.js';
import { errorDescription } from '../pages/error.js';
import { operationDescription } from '../pages/operation.js';
import type { SiteModel } from '../site/model.js';
import { errorPage, guidePage, operationPage } from '../site/paths.js';
import { groupRank } from '../spec/tag-groups.js';

export interface SearchDocument {
  id: string;
  kind: 'guide' | 'operation' | 'error';
  title: string;
  /** Searched, not shown. */
  text: string;
  /** Shown under the title: whole words, one space between each. */
  excerpt: string;
  /** Site-relative page path. */
  url: string;
  /** `Billing API v2`, `Billing API v1 (legacy)`, or `Guide`. */
  group: string;
  legacy: boolean;
}

/** The words of some Markdown without its syntax or code blocks, separated by single spaces. */
export function plainText(markdown: string): string {
  const words: string[] = [];
  const walk = (tokens: ReturnType<typeof marked.lexer>) => {
    for (const token of tokens) {
      if (token.type === 'code') continue;
      const children = (token as { tokens?: typeof tokens }).tokens;
      const items = (token as { items?: Array<{ tokens: typeof tokens }> }).items;
      const rows = token.type === 'table' ? [token.header, ...token.rows].flat() : undefined;
      if (children) walk(children);
      else if (items) for (const item of items) walk(item.tokens);
      else if (rows) for (const cell of rows as Array<{ tokens: typeof tokens }>) walk(cell.tokens);
      else if ('text' in token && typeof token.text === 'string') words.push(token.text);
      words.push(' ');
    }
  };
  walk(marked.lexer(markdown));
  return words
    .join(' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function excerpt(text: string, max = 180): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' '))} …`;
}

export function searchDocuments(model: SiteModel, guides: Guide[]): SearchDocument[] {
  const legacy = (group: string) => groupRank(model.document, group) > 0;
  return [
    ...guides.map(
      (guide): SearchDocument => ({
        id: `guide:${guide.slug}`,
        kind: 'guide',
        title: guide.title,
        text: plainText(guide.markdown),
        excerpt: excerpt(guide.description),
        url: guidePage(guide.slug, 'html'),
        group: 'Guide',
        legacy: false,
      }),
    ),
    ...model.operations.map(
      (op): SearchDocument => ({
        id: `operation:${op.operationId}`,
        kind: 'operation',
        title: op.summary,
        text: [
          op.operationId,
          `${op.method} ${op.path}`,
          op.tag,
          plainText(op.description),
          ...op.parameters.map((p) => `${p.name} ${plainText(p.description ?? '')}`),
        ].join(' '),
        excerpt: excerpt(operationDescription(op)),
        url: operationPage(op, 'html'),
        group: op.group,
        legacy: legacy(op.group),
      }),
    ),
    ...model.errors.map(
      (entry): SearchDocument => ({
        id: `error:${entry.style}:${entry.code}`,
        kind: 'error',
        title: `${entry.code}: ${entry.title}`,
        text: [
          entry.code,
          entry.code.replace(/_/g, ' '),
          entry.title,
          ...entry.messages,
          ...entry.occurrences.map((o) => o.when),
        ].join(' '),
        excerpt: excerpt(errorDescription(entry)),
        url: errorPage(entry, 'html'),
        group: entry.group,
        legacy: legacy(entry.group),
      }),
    ),
  ];
}
