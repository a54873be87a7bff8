/**
 * The site search index, built at build time with MiniSearch (a well-kept full-text library that
 * also runs in the browser) and loaded by the search page as JSON. The page and the build share
 * `SEARCH_OPTIONS`; the ranking (titles first, guides before the pages they explain, legacy v1
 * after v2) is `SEARCH_QUERY_OPTIONS` and `documentBoost`, used by both the page and the tests.
 */
import MiniSearch, { type Options, type SearchOptions, type SearchResult } from 'minisearch';
import type { SearchDocument } from './documents.js';

export const SEARCH_OPTIONS = {
  idField: 'id',
  fields: ['title', 'text'],
  storeFields: ['title', 'excerpt', 'url', 'kind', 'group', 'legacy'],
} satisfies Options<SearchDocument>;

/** How much a document's score counts, by kind: a legacy (v1) match ranks after a v2 match of the same words, a guide before a single error code. */
export const DOCUMENT_BOOST = { legacy: 0.35, guide: 1.5 } as const;

export function documentBoost(stored: Record<string, unknown> | undefined): number {
  if (stored?.legacy) return DOCUMENT_BOOST.legacy;
  return stored?.kind === 'guide' ? DOCUMENT_BOOST.guide : 1;
}

export const SEARCH_QUERY_OPTIONS = {
  boost: { title: 3 },
  prefix: true,
  fuzzy: 0.15,
  combineWith: 'AND',
} satisfies SearchOptions;

export function newIndex(): MiniSearch<SearchDocument> {
  return new MiniSearch<SearchDocument>(SEARCH_OPTIONS);
}

export function buildSearchIndex(documents: SearchDocument[]): MiniSearch<SearchDocument> {
  const index = newIndex();
  index.addAll(documents);
  return index;
}

/** The query as the page runs it: all words first, any word when that finds nothing; v1 after v2. */
export function runSearch(index: MiniSearch<SearchDocument>, query: string): SearchResult[] {
  const options: SearchOptions = {
    ...SEARCH_QUERY_OPTIONS,
    boostDocument: (_id, _term, stored) => documentBoost(stored),
  };
  const all = index.search(query, options);
  return all.length > 0 ? all : index.search(query, { ...options, combineWith: 'OR' });
}
