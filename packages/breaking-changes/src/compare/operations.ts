// Pairs the operations and webhooks of two documents: by method and path template
// (`/invoices/{id}` = `/invoices/{invoiceId}`; a trailing slash is a different path), then by
// operationId to recognise moves. Operations marked `x-draft` or `x-internal` in the base are out of
// the contract and skipped.

import { listOperations, type OpenApiDocument, type OperationEntry } from '@billing-api/openapi-model';

export interface Op {
  entry: OperationEntry;
  webhook: boolean;
  key: string;
  label: string;
}

function normPath(p: string): string {
  return p.replace(/\{[^}]+\}/g, '{}');
}

function hidden(node: unknown): boolean {
  const n = node as Record<string, unknown>;
  return n['x-draft'] === true || n['x-internal'] === true;
}

export function isHidden(op: Op): boolean {
  return hidden(op.entry.operation) || hidden(op.entry.pathItem);
}

export function label(e: Pick<OperationEntry, 'method' | 'path' | 'operationId'>, webhook: boolean): string {
  const id = e.operationId ? ` (${e.operationId})` : '';
  return webhook ? `WEBHOOK ${e.path} ${e.method.toUpperCase()}${id}` : `${e.method.toUpperCase()} ${e.path}${id}`;
}

export function collectOperations(doc: OpenApiDocument): Op[] {
  return listOperations(doc, { webhooks: true }).map((entry) => {
    const webhook = entry.pointer.startsWith('/webhooks/');
    const key = webhook
      ? `WEBHOOK ${entry.path} ${entry.method}`
      : `${entry.method.toUpperCase()} ${normPath(entry.path)}`;
    return { entry, webhook, key, label: label(entry, webhook) };
  });
}

export interface Matching {
  pairs: Array<[Op, Op, 'same' | 'moved']>;
  removed: Op[];
  added: Op[];
}

export function matchOperations(base: Op[], head: Op[]): Matching {
  const headByKey = new Map(head.map((o) => [o.key, o]));
  const skipped = new Set<string>();
  const matched = new Set<Op>();
  const pairs: Matching['pairs'] = [];
  const unmatched: Op[] = [];
  for (const b of base) {
    if (isHidden(b)) {
      skipped.add(b.key);
      continue;
    }
    const h = headByKey.get(b.key);
    if (h) {
      pairs.push([b, h, 'same']);
      matched.add(h);
    } else unmatched.push(b);
  }
  const baseKeys = new Set(base.map((o) => o.key));
  const removed: Op[] = [];
  for (const b of unmatched) {
    const id = b.entry.operationId;
    const moved = id
      ? head.find(
          (h) => h.entry.operationId === id && h.webhook === b.webhook && !matched.has(h) && !baseKeys.has(h.key),
        )
      : undefined;
    if (moved) {
      matched.add(moved);
      pairs.push([b, moved, 'moved']);
    } else removed.push(b);
  }
  const added = head.filter((h) => !matched.has(h) && !skipped.has(h.key) && !isHidden(h));
  return { pairs, removed, added };
}
