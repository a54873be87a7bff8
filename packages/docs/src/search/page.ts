/**
 * The search page (`search.html`, twin `search.md`). Without JavaScript it lists everything the
 * search covers, grouped, so the browser's find works; with it, a MiniSearch over the prebuilt
 * index answers as the reader types (the query also comes from `?q=`, the header's search box).
 */
import { blocks } from '../pages/markdown.js';
import { relativeHref, SEARCH_PAGE } from '../site/paths.js';
import type { SearchDocument } from './documents.js';
import { DOCUMENT_BOOST, SEARCH_OPTIONS, SEARCH_QUERY_OPTIONS } from './index.js';

export const SEARCH_INDEX = 'assets/search-index.json';
export const MINISEARCH_SCRIPT = 'assets/minisearch.js';

const KIND_HEADINGS: Record<SearchDocument['kind'], string> = {
  guide: 'Guides',
  operation: 'Operations',
  error: 'Error codes',
};

export function searchMarkdown(documents: SearchDocument[]): string {
  const link = (d: SearchDocument) => `[${d.title}](${relativeHref(SEARCH_PAGE, d.url.replace(/\.html$/, '.md'))})`;
  return blocks(
    '# Search',
    'Search the guides, every operation and every error code. Current (v2) results come before legacy (v1) ones.',
    '## Everything the search covers',
    ...(['guide', 'operation', 'error'] as const).map((kind) =>
      blocks(
        `### ${KIND_HEADINGS[kind]}`,
        documents
          .filter((d) => d.kind === kind)
          .map((d) => `- ${link(d)}${d.kind === 'guide' ? '' : ` (${d.group})`}`)
          .join('\n'),
      ),
    ),
  );
}

/** The form, the result list and the script the HTML page adds under its title. */
export function searchWidget(): string {
  const config = JSON.stringify({
    index: relativeHref(SEARCH_PAGE, SEARCH_INDEX),
    options: SEARCH_OPTIONS,
    query: SEARCH_QUERY_OPTIONS,
    boost: DOCUMENT_BOOST,
  }).replace(/</g, '\\u003c');
  return `<form role="search" class="search-page" action="" hidden><label for="search-query">Search for</label> <input id="search-query" name="q" type="search" autocomplete="off"></form>
<p id="search-status" aria-live="polite"></p>
<ol id="search-results"></ol>
<script src="${relativeHref(SEARCH_PAGE, MINISEARCH_SCRIPT)}"></script>
<script>(async () => {
  const config = ${config};
  const form = document.querySelector('form.search-page');
  const input = document.getElementById('search-query');
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-results');
  const index = MiniSearch.loadJSON(await (await fetch(config.index)).text(), config.options);
  const run = (q) => {
    const options = { ...config.query, boostDocument: (id, term, s) => (s && s.legacy ? config.boost.legacy : s && s.kind === 'guide' ? config.boost.guide : 1) };
    const all = index.search(q, options);
    return all.length > 0 ? all : index.search(q, { ...options, combineWith: 'OR' });
  };
  const show = () => {
    const q = input.value.trim();
    list.replaceChildren();
    if (!q) { status.textContent = ''; return; }
    const results = run(q).slice(0, 20);
    status.textContent = results.length === 0 ? 'Nothing found for "' + q + '".' : results.length + ' results for "' + q + '".';
    for (const r of results) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = r.url; a.textContent = r.title;
      const meta = document.createElement('span');
      meta.textContent = ' · ' + r.group;
      const p = document.createElement('p');
      p.textContent = r.excerpt;
      li.append(a, meta, p);
      list.append(li);
    }
  };
  form.hidden = false;
  input.value = new URLSearchParams(location.search).get('q') || '';
  input.addEventListener('input', show);
  form.addEventListener('submit', (e) => { e.preventDefault(); show(); });
  show();
})();</script>`;
}
