/**
 * Renders a generated Markdown page as a standalone HTML page of the site: one shared layout and
 * stylesheet (inline, no fonts or scripts from anywhere), headings with ids, raw HTML in the source
 * escaped, and links to a `.md` page rewritten to its `.html` twin where the site has one.
 */
import { Marked, type Tokens } from 'marked';
import {
  ERRORS_INDEX,
  FAVICON_PATH,
  GETTING_STARTED,
  LANDING_PAGE,
  REFERENCE_PAGE,
  relativeHref,
  TRY_IT_PAGE,
} from './paths.js';

const STYLE = `
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --accent: #0b5cad; --code: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); }
header { border-bottom: 1px solid var(--line); padding: 0.75rem 1.5rem; display: flex; flex-wrap: wrap; gap: 1.25rem; align-items: baseline; }
header .brand { font-weight: 700; color: var(--fg); text-decoration: none; }
header nav { display: flex; flex-wrap: wrap; gap: 1rem; }
a { color: var(--accent); }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
code { font: 0.9em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--code); padding: 0.1em 0.3em; border-radius: 4px; }
pre { background: var(--code); padding: 0.9rem 1rem; border-radius: 6px; overflow-x: auto; border: 1px solid var(--line); }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
h1 { font-size: 2rem; line-height: 1.2; }
h2 { margin-top: 2.2rem; border-bottom: 1px solid var(--line); padding-bottom: 0.3rem; }
li { margin: 0.2rem 0; }
footer { color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--line); padding: 1rem 1.5rem; }
`;

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
  siteTitle: string;
  markdown: string;
  /** Site-relative `.md` paths that also exist as `.html`. */
  htmlTwins: ReadonlySet<string>;
}

function markedFor(htmlTwins: ReadonlySet<string>, pagePath: string): Marked {
  const dir = pagePath.includes('/') ? pagePath.slice(0, pagePath.lastIndexOf('/') + 1) : '';
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
        return `<h${token.depth} id="${headingId(token.text)}">${this.parser.parseInline(token.tokens)}</h${token.depth}>\n`;
      },
    },
  });
}

export function renderPage(options: PageOptions): string {
  const { path } = options;
  const body = markedFor(options.htmlTwins, path).parse(options.markdown, { async: false });
  const href = (to: string) => escapeHtml(relativeHref(path, to));
  const markdownTwin = `${path.slice(0, -'.html'.length)}.md`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)} · ${escapeHtml(options.siteTitle)}</title>
<link rel="icon" type="image/svg+xml" href="${href(FAVICON_PATH)}">
<link rel="alternate" type="text/markdown" href="${href(markdownTwin)}">
<style>${STYLE}</style>
</head>
<body>
<header>
<a class="brand" href="${href(LANDING_PAGE)}">${escapeHtml(options.siteTitle)}</a>
<nav>
<a href="${href(`${GETTING_STARTED}.html`)}">Getting started</a>
<a href="${href(REFERENCE_PAGE)}">API reference</a>
<a href="${href(TRY_IT_PAGE)}">Try it</a>
<a href="${href(`${ERRORS_INDEX}.html`)}">Error codes</a>
<a href="${href('llms.txt')}">llms.txt</a>
</nav>
</header>
<main>
${body}</main>
<footer>Generated from the bundled OpenAPI document. This page as Markdown: <a href="${href(markdownTwin)}">${escapeHtml(markdownTwin.split('/').pop()!)}</a></footer>
</body>
</html>
`;
}
