/**
 * Finds an operation's related operations from its own prose: the "where does this id come from"
 * and "what this feeds" sentences name other operations (`GET /invoices` `data[].id`,
 * `actions/pay`, `POST /api/billing/pay`). Those mentions are resolved to operations of the same
 * tag group (v2 text uses paths relative to the v2 prefix); other operations on the same path follow.
 * The same resolution turns each mention into a link (`linkMentions`).
 */
import type { ApiOperation } from './operations.js';

export interface RelatedOperation {
  operation: ApiOperation;
  /** Why it is related: it is named in the operation's text, or shares its path. */
  reason: 'mentioned' | 'same path';
}

const METHOD_PATH = /\b(GET|POST|PUT|PATCH|DELETE)\s+(\/[A-Za-z0-9_{}\-/.]*[A-Za-z0-9_}])/g;
const ACTION = /`(actions\/[a-z-]+)`/g;
/** A code span that is a whole mention: `GET /path` (a query string allowed) or `actions/name`. */
const MENTION_SPAN = /`((?:GET|POST|PUT|PATCH|DELETE) \/[A-Za-z0-9_{}\-/.]*(?:\?[^`\s]*)?|actions\/[a-z-]+)`/g;

/** All prose an operation carries: its description and its parameters' and body's descriptions. */
function proseOf(op: ApiOperation): string {
  return [op.description, ...op.parameters.map((p) => p.description ?? ''), op.requestBody?.description ?? ''].join(
    '\n',
  );
}

export function resolveMention(
  all: ApiOperation[],
  self: ApiOperation,
  method: string | undefined,
  mention: string,
): ApiOperation | undefined {
  const candidates = all.filter((op) => (method ? op.method === method : true));
  const exact = candidates.find((op) => op.path === mention);
  if (exact) return exact;
  const suffix = candidates.filter(
    (op) => op.group === self.group && op.path.endsWith(mention.startsWith('/') ? mention : `/${mention}`),
  );
  // A bare suffix such as `/invoices` may match several paths: take the shortest (the collection itself).
  return suffix.sort((a, b) => a.path.length - b.path.length)[0];
}

export function relatedOperations(all: ApiOperation[], self: ApiOperation): RelatedOperation[] {
  const found: RelatedOperation[] = [];
  const add = (op: ApiOperation | undefined, reason: RelatedOperation['reason']) => {
    if (op && op !== self && !found.some((r) => r.operation === op)) found.push({ operation: op, reason });
  };
  const text = proseOf(self);
  for (const match of text.matchAll(METHOD_PATH)) add(resolveMention(all, self, match[1], match[2]!), 'mentioned');
  for (const match of text.matchAll(ACTION)) add(resolveMention(all, self, 'POST', match[1]!), 'mentioned');
  for (const op of all) if (op.path === self.path) add(op, 'same path');
  return found;
}

/**
 * Markdown with every code span that names an operation (`GET /invoices`, `actions/pay`) made a
 * link to it; `href` says where an operation's page is. Spans already inside a link are left alone.
 */
export function linkMentions(
  text: string,
  all: ApiOperation[],
  self: ApiOperation,
  href: (op: ApiOperation) => string,
): string {
  return text.replace(MENTION_SPAN, (span, mention: string, offset: number) => {
    if (text[offset - 1] === '[') return span;
    const [method, path] = mention.startsWith('actions/') ? ['POST', mention] : mention.split(' ', 2);
    const op = resolveMention(all, self, method, path!.split('?')[0]!);
    return op ? `[${span}](${href(op)})` : span;
  });
}
