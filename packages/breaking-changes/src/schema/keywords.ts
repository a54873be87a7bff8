// Scalar keywords of two shapes: type and null, enum/const (with renamed values), numeric bounds,
// sizes, multipleOf, uniqueItems, format, pattern and (for requests) default. Each comparison says
// whether the head accepts more ("looser") or fewer ("tighter") values, and the direction turns that
// into a rule: tighter breaks what clients send, looser breaks what they receive.

import type { DiffCtx } from './context.js';
import { show } from './labels.js';
import { patternsIncluded } from './pattern.js';
import { type Bound, type Shape, SIZE_KEYWORDS } from './shape.js';

export type Change = 'tighter' | 'looser' | 'same' | 'changed';

/** Report a constraint change in the right direction. `changed` (incomparable) breaks both ways. */
export function constraint(ctx: DiffCtx, change: Change, pointer: string, what: string): void {
  if (change === 'same') return;
  const msg = `${ctx.label}: ${what}`;
  if (ctx.req) {
    if (change === 'looser') ctx.add('request-constraint-loosened', pointer, `${msg} (relaxed)`);
    else ctx.add('request-constraint-tightened', pointer, msg);
  } else if (change === 'tighter') ctx.add('response-constraint-tightened', pointer, `${msg} (tightened)`);
  else ctx.add('response-constraint-loosened', pointer, msg);
}

function accepts(set: Set<string> | null, t: string): boolean {
  return set === null || set.has(t) || (t === 'integer' && set.has('number'));
}

/** Types in `from` that `to` does not accept ('any type' when from is unconstrained). */
function missing(from: Set<string> | null, to: Set<string> | null): string[] {
  if (to === null) return [];
  if (from === null) return ['any type'];
  return [...from].filter((t) => !accepts(to, t));
}

function typeText(s: Shape): string {
  const t = s.types === null ? 'any' : [...s.types].join('|') || 'null';
  return s.nullable && s.types !== null ? `${t}|null` : t;
}

/** Type and null; returns false when the types are disjoint (nothing deeper is meaningful). */
export function compareTypes(ctx: DiffCtx): boolean {
  const { b, h, req, label } = ctx;
  const lost = missing(b.types, h.types);
  const gained = missing(h.types, b.types);
  const typePtr = h.typePtr ?? h.ptr;
  const nullPtr = h.nullPtr ?? h.typePtr ?? h.ptr;
  const change = `${label}: type ${typeText(b)} -> ${typeText(h)}`;
  if (req) {
    const rule = ctx.kind === 'parameter' ? 'parameter-type-changed' : 'request-property-type-changed';
    if (lost.length) ctx.add(rule, typePtr, `${change} (no longer accepts ${lost.join(', ')})`);
    else if (gained.length) ctx.add('request-constraint-loosened', typePtr, change);
    if (b.nullable && !h.nullable)
      ctx.add(rule, b.types === null ? typePtr : (h.typePtr ?? h.ptr), `${label}: no longer accepts null`);
    else if (!b.nullable && h.nullable) ctx.add('request-constraint-loosened', nullPtr, `${label}: now accepts null`);
  } else {
    if (gained.length)
      ctx.add('response-property-type-changed', typePtr, `${change} (may now be ${gained.join(', ')})`);
    else if (lost.length) ctx.add('response-constraint-tightened', typePtr, change);
    if (!b.nullable && h.nullable && b.types !== null)
      ctx.add('response-property-made-nullable', nullPtr, `${label}: may now be null`);
    else if (b.nullable && !h.nullable) ctx.add('response-constraint-tightened', typePtr, `${label}: no longer null`);
  }
  const disjoint =
    b.types !== null &&
    h.types !== null &&
    b.types.size > 0 &&
    h.types.size > 0 &&
    ![...b.types].some((t) => accepts(h.types, t)) &&
    ![...h.types].some((t) => accepts(b.types, t));
  return !disjoint;
}

/** `snake_case`, `camelCase`, `kebab-case` and `UPPER` spellings of one name compare equal. */
export function spellingKey(v: unknown): string | undefined {
  return typeof v === 'string' ? v.toLowerCase().replace(/[_\-\s.]/g, '') : undefined;
}

