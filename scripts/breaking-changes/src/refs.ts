// Local $ref resolution for bundled documents. diffSpecs walks two bundles in
// lock-step and must see through `#/components/...` refs while remembering the
// pointer of the node it actually landed on (findings point there).

import { splitPointer } from './pointer.js';
import { isObject } from './types.js';

export interface Loc {
  node: unknown;
  ptr: string;
}

export interface Deref extends Loc {
  /** true when at least one $ref was followed. */
  followed: boolean;
  /** the $ref that could not be resolved, if any. */
  dangling?: string;
}

const MAX_HOPS = 64;

export class RefResolver {
  private readonly cache = new Map<string, unknown>();

  constructor(readonly doc: unknown) {}

  /** Node at an internal pointer (`#/a/b`), or undefined. Memoised. */
  get(ptr: string): unknown {
    if (this.cache.has(ptr)) return this.cache.get(ptr);
    let node: unknown = this.doc;
    for (const seg of splitPointer(ptr)) {
      if (Array.isArray(node)) node = node[Number(seg)];
      else if (isObject(node)) node = Object.hasOwn(node, seg) ? node[seg] : undefined;
      else node = undefined;
      if (node === undefined) break;
    }
    this.cache.set(ptr, node);
    return node;
  }

  /** Follow `$ref` chains (internal refs only). Cycles of pure refs count as dangling. */
  deref(loc: Loc): Deref {
    let { node, ptr } = loc;
    let followed = false;
    const seen = new Set<string>();
    for (let hops = 0; hops < MAX_HOPS; hops++) {
      if (!isObject(node) || typeof node.$ref !== 'string') return { node, ptr, followed };
      const ref = node.$ref;
      if (!ref.startsWith('#') || seen.has(ref)) return { node: undefined, ptr, followed, dangling: ref };
      seen.add(ref);
      const target = this.get(ref);
      if (target === undefined) return { node: undefined, ptr, followed, dangling: ref };
      node = target;
      ptr = ref === '#' ? '#' : ref;
      followed = true;
    }
    return { node: undefined, ptr, followed, dangling: String((node as { $ref?: unknown }).$ref) };
  }
}

/** Every internal $ref string used anywhere in a document. */
export function collectRefs(doc: unknown): Set<string> {
  const refs = new Set<string>();
  const stack: unknown[] = [doc];
  while (stack.length) {
    const n = stack.pop();
    if (Array.isArray(n)) {
      for (const x of n) stack.push(x);
    } else if (isObject(n)) {
      for (const [k, v] of Object.entries(n)) {
        if (k === '$ref' && typeof v === 'string') refs.add(v);
        else if (typeof v === 'object' && v !== null) stack.push(v);
      }
    }
  }
  return refs;
}
