/**
 * The guides: hand-written prose in `templates/guides/<slug>.md` whose facts are placeholders
 * filled from the spec (see facts.ts). A template starts with `# Title` and a one-paragraph lead,
 * which is also the page's meta description.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SiteModel } from '../site/model.js';
import { guidePage } from '../site/paths.js';
import { fillFacts, templateSnippets } from './facts.js';

export const GUIDES_DIR = fileURLToPath(new URL('../../templates/guides/', import.meta.url));

/** In reading order: the landing page and the navigation list them so. */
export const GUIDE_SLUGS = [
  'getting-started',
  'authentication',
  'pagination',
  'idempotency',
  'rate-limits',
  'errors',
  'migrate-v1-to-v2',
] as const;

export interface Guide {
  slug: string;
  title: string;
  description: string;
  markdown: string;
  /** The TypeScript snippets it embeds. */
  snippets: string[];
}

export function guideTemplate(slug: string): string {
  return readFileSync(`${GUIDES_DIR}${slug}.md`, 'utf8');
}

export function buildGuide(model: SiteModel, slug: string, template = guideTemplate(slug)): Guide {
  const where = `templates/guides/${slug}.md`;
  const [, title, lead] = /^# (.+)\n\n([^\n][\s\S]*?)\n\n/.exec(template) ?? [];
  if (!title || !lead) throw new Error(`${where}: must start with "# Title" and a lead paragraph`);
  const markdown = fillFacts(template, { model, from: guidePage(slug, 'md') }, where);
  const description = fillFacts(lead, { model, from: guidePage(slug, 'md') }, where)
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return { slug, title, description, markdown, snippets: templateSnippets(template, model) };
}

export function buildGuides(model: SiteModel): Guide[] {
  return GUIDE_SLUGS.map((slug) => buildGuide(model, slug));
}
