/**
 * The tables the guides show, each computed from the spec: which operation needs which scope,
 * which ones page and how, which take an `Idempotency-Key`, the rate-limit headers, the error codes
 * by status, and the v1 -> v2 migration (pairs from each v1 operation's "v2 equivalent" sentence,
 * else from its operationId without the `V1` suffix).
 */
import { deref, type Header, type Response, type Schema } from '@billing-api/openapi-model';
import { code, oneLine } from '../pages/markdown.js';
import { errorPage, operationMarkdown, relativeHref } from '../site/paths.js';
import type { ApiOperation } from '../spec/operations.js';
import { resolveMention } from '../spec/related.js';
import { groupRank } from '../spec/tag-groups.js';
import type { FactContext } from './facts.js';

function row(cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

function table(head: string[], rows: string[][]): string {
  return [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
}

function opLink(context: FactContext, op: ApiOperation): string {
  return `[${code(`${op.method} ${op.path}`)}](${relativeHref(context.from, operationMarkdown(op))})`;
}

function current(context: FactContext): ApiOperation[] {
  return context.model.operations.filter((op) => groupRank(context.model.document, op.group) === 0);
}

function legacy(context: FactContext): ApiOperation[] {
  return context.model.operations.filter((op) => groupRank(context.model.document, op.group) > 0);
}

function scopeText(op: ApiOperation): string {
  if (op.security.length === 0) return 'none (public)';
  return op.security.map((s) => `${s.schemeName} ${s.scopes.map(code).join(' ')}`).join(' or ');
}

export interface MigrationPair {
  v1: ApiOperation;
  v2?: ApiOperation;
  /** The v1 description's own words about the v2 equivalent, when it has them. */
  note?: string;
  /** A query the v2 call adds (`kind=credit`). */
  query?: string;
}

const EQUIVALENT = /v2 equivalent(?: \(([^)]*)\))?: `(GET|POST|PUT|PATCH|DELETE) ([^`?]+)(?:\?([^`]+))?`/;

export function migrationPairs(v1: ApiOperation[], v2: ApiOperation[]): MigrationPair[] {
  return v1.map((op) => {
    const said = EQUIVALENT.exec(op.description);
    if (said) {
      const target = resolveMention(v2, v2[0] ?? op, said[2], said[3]!);
      if (target) return { v1: op, v2: target, note: said[1], query: said[4] };
    }
    const byName = op.operationId.endsWith('V1')
      ? v2.find((o) => o.operationId === op.operationId.slice(0, -2))
      : undefined;
    return { v1: op, v2: byName };
  });
}

function rateLimitResponse(context: FactContext): Response {
  const op = current(context).find((o) => o.responses.some((r) => r.status === '429'));
  const raw = op?.entry.operation.responses?.['429'];
  if (!raw) throw new Error('no v2 operation documents a 429 response');
  return deref<Response>(context.model.document, raw);
}

export const tables: Record<string, (context: FactContext) => string> = {
  scopes: (context) =>
    table(
      ['operation', 'version', 'credential and scope'],
      context.model.operations.map((op) => [opLink(context, op), op.group, scopeText(op)]),
    ),

  paginated: (context) =>
    table(
      ['operation', 'paging parameters'],
      context.model.operations
        .filter((op) => op.parameters.some((p) => p.in === 'query' && ['cursor', 'page'].includes(p.name)))
        .map((op) => [
          opLink(context, op),
          op.parameters
            .filter((p) => p.in === 'query' && ['cursor', 'page', 'limit'].includes(p.name))
            .map((p) => `${code(p.name)}: ${oneLine(p.description)}`)
            .join(' '),
        ]),
    ),

  idempotent: (context) =>
    table(
      ['operation', 'Idempotency-Key'],
      context.model.operations
        .filter((op) => op.parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'))
        .map((op) => [
          opLink(context, op),
          op.parameters.find((p) => p.name === 'Idempotency-Key')!.required ? 'required' : 'optional (recommended)',
        ]),
    ),

  'rate-limit-headers': (context) =>
    table(
      ['header', 'meaning', 'example'],
      Object.entries(rateLimitResponse(context).headers ?? {}).map(([name, raw]) => {
        const header = deref<Header>(context.model.document, raw);
        return [
          code(name),
          oneLine(header.description),
          header.example === undefined ? '' : code(String(header.example)),
        ];
      }),
    ),

  'errors-by-status': (context) => {
    const statuses = [...new Set(context.model.errors.flatMap((e) => e.statuses))].sort((a, b) => a - b);
    return table(
      ['status', 'codes'],
      statuses.map((status) => [
        String(status),
        context.model.errors
          .filter((e) => e.statuses.includes(status))
          .map((e) => `[${code(e.code)}](${relativeHref(context.from, errorPage(e, 'md'))})`)
          .join(', '),
      ]),
    );
  },

  migration: (context) => {
    const v2 = current(context);
    const pairs = migrationPairs(legacy(context), v2);
    const paired = new Set(pairs.flatMap((p) => (p.v2 ? [p.v2] : [])));
    return [
      table(
        ['v1 (legacy)', 'v2', 'credential and scope in v2', 'notes'],
        pairs.map((p) => [
          opLink(context, p.v1),
          p.v2 ? `${opLink(context, p.v2)}${p.query ? ` with ${code(`?${p.query}`)}` : ''}` : 'no v2 operation',
          p.v2 ? scopeText(p.v2) : '',
          p.note ?? '',
        ]),
      ),
      '',
      `New in v2, with no v1 counterpart: ${
        v2
          .filter((op) => !paired.has(op))
          .map((op) => opLink(context, op))
          .join(', ') || 'none'
      }.`,
    ].join('\n');
  },

  conventions: (context) => {
    const { document } = context.model;
    const schema = (name: string) => {
      const raw = document.components?.schemas?.[name];
      if (!raw) throw new Error(`the spec has no components.schemas.${name}`);
      return oneLine(deref<Schema>(document, raw).description);
    };
    const scheme = (name: string) => {
      const raw = document.components?.securitySchemes?.[name];
      if (!raw) throw new Error(`the spec has no components.securitySchemes.${name}`);
      return oneLine(deref<{ description?: string }>(document, raw).description);
    };
    return table(
      ['', 'v1 (legacy)', 'v2'],
      [
        ['credential', scheme('ApiKeyV1'), scheme('BearerV2')],
        ['success body', schema('SuccessEnvelopeV1'), 'The resource itself, no envelope.'],
        ['ids', schema('LegacyId'), schema('InvoiceId')],
        ['money', schema('DecimalString'), schema('Money')],
        ['errors', schema('ErrorV1'), schema('Problem')],
        ['lists', schema('PageInfoV1'), schema('CursorPage')],
        ['request id', schema('RequestIdV1'), schema('RequestId')],
      ],
    );
  },
};
