// Listing invoices and ledger entries, newest first: v2 by opaque cursor (base64url of the last
// row's sequence number, so pages stay stable while new rows arrive), v1 by page number.
import type { SandboxContext } from '../context.js';
import type { InvoiceRow, LedgerRow } from './rows.js';

export class InvalidCursorError extends Error {}

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
  throw new InvalidCursorError('not a cursor of this list');
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

function where(filters: Record<string, string | undefined>): { sql: string; args: string[] } {
  const parts: string[] = [];
  const args: string[] = [];
  for (const [column, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    parts.push(`${column} = ?`);
    args.push(value);
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(''), args };
}

export function listInvoices(
  ctx: SandboxContext,
  accountId: string,
  query: { status?: string; kind?: string; limit: number; cursor?: string },
): CursorPage<InvoiceRow> {
  const after = decodeCursor(query.cursor) ?? Number.MAX_SAFE_INTEGER;
  const filter = where({ status: query.status, kind: query.kind });
  const rows = ctx.db
    .prepare(
      `SELECT * FROM invoices WHERE account_id = ? AND legacy_id < ?${filter.sql} ORDER BY legacy_id DESC LIMIT ?`,
    )
    .all(accountId, after, ...filter.args, query.limit + 1) as InvoiceRow[];
  return cursorPage(rows, query.limit);
}

export function listLedger(
  ctx: SandboxContext,
  accountId: string,
  query: { kind: string; limit: number; cursor?: string },
): CursorPage<LedgerRow> {
  const after = decodeCursor(query.cursor) ?? Number.MAX_SAFE_INTEGER;
  const rows = ctx.db
    .prepare('SELECT * FROM ledger WHERE account_id = ? AND kind = ? AND legacy_id < ? ORDER BY legacy_id DESC LIMIT ?')
    .all(accountId, query.kind, after, query.limit + 1) as LedgerRow[];
  return cursorPage(rows, query.limit);
}

export interface NumberedPage<T> {
  rows: T[];
  total: number;
  pages: number;
  currentPage: number;
  hasMore: boolean;
}

function numberedPage<T>(
  ctx: SandboxContext,
  table: string,
  filterSql: string,
  args: unknown[],
  page: number,
  limit: number,
): NumberedPage<T> {
  const total = ctx.db
    .prepare(`SELECT COUNT(*) FROM ${table} WHERE ${filterSql}`)
    .pluck()
    .get(...args) as number;
  const rows = ctx.db
    .prepare(`SELECT * FROM ${table} WHERE ${filterSql} ORDER BY legacy_id DESC LIMIT ? OFFSET ?`)
    .all(...args, limit, (page - 1) * limit) as T[];
  const pages = Math.ceil(total / limit);
  return { rows, total, pages, currentPage: page, hasMore: page < pages };
}

export function listInvoicesPaged(
  ctx: SandboxContext,
  accountId: string,
  query: { status?: string; page: number; limit: number },
): NumberedPage<InvoiceRow> {
  const filter = where({ status: query.status });
  return numberedPage(
    ctx,
    'invoices',
    `account_id = ?${filter.sql}`,
    [accountId, ...filter.args],
    query.page,
    query.limit,
  );
}

export function listCreditLogPaged(
  ctx: SandboxContext,
  accountId: string,
  query: { page: number; limit: number },
): NumberedPage<LedgerRow> {
  return numberedPage(ctx, 'ledger', `account_id = ? AND kind = 'credit'`, [accountId], query.page, query.limit);
}
