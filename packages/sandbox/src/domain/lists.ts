// Listing invoices and ledger entries, newest first: v2 by opaque cursor (base64url of the last
// row's sequence number, so pages stay stable while new rows arrive), v1 by page number.
import type { InvoiceRow, LedgerRow } from '../db/rows.js';
import type { InvoiceFilter } from '../db/store.js';
import type { Ctx } from './context.js';
import { RuleError } from './rules.js';

export function encodeCursor(after: number): string {
  return Buffer.from(JSON.stringify({ after })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof value.after === 'number' && Number.isSafeInteger(value.after) && value.after > 0) return value.after;
  } catch {
    // fall through
  }
  throw new RuleError('invalid_cursor', {});
}

export interface CursorPage<T> {
  rows: T[];
  hasMore: boolean;
  nextCursor: string | null;
}

function cursorPage<T extends { legacy_id: number }>(rows: T[], limit: number): CursorPage<T> {
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  return { rows: page, hasMore, nextCursor: hasMore ? encodeCursor(page.at(-1)!.legacy_id) : null };
}

export async function listInvoices(
  ctx: Ctx,
  accountId: string,
  query: InvoiceFilter & { limit: number; cursor?: string | undefined },
): Promise<CursorPage<InvoiceRow>> {
  const before = decodeCursor(query.cursor) ?? Number.MAX_SAFE_INTEGER;
  const rows = await ctx.tx.invoices.page(accountId, query, before, query.limit + 1);
  return cursorPage(rows, query.limit);
}

export async function listLedger(
  ctx: Ctx,
  accountId: string,
  query: { kind: LedgerRow['kind']; limit: number; cursor?: string | undefined },
): Promise<CursorPage<LedgerRow>> {
  const before = decodeCursor(query.cursor) ?? Number.MAX_SAFE_INTEGER;
  const rows = await ctx.tx.ledger.page(accountId, query.kind, before, query.limit + 1);
  return cursorPage(rows, query.limit);
}

export interface NumberedPage<T> {
  rows: T[];
  total: number;
  pages: number;
  currentPage: number;
  hasMore: boolean;
}

function numberedPage<T>(result: { rows: T[]; total: number }, page: number, limit: number): NumberedPage<T> {
  const pages = Math.ceil(result.total / limit);
  return { rows: result.rows, total: result.total, pages, currentPage: page, hasMore: page < pages };
}

export async function listInvoicesPaged(
  ctx: Ctx,
  accountId: string,
  query: { status?: string | undefined; page: number; limit: number },
): Promise<NumberedPage<InvoiceRow>> {
  const result = await ctx.tx.invoices.numbered(
    accountId,
    { status: query.status },
    (query.page - 1) * query.limit,
    query.limit,
  );
  return numberedPage(result, query.page, query.limit);
}

export async function listCreditLogPaged(
  ctx: Ctx,
  accountId: string,
  query: { page: number; limit: number },
): Promise<NumberedPage<LedgerRow>> {
  const result = await ctx.tx.ledger.numbered(accountId, 'credit', (query.page - 1) * query.limit, query.limit);
  return numberedPage(result, query.page, query.limit);
}
