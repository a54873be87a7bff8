/**
 * Renders a generated Markdown page as a standalone HTML page of the site: one layout with a title,
 * a meta description and a canonical URL, the site's navigation and search box, code highlighted at
 * build time with copy buttons, tables and code that scroll inside themselves, raw HTML in the source
 * escaped, and links to a `.md` page rewritten to its `.html` twin where the site has one.
 */
import { Marked, type Tokens } from 'marked';
import { SERVER_SETUP_LANGUAGE } from '../pages/servers.js';
import { highlight } from './highlight.js';
import {
  CHANGELOG,
  ERRORS_INDEX,
  FAVICON_PATH,
  guidePage,
  LANDING_PAGE,
  REFERENCE_PAGE,
  relativeHref,
  SEARCH_PAGE,
  TRY_IT_PAGE,
} from './paths.js';
import { SCRIPT } from './script.js';
import { STYLE } from './style.js';

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function headingId(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/[^a-z0-9_\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-');
}

export interface PageOptions {
  /** Site-relative path of the page being written, e.g. `errors/invoice_not_unpaid.html`. */
  path: string;
  title: string;
  /** One or two sentences: the meta description (and what search engines show). */
  description: string;
  siteTitle: string;
  markdown: string;
  /** Site-relative `.md` paths that also exist as `.html`. */
  htmlTwins: ReadonlySet<string>;
  /** The page's public URL, when the build knows the site's base URL. */
  canonical?: string;
  /** Extra HTML right after the page's `<h1>` (the search page's form and results). */
  afterTitle?: string;
}

function serverPicker(source: string): string {
  const urls = [...source.matchAll(/^(?:# )?export BILLING_API_URL=(\S+)(?:\s+#\s*(.*))?$/gm)];
  const options = urls
    .map(
      ([, url, label], i) =>
        `<option value="${escapeHtml(url!)}"${i === 0 ? ' selected' : ''}>${escapeHtml(label ? `${label} (${url})` : url!)}</option>`,
    )
    .join('');
  return `<p hidden><label>Server: <select class="server-picker">${options}</select></label></p>`;
}

function markedFor(htmlTwins: ReadonlySet<string>, pagePath: string): Marked {
  const dir = pagePath.includes('/') ? pagePath.slice(0, pagePath.lastIndexOf('/') + 1) : '';
  const ids = new Map<string, number>();
  return new Marked({
    gfm: true,
    walkTokens(token) {
      if (token.type !== 'link') return;
      const link = token as Tokens.Link;
      const [target, hash] = link.href.split('#', 2) as [string, string | undefined];
      if (!target.endsWith('.md') || /^[a-z]+:/i.test(target)) return;
      const resolved = new URL(target, `http://site/${dir}`).pathname.slice(1);
      if (htmlTwins.has(resolved)) link.href = `${target.slice(0, -3)}.html${hash === undefined ? '' : `#${hash}`}`;
    },
    renderer: {
      html(token) {
        return escapeHtml(token.text);
      },
      heading(token) {
        const base = headingId(token.text) || 'section';
        const seen = ids.get(base) ?? 0;
        ids.set(base, seen + 1);
        const id = seen === 0 ? base : `${base}-${seen + 1}`;
        return `<h${token.depth} id="${id}">${this.parser.parseInline(token.tokens)}</h${token.depth}>\n`;
      },
      code(token) {
        const highlighted = highlight(token.text, token.lang);
        const language = (token.lang ?? '').split(/\s+/)[0];
        const body = highlighted ?? escapeHtml(token.text);
        const picker = token.lang === SERVER_SETUP_LANGUAGE ? serverPicker(token.text) : '';
        return `<div class="code">${picker}<pre tabindex="0"><code${language ? ` class="language-${escapeHtml(language)}"` : ''}>${body}</code></pre><button type="button" class="copy" hidden>Copy</button></div>\n`;
      },
      table(token) {
        const head = `<tr>${token.header.map((cell) => `<th>${this.parser.parseInline(cell.tokens)}</th>`).join('')}</tr>`;
        const rows = token.rows
          .map((r) => `<tr>${r.map((cell) => `<td>${this.parser.parseInline(cell.tokens)}</td>`).join('')}</tr>`)
          .join('\n');
        return `<div class="table" tabindex="0" role="region" aria-label="Table"><table><thead>${head}</thead><tbody>${rows}</tbody></table></div>\n`;
      },
    },
  });
}

export function renderPage(options: PageOptions): string {
  const { path } = options;
  const rendered = markedFor(options.htmlTwins, path).parse(options.markdown, { async: false });
  const body = options.afterTitle ? rendered.replace(/<\/h1>\n?/, (end) => `${end}${options.afterTitle}\n`) : rendered;
  const href = (to: string) => escapeHtml(relativeHref(path, to));
  const markdownTwin = `${path.slice(0, -'.html'.length)}.md`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · ${escapeHtml(options.siteTitle)}</title>
<meta name="description" content="${escapeHtml(options.description)}">
${options.canonical ? `<link rel="canonical" href="${escapeHtml(options.canonical)}">\n` : ''}<link rel="icon" type="image/svg+xml" href="${href(FAVICON_PATH)}">
<link rel="alternate" type="text/markdown" href="${href(markdownTwin)}">
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header>
<a class="brand" href="${href(LANDING_PAGE)}">${escapeHtml(options.siteTitle)}</a>
<nav aria-label="Site">
<a href="${href(guidePage('getting-started', 'html'))}">Guides</a>
<a href="${href(REFERENCE_PAGE)}">API reference</a>
<a href="${href(TRY_IT_PAGE)}">Try it</a>
<a href="${href(`${ERRORS_INDEX}.html`)}">Error codes</a>
<a href="${href(`${CHANGELOG}.html`)}">Changelog</a>
</nav>
<form role="search" action="${href(SEARCH_PAGE)}"><label class="vh" for="site-search">Search the docs</label><input id="site-search" name="q" type="search" placeholder="Search"></form>
</header>
<main id="main">
${body}</main>
<footer>Generated from the bundled OpenAPI document. This page as Markdown: <a href="${href(markdownTwin)}">${escapeHtml(markdownTwin.split('/').pop()!)}</a> · <a href="${href('llms.txt')}">llms.txt</a></footer>
<p id="copy-status" class="vh" aria-live="polite"></p>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
