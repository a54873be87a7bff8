// A depth-first walk over a JSON document that hands each object node to a visitor with its JSON
// pointer. The static checks use it to find every example and every `$ref` without restating where
// OpenAPI allows them.
import { escapeToken } from '@billing-api/validation';
import type { Json } from '../spec.js';

export type Visitor = (node: Json, pointer: string, key: string | undefined) => void;

/** Keys whose values are example payloads or literal values: never walked into. */
const LITERAL_KEYS = new Set(['example', 'examples', 'enum', 'const', 'default']);

export function walk(node: unknown, visit: Visitor, pointer = '', key?: string): void {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) walk(item, visit, `${pointer}/${i}`, String(i));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  visit(node as Json, pointer, key);
  for (const [child, value] of Object.entries(node as Json)) {
    if (LITERAL_KEYS.has(child) || child.startsWith('x-')) continue;
    walk(value, visit, `${pointer}/${escapeToken(child)}`, child);
  }
}