export function compareEnums(ctx: DiffCtx): void {
  const { b, h, req, label } = ctx;
  const be = b.enumValues;
  const he = h.enumValues;
  if (be && he) {
    const hs = new Set(he.value.map((v) => JSON.stringify(v)));
    const bs = new Set(be.value.map((v) => JSON.stringify(v)));
    let removed = be.value.filter((v) => !hs.has(JSON.stringify(v)));
    let added = he.value.filter((v) => !bs.has(JSON.stringify(v)));
    // A removed value and an added one that spell the same word: a rename, not two unrelated edits.
    const renamed: Array<[unknown, unknown]> = [];
    for (const r of removed) {
      const k = spellingKey(r);
      const a = k === undefined ? undefined : added.find((x) => spellingKey(x) === k);
      if (a !== undefined) renamed.push([r, a]);
    }
    if (renamed.length) {
      removed = removed.filter((v) => !renamed.some(([r]) => r === v));
      added = added.filter((v) => !renamed.some(([, a]) => a === v));
      const list = renamed.map(([r, a]) => `${show(r)} -> ${show(a)}`).join(', ');
      ctx.add(
        req ? 'request-enum-value-renamed' : 'response-enum-value-renamed',
        he.ptr,
        `${label}: enum value renamed ${list}`,
      );
    }
    const s = (n: unknown[]): string => (n.length > 1 ? 's' : '');
    if (removed.length)
      ctx.add(
        req ? 'request-enum-value-removed' : 'response-enum-value-removed',
        he.ptr,
        `${label}: enum value${s(removed)} ${removed.map(show).join(', ')} removed`,
      );
    if (added.length)
      ctx.add(
        req ? 'request-enum-value-added' : 'response-enum-value-added',
        he.ptr,
        `${label}: enum value${s(added)} ${added.map(show).join(', ')} added`,
      );
  } else if (be && !he) {
    constraint(ctx, 'looser', h.ptr, `enum [${be.value.map(show).join(', ')}] removed`);
  } else if (!be && he) {
    const msg = `${label}: values restricted to [${he.value.map(show).join(', ')}]`;
    if (req) ctx.add('request-constraint-tightened', he.ptr, msg, { types: 'breaking' });
    else ctx.add('response-constraint-tightened', he.ptr, `${msg} (tightened)`);
  }
}

function cmpBound(side: 'lower' | 'upper', b: Bound | undefined, h: Bound | undefined): Change {
  if (!b && !h) return 'same';
  if (!b) return 'tighter';
  if (!h) return 'looser';
  const sign = side === 'lower' ? 1 : -1;
  if ((h.v - b.v) * sign > 0) return 'tighter';
  if ((h.v - b.v) * sign < 0) return 'looser';
  if (h.excl && !b.excl) return 'tighter';
  if (!h.excl && b.excl) return 'looser';
  return 'same';
}

function boundText(side: 'lower' | 'upper', b: Bound | undefined): string {
  if (!b) return 'none';
  return `${side === 'lower' ? '>' : '<'}${b.excl ? '' : '='} ${b.v}`;
}

export function compareBounds(ctx: DiffCtx): void {
  const { b, h } = ctx;
  for (const side of ['lower', 'upper'] as const) {
    const c = cmpBound(side, b[side], h[side]);
    constraint(
      ctx,
      c,
      h[side]?.ptr ?? h.ptr,
      `${side === 'lower' ? 'minimum' : 'maximum'} ${boundText(side, b[side])} -> ${boundText(side, h[side])}`,
    );
  }
  for (const [key, side] of SIZE_KEYWORDS) {
    const bb = b.sizes.get(key);
    const hb = h.sizes.get(key);
    const c = cmpBound(
      side,
      bb && { v: bb.value, excl: false, ptr: bb.ptr },
      hb && { v: hb.value, excl: false, ptr: hb.ptr },
    );
    constraint(ctx, c, hb?.ptr ?? h.ptr, `${key} ${bb?.value ?? 'none'} -> ${hb?.value ?? 'none'}`);
  }
  // multipleOf: every head divisor must divide every value the base allowed.
  const bm = b.multipleOf.map((k) => k.value);
  const hm = h.multipleOf.map((k) => k.value);
  if (bm.join() !== hm.join()) {
    const divides = (x: number, y: number): boolean => Math.abs(y / x - Math.round(y / x)) < 1e-9;
    // Every base value is a multiple of some x in bm; it stays valid when each head divisor divides one.
    const looser = hm.every((y) => bm.some((x) => divides(y, x)));
    const tighter = bm.every((x) => hm.some((y) => divides(x, y)));
    const c: Change = looser && tighter ? 'same' : looser ? 'looser' : tighter ? 'tighter' : 'changed';
    constraint(
      ctx,
      c,
      h.multipleOf[0]?.ptr ?? h.ptr,
      `multipleOf ${bm.join(', ') || 'none'} -> ${hm.join(', ') || 'none'}`,
    );
  }
  if (!b.uniqueItems !== !h.uniqueItems)
    constraint(
      ctx,
      h.uniqueItems ? 'tighter' : 'looser',
      h.uniqueItems ?? h.ptr,
      `uniqueItems ${!!b.uniqueItems} -> ${!!h.uniqueItems}`,
    );
}

