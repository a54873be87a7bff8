/**
 * Builds the error catalogue from the spec's error examples: every `code` found in a v2 problem
 * example (`application/problem+json`) or a v1 `ErrorV1` example, with its statuses, title, the
 * messages the examples show, and every operation and status that documents it.
 */
import { type ApiOperation, isError } from './operations.js';

export type ErrorStyle = 'problem' | 'envelope';

export interface ErrorOccurrence {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  status: number;
  /** The response's description, which says when this status happens. */
  when: string;
}

export interface ErrorCodeEntry {
  code: string;
  style: ErrorStyle;
  /** Tag group of the operations that return it (the API version). */
  group: string;
  statuses: number[];
  /** v2: the problem `title`; v1: the `error` HTTP title. */
  title: string;
  /** v2 only: the problem `type` URI. */
  type?: string;
  /** Distinct human messages (`detail` / `message`) shown by the examples. */
  messages: string[];
  /** Distinct example summaries. */
  summaries: string[];
  occurrences: ErrorOccurrence[];
  /** Headers the responses carrying this code declare (e.g. `Retry-After` on 429), with their descriptions. */
  headers: Array<{ name: string; description: string }>;
  /** One full example body. */
  example: Record<string, unknown>;
  /** Site path without extension: `errors/invoice_not_unpaid`, `errors/v1/INVOICE_NOT_UNPAID`. */
  slug: string;
}

export function errorSlug(style: ErrorStyle, code: string): string {
  return style === 'problem' ? `errors/${code}` : `errors/v1/${code}`;
}

function pushUnique<T>(list: T[], value: T | undefined): void {
  if (value !== undefined && value !== '' && !list.includes(value)) list.push(value);
}

/** All error codes, v2 first then v1 (by tag-group order of first appearance), sorted by code within each. */
export function collectErrorCodes(operations: ApiOperation[]): ErrorCodeEntry[] {
  const byKey = new Map<string, ErrorCodeEntry>();
  for (const op of operations) {
    for (const response of op.responses) {
      if (!isError(response.status)) continue;
      const style: ErrorStyle = response.mediaType === 'application/problem+json' ? 'problem' : 'envelope';
      for (const example of response.examples) {
        const body = example.value as Record<string, unknown> | undefined;
        if (!body || typeof body.code !== 'string') continue;
        const code = body.code;
        const key = `${style}:${code}`;
        let entry = byKey.get(key);
        if (!entry) {
          entry = {
            code,
            style,
            group: op.group,
            statuses: [],
            title: String(style === 'problem' ? body.title : body.error),
            type: style === 'problem' && typeof body.type === 'string' ? body.type : undefined,
            messages: [],
            summaries: [],
            occurrences: [],
            headers: [],
            example: body,
            slug: errorSlug(style, code),
          };
          byKey.set(key, entry);
        }
        const status = Number(response.status);
        pushUnique(entry.statuses, status);
        pushUnique(entry.messages, String((style === 'problem' ? body.detail : body.message) ?? ''));
        pushUnique(entry.summaries, example.summary);
        for (const header of response.headers) {
          if (!entry.headers.some((h) => h.name === header.name)) entry.headers.push(header);
        }
        if (!entry.occurrences.some((o) => o.operationId === op.operationId && o.status === status)) {
          entry.occurrences.push({
            operationId: op.operationId,
            method: op.method,
            path: op.path,
            summary: op.summary,
            status,
            when: response.description.replace(/\s+/g, ' ').trim(),
          });
        }
      }
    }
  }
  const groups = [...new Set(operations.map((op) => op.group))];
  return [...byKey.values()]
    .map((entry) => ({ ...entry, statuses: entry.statuses.sort((a, b) => a - b) }))
    .sort((a, b) => groups.indexOf(a.group) - groups.indexOf(b.group) || a.code.localeCompare(b.code));
}

/** The error codes one operation documents, with the status each comes with. */
export function errorCodesOf(
  entries: ErrorCodeEntry[],
  operationId: string,
): Array<{ entry: ErrorCodeEntry; status: number }> {
  return entries.flatMap((entry) =>
    entry.occurrences.filter((o) => o.operationId === operationId).map((o) => ({ entry, status: o.status })),
  );
}
