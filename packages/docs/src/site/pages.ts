/**
 * Every generated text file of the site, by site-relative path: the Markdown twins (operations,
 * errors, getting started, landing), their HTML renderings, `llms.txt`, `llms-full.txt` and the
 * docs copy of the spec. Pure: the build writes them, the tests inspect them.
 */
import { errorCodePage, errorIndexPage } from '../pages/error.js';
import { gettingStartedPage } from '../pages/getting-started.js';
import { landingPage } from '../pages/landing.js';
import { llmsFullTxt, llmsTxt } from '../pages/llms.js';
import { operationPage } from '../pages/operation.js';
import { docsBundle } from '../reference/docs-bundle.js';
import { renderPage } from './html.js';
import type { SiteModel } from './model.js';
import { DOCS_BUNDLE, ERRORS_INDEX, errorPage, GETTING_STARTED, operationMarkdown } from './paths.js';

export function sitePages(model: SiteModel): Map<string, string> {
  const files = new Map<string, string>();
  const operations = model.operations.map((op) => ({
    path: operationMarkdown(op),
    markdown: operationPage(model, op),
  }));
  const errors = model.errors.map((entry) => ({
    path: errorPage(entry, 'md'),
    markdown: errorCodePage(model, entry),
    title: entry.code,
  }));
  const gettingStarted = gettingStartedPage(model);

  // Pages that exist as both Markdown and HTML.
  const twins = [
    { path: 'index.md', markdown: landingPage(model), title: 'Documentation' },
    { path: `${GETTING_STARTED}.md`, markdown: gettingStarted, title: 'Getting started' },
    { path: `${ERRORS_INDEX}.md`, markdown: errorIndexPage(model), title: 'Error codes' },
    ...errors,
  ];
  const htmlTwins = new Set(twins.map((t) => t.path));
  for (const twin of twins) {
    files.set(twin.path, twin.markdown);
    const htmlPath = `${twin.path.slice(0, -3)}.html`;
    files.set(
      htmlPath,
      renderPage({ path: htmlPath, title: twin.title, siteTitle: model.title, markdown: twin.markdown, htmlTwins }),
    );
  }
  for (const page of operations) files.set(page.path, page.markdown);
  files.set('llms.txt', llmsTxt(model));
  files.set('llms-full.txt', llmsFullTxt(model, { gettingStarted, operations, errors }));
  files.set(DOCS_BUNDLE, `${JSON.stringify(docsBundle(model), null, 2)}\n`);
  return files;
}
