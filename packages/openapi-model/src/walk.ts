/**
 * A depth-first walk over the object nodes of an OpenAPI document, each handed to a visitor with its
 * plain pointer. Checks that look at "every place OpenAPI allows X" (every `$ref`, every example)
 * use it instead of restating where those places are. Values that are data rather than document
 * structure (example payloads, `enum`/`const`/`default` values, `x-` extensions) are not entered.
 */
import { appendPointer } from './pointer.js';

export type ObjectVisitor = (node: Record<string, unknown>, pointer: string) => void;

/** Keys whose values are literal data: never walked into. */
const LITERAL_KEYS: ReadonlySet<string> = new Set(['example', 'examples', 'enum', 'const', 'default']);

/** Calls `visit` on every object node under `node` (itself included), parents before children. */
export function walkObjects(node: unknown, visit: ObjectVisitor, pointer = ''): void {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) walkObjects(item, visit, appendPointer(pointer, i));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const object = node as Record<string, unknown>;
  visit(object, pointer);
  for (const [key, value] of Object.entries(object)) {
    if (LITERAL_KEYS.has(key) || key.startsWith('x-')) continue;
    walkObjects(value, visit, appendPointer(pointer, key));
  }
}
