// oneOf/anyOf alternatives and discriminators. Alternatives are paired by what identifies them to a
// reader (the component they reference, their title, their discriminator value), then by how alike
// they are (shared property names), never by position alone, so removing the middle alternative does
// not make the later ones look changed. Discriminator mapping values are the wire tags: renaming one
// breaks both directions, removing one breaks senders, adding one surprises receivers.

import { refName } from '@billing-api/openapi-model';
import type { DiffCtx } from './context.js';
import { spellingKey } from './keywords.js';
import type { ShapeOf } from './objects.js';
import type { Discriminator, Loc, Shape, VariantGroup } from './shape.js';

interface Key {
  ref?: string;
  title?: string;
  tag?: string;
  props: Set<string>;
  sig: string;
}

function keyOf(shape: Shape, d: Discriminator | undefined, renames?: ReadonlyMap<string, string>): Key {
  const ref = shape.refs[0];
  const key: Key = {
    props: new Set(shape.props.keys()),
    sig: shape.types ? [...shape.types].sort().join('|') : 'any',
  };
  if (ref) key.ref = renames?.get(ref) ?? ref;
  if (shape.title !== undefined) key.title = shape.title;
  if (d) {
    for (const [value, target] of d.mapping) if (shape.refs.includes(target)) key.tag = value;
    const tagProp = shape.props.get(d.propertyName);
    if (key.tag === undefined && tagProp) {
      const n = tagProp.map((l) => l.node as { const?: unknown; enum?: unknown[] });
      const v = n.find((x) => x && ('const' in x || (Array.isArray(x.enum) && x.enum.length === 1)));
      if (v) key.tag = String('const' in v ? v.const : v.enum![0]);
    }
    if (key.tag === undefined && ref) key.tag = refName(ref);
  }
  return key;
}

function similarity(a: Key, b: Key): number {
  if (a.props.size === 0 && b.props.size === 0) return a.sig === b.sig ? 0.6 : 0;
  const inter = [...a.props].filter((p) => b.props.has(p)).length;
  return inter / (a.props.size + b.props.size - inter);
}

/** Pairs of alternatives (undefined on the side that lacks one). */
function match(bk: Key[], hk: Key[]): Array<[number | undefined, number | undefined]> {
  const pairOf = new Map<number, number>();
  const used = new Set<number>();
  const pass = (same: (x: Key, y: Key) => boolean): void => {
    bk.forEach((x, i) => {
      if (pairOf.has(i)) return;
      const j = hk.findIndex((y, k) => !used.has(k) && same(x, y));
      if (j >= 0) {
        pairOf.set(i, j);
        used.add(j);
      }
    });
  };
  pass((x, y) => x.ref !== undefined && x.ref === y.ref);
  pass((x, y) => x.tag !== undefined && x.tag === y.tag);
  pass((x, y) => x.title !== undefined && x.title === y.title);
  // Best remaining pairs by shared property names.
  const cands: Array<[number, number, number]> = [];
  bk.forEach((x, i) => {
    if (pairOf.has(i)) return;
    hk.forEach((y, j) => {
      if (!used.has(j)) cands.push([similarity(x, y), i, j]);
    });
  });
  cands.sort((p, q) => q[0] - p[0]);
  for (const [score, i, j] of cands) {
    if (score < 0.5 || pairOf.has(i) || used.has(j)) continue;
    pairOf.set(i, j);
    used.add(j);
  }
  const out: Array<[number | undefined, number | undefined]> = bk.map((_, i) => [i, pairOf.get(i)]);
  hk.forEach((_, j) => {
    if (!used.has(j)) out.push([undefined, j]);
  });
  return out;
}

function name(k: Key): string {
  return k.ref ? refName(k.ref) : (k.tag ?? k.title ?? k.sig);
}

/** One group per side; a side without alternatives takes part as a single alternative: the schema itself. */
export function compareVariants(ctx: DiffCtx, shapeOf: ShapeOf): void {
  const { b, h, req, label } = ctx;
  const n = Math.max(b.variants.length, h.variants.length);
  for (let g = 0; g < n; g++) {
    const bg: VariantGroup | undefined = b.variants[g];
    const hg: VariantGroup | undefined = h.variants[g];
    if (!bg && !hg) continue;
    const bMembers: Loc[][] = bg ? bg.members.map((m) => [m]) : [b.locs];
    const hMembers: Loc[][] = hg ? hg.members.map((m) => [m]) : [h.locs];
    const bShapes = bg ? bMembers.map((m) => shapeOf('base', m)) : [b];
    const hShapes = hg ? hMembers.map((m) => shapeOf('head', m)) : [h];
    const bk = bShapes.map((s) => keyOf(s, bg?.discriminator, ctx.renames));
    const hk = hShapes.map((s) => keyOf(s, hg?.discriminator));
    if (bg?.discriminator && hg?.discriminator) compareDiscriminators(ctx, bg.discriminator, hg.discriminator, bk, hk);
    for (const [i, j] of match(bk, hk)) {
      if (i !== undefined && j !== undefined) {
        ctx.sub(bMembers[i]!, hMembers[j]!);
      } else if (i !== undefined) {
        const at = hg?.ptr ?? h.ptr;
        ctx.add(
          req ? 'request-variant-removed' : 'response-variant-removed',
          bMembers[i]![0]!.ptr,
          `${label}: alternative ${name(bk[i]!)} removed`,
          {
            side: 'base',
            at,
          },
        );
      } else if (j !== undefined) {
        ctx.add(
          req ? 'request-variant-added' : 'response-variant-added',
          hMembers[j]![0]!.ptr,
          `${label}: alternative ${name(hk[j]!)} added`,
        );
      }
    }
  }
}

function compareDiscriminators(ctx: DiffCtx, bd: Discriminator, hd: Discriminator, bk: Key[], hk: Key[]): void {
  const { req, label } = ctx;
  const rule = req ? 'request-discriminator-changed' : 'response-discriminator-changed';
  if (bd.propertyName !== hd.propertyName) {
    ctx.add(rule, hd.ptr, `${label}: discriminator property ${bd.propertyName} -> ${hd.propertyName}`);
    return;
  }
  const bTags = new Map(bk.filter((k) => k.tag !== undefined).map((k) => [k.tag!, k]));
  const hTags = new Map(hk.filter((k) => k.tag !== undefined).map((k) => [k.tag!, k]));
  for (const [tag, k] of bTags) {
    if (hTags.has(tag)) continue;
    // Same alternative under a new value, or the same value spelled differently: a rename.
    const renamed = [...hTags].find(
      ([t, hkey]) => !bTags.has(t) && ((k.ref && hkey.ref === k.ref) || spellingKey(t) === spellingKey(tag)),
    );
    if (renamed) ctx.add(rule, hd.ptr, `${label}: discriminator value ${tag} renamed to ${renamed[0]}`);
    else if (req) ctx.add(rule, hd.ptr, `${label}: discriminator value ${tag} is no longer accepted`);
  }
}