/** Formats one of which accepts every value of the other. */
const FORMAT_SUBSET: Record<string, string[]> = {
  int32: ['int64'],
  float: ['double'],
  email: ['idn-email'],
  hostname: ['idn-hostname'],
  uri: ['uri-reference', 'iri', 'iri-reference'],
  'uri-reference': ['iri-reference'],
  iri: ['iri-reference'],
};

function formatChange(b: string[], h: string[]): Change {
  const bs = [...new Set(b)].sort();
  const hs = [...new Set(h)].sort();
  if (bs.join() === hs.join()) return 'same';
  if (bs.length === 0) return 'tighter';
  if (hs.length === 0) return 'looser';
  const within = (x: string, ys: string[]): boolean => ys.some((y) => y === x || FORMAT_SUBSET[x]?.includes(y));
  if (bs.every((x) => within(x, hs)) && !hs.every((y) => within(y, bs))) return 'looser';
  if (hs.every((y) => within(y, bs)) && !bs.every((x) => within(x, hs))) return 'tighter';
  return 'changed';
}

export function compareFormats(ctx: DiffCtx): void {
  const { b, h, req, label } = ctx;
  const bf = b.formats.map((f) => f.value);
  const hf = h.formats.map((f) => f.value);
  const c = formatChange(bf, hf);
  const at = h.formats[0]?.ptr ?? h.ptr;
  const what = `format ${bf.join(', ') || 'none'} -> ${hf.join(', ') || 'none'}`;
  if (c === 'changed' && !req) ctx.add('response-format-changed', at, `${label}: ${what}`);
  else constraint(ctx, c, at, what);
}

export function comparePatterns(ctx: DiffCtx): void {
  const { b, h, req, label } = ctx;
  const bp = b.patterns.map((p) => p.value);
  const hp = h.patterns.map((p) => p.value);
  if ([...bp].sort().join('\u0000') === [...hp].sort().join('\u0000')) return;
  const at = h.patterns[0]?.ptr ?? h.ptr;
  const what = `pattern ${bp.map(show).join(' & ') || 'none'} -> ${hp.map(show).join(' & ') || 'none'}`;
  // Requests need every old value to stay valid (base within head); responses the reverse.
  const needed = req ? patternsIncluded(bp, hp) : patternsIncluded(hp, bp);
  const other = req ? patternsIncluded(hp, bp) : patternsIncluded(bp, hp);
  if (needed.decided && other.decided) {
    if (needed.subset && other.subset) return; // same language, different spelling
    if (needed.subset) constraint(ctx, req ? 'looser' : 'tighter', at, what);
    else {
      const example = needed.example === undefined ? '' : ` (e.g. ${JSON.stringify(needed.example)})`;
      constraint(ctx, req ? 'tighter' : 'looser', at, `${what}${example}`);
    }
    return;
  }
  const sampled = needed.decided ? undefined : needed;
  if (needed.decided && !needed.subset) {
    constraint(ctx, req ? 'tighter' : 'looser', at, what);
  } else if (sampled?.counterexample !== undefined) {
    ctx.add(
      req ? 'request-pattern-counterexample' : 'response-pattern-counterexample',
      at,
      `${label}: ${what}: not decidable; sampling with the RegExp engine found ${JSON.stringify(sampled.counterexample)} ${req ? 'accepted before and rejected now' : 'possible now and rejected before'}`,
    );
  } else {
    ctx.add(
      'pattern-not-compared',
      at,
      `${label}: ${what}: not decidable; ${sampled?.samples ?? 0} sampled values kept their verdict`,
    );
  }
}

/** Request defaults decide what an omitted value means; response defaults are documentation. */
export function compareDefaults(ctx: DiffCtx): void {
  const { b, h, req, label } = ctx;
  if (!req) return;
  const bd = b.default;
  const hd = h.default;
  if (!bd && !hd) return;
  if (bd && hd) {
    if (JSON.stringify(bd.value) !== JSON.stringify(hd.value))
      ctx.add('request-default-changed', hd.ptr, `${label}: default ${show(bd.value)} -> ${show(hd.value)}`);
  } else if (hd) ctx.add('request-default-added', hd.ptr, `${label}: default ${show(hd.value)} added`);
  else if (bd) ctx.add('request-default-removed', h.ptr, `${label}: default ${show(bd.value)} removed`);
}
