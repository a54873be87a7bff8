// Which parts of the two documents cannot differ, so the schema walk can skip them: a component is
// unchanged when its text (annotations aside) is the same on both sides and every component it
// references is unchanged too. On Stripe-sized documents most comparisons end here, which is what
// keeps a diff of two 4 MB specs well under the time of parsing them.

import { isObject } from '../model.js';
import { isAnnotation, type Loc } from './shape.js';

const refSets = new WeakMap<object, Set<string>>();
const equalTo = new WeakMap<object, WeakSet<object>>();

/** Deep equality that ignores annotations (descriptions, examples, `x-` extensions); memoised per pair. */
export function sameSchema(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (equalTo.get(a)?.has(b)) return true;
  let same = true;
  if (Array.isArray(a) || Array.isArray(b)) {
    same = Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameSchema(x, b[i]));
  } else {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    let count = 0;
    for (const k in ao) {
      if (isAnnotation(k)) continue;
      count++;
      if (!Object.hasOwn(bo, k) || !sameSchema(ao[k], bo[k])) {
        same = false;
        break;
      }
    }
    if (same) for (const k in bo) if (!isAnnotation(k)) count--;
    same = same && count === 0;
  }
  if (same) {
    let set = equalTo.get(a);
    if (!set) equalTo.set(a, (set = new WeakSet()));
    set.add(b);
  }
  return same;
}

/** Every `$ref` string inside a value (memoised per object). */
function refsOf(node: unknown): Set<string> {
  if (!isObject(node) && !Array.isArray(node)) return new Set();
  const cached = refSets.get(node);
  if (cached) return cached;
  const out = new Set<string>();
  const entries: Array<[string, unknown]> = Array.isArray(node) ? node.map((v) => ['', v]) : Object.entries(node);
  for (const [k, v] of entries) {
    if (k === '$ref' && typeof v === 'string') out.add(v);
    else if (typeof v === 'object' && v !== null) for (const r of refsOf(v)) out.add(r);
  }
  refSets.set(node, out);
  return out;
}

/** `#/components/schemas/X/...` -> `/components/schemas/X`; undefined for anything else. */
function componentOf(ref: string): string | undefined {
  const m = /^#(\/components\/[^/]+\/[^/]+)/.exec(ref);
  return m && !m[1]!.includes('%') ? m[1] : undefined;
}

export class Stability {
  private readonly unchanged = new Set<string>();

  constructor(base: unknown, head: unknown) {
    const bc = isObject(base) && isObject(base.components) ? base.components : {};
    const hc = isObject(head) && isObject(head.components) ? head.components : {};
    const deps = new Map<string, Set<string> | undefined>();
    const changed = new Set<string>();
    for (const [section, entries] of Object.entries(bc)) {
      if (!isObject(entries)) continue;
      const other = isObject(hc[section]) ? hc[section] : {};
      for (const [name, node] of Object.entries(entries)) {
        const ptr = `/components/${section.replace(/~/g, '~0').replace(/\//g, '~1')}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (!(name in other) || !sameSchema(node, other[name])) {
          changed.add(ptr);
          continue;
        }
        const targets = new Set<string>();
        let ok = true;
        for (const r of refsOf(node)) {
          const c = componentOf(r);
          if (c) targets.add(c);
          else ok = false;
        }
        if (!ok) changed.add(ptr);
        else deps.set(ptr, targets);
      }
    }
    // A component that references a changed one is changed: propagate until nothing moves.
    let moved = true;
    while (moved) {
      moved = false;
      for (const [ptr, targets] of deps) {
        if (changed.has(ptr)) continue;
        for (const t of targets!) {
          if (changed.has(t) || !deps.has(t)) {
            changed.add(ptr);
            moved = true;
            break;
          }
        }
      }
    }
    for (const ptr of deps.keys()) if (!changed.has(ptr)) this.unchanged.add(ptr);
  }

  /** Whether the two location lists are the same text at the same places, referencing only unchanged components. */
  stable(bl: Loc[], hl: Loc[]): boolean {
    if (bl.length !== hl.length) return false;
    for (let i = 0; i < bl.length; i++) {
      const b = bl[i]!;
      const h = hl[i]!;
      if (b.ptr !== h.ptr || !sameSchema(b.node, h.node)) return false;
      for (const r of refsOf(b.node)) {
        const c = componentOf(r);
        if (!c || !this.unchanged.has(c)) return false;
      }
    }
    return true;
  }
}
