/**
 * `paginate()`: every item of a list, page after page, as an async iterator. v2 lists are cursor
 * pages (`{ data[], hasMore, nextCursor }`: send `nextCursor` back as `cursor`); v1 lists are numbered
 * pages (`data: { <items>[], hasMore, currentPage }`: ask for `page = currentPage + 1`). Which one a
 * path is, and the item type, come from the spec's types.
 */

import type { paths } from '@billing-api/types';
import type { MaybeOptionalInit } from 'openapi-fetch';
import type { BillingClient, BillingData, BillingPath } from './client.js';
import { BillingError } from './errors.js';

type WithoutIndex<T> = { [K in keyof T as string extends K ? never : K]: T[K] };
type ArrayItem<T> = { [K in keyof T]: T[K] extends readonly (infer I)[] ? I : never }[keyof T];
type ItemOf<D> = D extends { data: readonly (infer I)[]; nextCursor: string | null }
  ? I
  : D extends { data: infer Page extends { hasMore: boolean; currentPage: number } }
    ? ArrayItem<WithoutIndex<Page>>
    : never;

/** The item type of a list path: `Invoice` for `/api/v2/billing/invoices`, `InvoiceV1` for `/api/billing/invoices`. */
export type PageItem<P extends BillingPath<'get'>> = ItemOf<BillingData<'get', P>>;

/** The GET paths that are v2 cursor lists or v1 page lists. */
export type PaginatedPath = {
  [P in BillingPath<'get'>]: [PageItem<P>] extends [never] ? never : P;
}[BillingPath<'get'>];

interface Init {
  params?: { query?: Record<string, unknown> } & Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Iterates over every item of a list, following `nextCursor` (v2) or `page` (v1). The `init` is the
 * first page's (filters, `limit`, `signal`); each later page repeats it with the next cursor or page.
 */
export async function* paginate<P extends PaginatedPath, I extends MaybeOptionalInit<paths[P], 'get'>>(
  billing: BillingClient,
  path: P,
  init?: I,
): AsyncGenerator<PageItem<P>, void, undefined> {
  const get = billing.GET as unknown as (path: string, init: Init) => Promise<Record<string, unknown>>;
  const first = (init ?? {}) as Init;
  let query: Record<string, unknown> = { ...first.params?.query };
  for (;;) {
    const page = await get(path, { ...first, params: { ...first.params, query } });
    if ('nextCursor' in page) {
      yield* page.data as PageItem<P>[];
      const next = page.nextCursor;
      if (!page.hasMore || typeof next !== 'string') return;
      if (next === query.cursor)
        throw new BillingError(`${path}: the server returned the same nextCursor twice; stopping`);
      query = { ...query, cursor: next };
    } else {
      const data = page.data as { hasMore?: boolean; currentPage?: number } & Record<string, unknown>;
      yield* (Object.values(data).find(Array.isArray) ?? []) as PageItem<P>[];
      if (!data.hasMore || typeof data.currentPage !== 'number') return;
      query = { ...query, page: data.currentPage + 1 };
    }
  }
}
