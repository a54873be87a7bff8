/**
 * Every generated text file of the site, by site-relative path: a Markdown page and its HTML
 * rendering for the landing page, each guide, operation and error code, the changelog and the
 * search page; `llms.txt`, `llms-full.txt`, the search index and the docs copy of the spec. Pure:
 * the build writes them, the tests inspect them.
 */
import { buildGuides } from '../guides/guides.js';
import { changelogPage } from '../pages/changelog.js';
import { errorCodePage, errorDescription, errorIndexPage } from '../pages/error.js';
import { landingDescription, landingPage } from '../pages/landing.js';
import { llmsFullTxt, llmsTxt } from '../pages/llms.js';
import { operationDescription, operationPage } from '../pages/operation.js';
import { docsBundle } from '../reference/docs-bundle.js';
import { searchDocuments } from '../search/documents.js';
import { buildSearchIndex } from '../search/index.js';
import { SEARCH_INDEX, searchMarkdown, searchWidget } from '../search/page.js';
import { escapeHtml, renderPage } from './html.js';
import type { SiteModel } from './model.js';
import {
  CHANGELOG,
  DOCS_BUNDLE,
  ERRORS_INDEX,
  errorPage,
  guidePage,
  OLD_GETTING_STARTED,
  operationMarkdown,
  publicUrl,
  relativeHref,
  SEARCH_PAGE,
} from './paths.js';

/** A page that exists as Markdown (`path`) and as HTML (the same path ending in `.html`). */
export interface SitePage {
  path: string;
  title: string;
  description: string;
  markdown: string;
  afterTitle?: string;
}

export function htmlPath(markdownPath: string): string {
  return `${markdownPath.slice(0, -'.md'.length)}.html`;
}

/** A page kept where an old link points, sending the reader on (no script needed). */
function redirectPage(from: string, to: string, title: string): string {
  const href = escapeHtml(relativeHref(from, to));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} (moved)</title>
<meta name="description" content="This page moved to ${href}.">
<meta http-equiv="refresh" content="0; url=${href}">
<link rel="canonical" href="${href}">
</head>
<body>
<main><p>This page moved: <a href="${href}">${escapeHtml(title)}</a>.</p></main>
</body>
</html>
`;
}

export function sitePages(model: SiteModel): { pages: SitePage[]; files: Map<string, string> } {
  const guides = buildGuides(model);
  const search = searchDocuments(model, guides);
  const pages: SitePage[] = [
    {
      path: 'index.md',
      title: 'Documentation',
      description: landingDescription(model),
      markdown: landingPage(model, guides),
    },
    ...guides.map((g) => ({
      path: guidePage(g.slug, 'md'),
      title: g.title,
      description: g.description,
      markdown: g.markdown,
    })),
    ...model.operations.map((op) => ({
      path: operationMarkdown(op),
      title: op.summary,
      description: operationDescription(op),
      markdown: operationPage(model, op),
    })),
    {
      path: `${ERRORS_INDEX}.md`,
      title: 'Error codes',
      description: `Every error code of the ${model.title}, v2 and v1, with its status, cause, fix and the operations that return it.`,
      markdown: errorIndexPage(model),
    },
    ...model.errors.map((entry) => ({
      path: errorPage(entry, 'md'),
      title: `${entry.code}: ${entry.title}`,
      description: errorDescription(entry),
      markdown: errorCodePage(model, entry),
    })),
    {
      path: `${CHANGELOG}.md`,
      title: 'API changelog',
      description: `What changed between released versions of the ${model.title}, from the breaking-change checker's reports.`,
      markdown: changelogPage(model),
    },
    {
      path: SEARCH_PAGE.replace(/\.html$/, '.md'),
      title: 'Search',
      description: `Search the ${model.title} guides, operations and error codes.`,
      markdown: searchMarkdown(search),
      afterTitle: searchWidget(),
    },
  ];
  const htmlTwins = new Set(pages.map((p) => p.path));
  const files = new Map<string, string>();
  for (const page of pages) {
    files.set(page.path, page.markdown);
    const path = htmlPath(page.path);
    files.set(
      path,
      renderPage({
        path,
        title: page.title,
        description: page.description,
        siteTitle: model.title,
        markdown: page.markdown,
        htmlTwins,
        canonical: publicUrl(model.baseUrl, path.startsWith('errors/') ? path.replace(/\.html$/, '') : path),
        afterTitle: page.afterTitle,
      }),
    );
  }
  files.set(
    OLD_GETTING_STARTED,
    redirectPage(OLD_GETTING_STARTED, guidePage('getting-started', 'html'), 'Getting started'),
  );
  files.set('llms.txt', llmsTxt(model, guides));
  const full = pages.filter((p) => p.path !== 'index.md' && p.path !== 'search.md' && p.path !== `${ERRORS_INDEX}.md`);
  files.set('llms-full.txt', llmsFullTxt(model, full));
  files.set(SEARCH_INDEX, JSON.stringify(buildSearchIndex(search)));
  files.set(DOCS_BUNDLE, `${JSON.stringify(docsBundle(model), null, 2)}\n`);
  return { pages, files };
}
