// Object keywords: which properties exist, which are required, who may send or receive them
// (readOnly/writeOnly), whether the object is closed (so a property it no longer names is rejected),
// renamed properties (a removed and an added property with the same spelling or the same schema),
// additionalProperties schemas and property dependencies.

import type { DiffCtx } from './context.js';
import { constraint, spellingKey } from './keywords.js';
import { schemaLabel } from './labels.js';
import { child } from './pointers.js';
import { fingerprint, type Loc, type Shape } from './shape.js';

export type ShapeOf = (side: 'base' | 'head', locs: Loc[]) => Shape;

function accepted(s: Shape, name: string): boolean {
  return !s.closed || s.closed.names === null || s.closed.names.has(name);
}

/**
 * Where a property that is gone used to be, in the head: the `properties` of the same allOf member
 * when it still exists (the inline member of a v1 response, not its envelope), else of the schema.
 */
function propsAt(s: Shape, removedPtr?: string): string {
  const i = removedPtr?.lastIndexOf('/properties/') ?? -1;
  const owner = i >= 0 ? removedPtr!.slice(0, i) : undefined;
  return child(owner !== undefined && s.conjuncts.includes(owner) ? owner : s.ptr, 'properties');
}

/** The conjunct that declares a property most specifically: the last one (allOf members refine). */
function main(list: Loc[]): Loc {
  return list[list.length - 1]!;
}

function signature(locs: Loc[], shapeOf: (l: Loc[]) => Shape): string {
  const s = shapeOf(locs);
  return [
    s.refs.map((r) => r.split('/').pop()).join(','),
    s.types ? [...s.types].sort().join('|') : 'any',
    s.nullable,
    s.enumValues ? JSON.stringify(s.enumValues.value) : '',
    s.formats.map((f) => f.value).join(','),
    [...s.props.keys()].sort().join(','),
    locs.map((l) => fingerprint(l.node)).join('&'),
  ].join('#');
}

export function compareObjects(ctx: DiffCtx, shapeOf: ShapeOf): void {
  const { b, h, req } = ctx;
  const hiddenKey = req ? 'readOnly' : 'writeOnly';
  const bShape = (l: Loc[]) => shapeOf('base', l);
  const hShape = (l: Loc[]) => shapeOf('head', l);
  const removed: string[] = [];
  const added: string[] = [];
  for (const [name, bl] of b.props) {
    const bp = bShape(bl);
    if (bp[hiddenKey]) {
      if (!b.props.has(name) || !h.props.has(name)) continue;
    }
    const hl = h.props.get(name);
    if (!hl) {
      if (!bp[hiddenKey]) removed.push(name);
      continue;
    }
    const hp = hShape(hl);
    const hPtr = main(hl).ptr;
    const label = schemaLabel(hPtr);
    if (!bp[hiddenKey] && hp[hiddenKey]) {
      if (req)
        ctx.add('request-property-read-only', hp.readOnly!, `${label}: became readOnly (what clients send is ignored)`);
      else ctx.add('response-property-write-only', hp.writeOnly!, `${label}: became writeOnly (no longer returned)`);
      continue;
    }
    if (bp[hiddenKey] && !hp[hiddenKey]) {
      added.push(name);
      continue;
    }
    if (bp[hiddenKey]) continue;
    if (req && !accepted(h, name) && accepted(b, name))
      ctx.add(
        'request-property-not-accepted',
        h.closed!.ptr,
        `${label}: still described, but a closed allOf member no longer allows it`,
      );
    const bReq = b.required.has(name);
    const hReq = h.required.has(name);
    if (req) {
      if (!bReq && hReq)
        ctx.add('request-property-made-required', h.required.get(name)!, `${label}: request property is now required`);
      else if (bReq && !hReq)
        ctx.add('request-property-made-optional', hPtr, `${label}: request property is now optional`);
    } else if (bReq && !hReq) {
      ctx.add(
        'response-property-made-optional',
        hPtr,
        `${label}: response property is no longer required (may be absent)`,
      );
    } else if (!bReq && hReq) {
      ctx.add(
        'response-property-made-required',
        h.required.get(name)!,
        `${label}: response property is now always present`,
      );
    }
    ctx.sub(bl, hl);
  }
  for (const [name, hl] of h.props) {
    if (b.props.has(name) || hShape(hl)[hiddenKey]) continue;
    added.push(name);
  }

  // Renames: same spelling up to case and separators, else the one removed and one added with equal schemas.
  const renames: Array<[string, string]> = [];
  for (const r of removed) {
    const k = spellingKey(r);
    const a = added.find((x) => spellingKey(x) === k && !renames.some(([, y]) => y === x));
    if (a) renames.push([r, a]);
  }
  const leftR = removed.filter((r) => !renames.some(([x]) => x === r));
  const leftA = added.filter((a) => !renames.some(([, y]) => y === a) && !b.props.has(a));
  if (leftR.length > 0 && leftA.length > 0) {
    const sigB = new Map(leftR.map((n) => [n, signature(b.props.get(n)!, bShape)]));
    const sigH = new Map(leftA.map((n) => [n, signature(h.props.get(n)!, hShape)]));
    for (const r of leftR) {
      const same = leftA.filter((a) => sigH.get(a) === sigB.get(r));
      const back = leftR.filter((x) => sigB.get(x) === sigB.get(r));
      if (same.length === 1 && back.length === 1 && b.required.has(r) === h.required.has(same[0]!))
        renames.push([r, same[0]!]);
    }
  }
  for (const [from, to] of renames) {
    const hl = h.props.get(to)!;
    const label = schemaLabel(main(hl).ptr);
    if (req) ctx.add('request-property-renamed', main(hl).ptr, `${label}: request property ${from} renamed to ${to}`);
    else ctx.add('response-property-renamed', main(hl).ptr, `${label}: response property ${from} renamed to ${to}`);
    ctx.sub(b.props.get(from)!, hl);
  }
  for (const name of removed) {
    if (renames.some(([x]) => x === name)) continue;
    const bp = main(b.props.get(name)!).ptr;
    const label = schemaLabel(bp);
    if (!req) {
      ctx.add('response-property-removed', bp, `${label}: response property removed`, {
        side: 'base',
        at: propsAt(h, bp),
      });
    } else if (!accepted(h, name)) {
      ctx.add(
        'request-property-not-accepted',
        bp,
        `${label}: removed from a closed schema: clients sending it are rejected`,
        {
          side: 'base',
          at: propsAt(h, bp),
        },
      );
    } else {
      ctx.add('request-property-removed', bp, `${label}: request property removed`, {
        side: 'base',
        at: propsAt(h, bp),
      });
    }
  }
  for (const name of added) {
    if (renames.some(([, y]) => y === name)) continue;
    const hl = h.props.get(name)!;
    const ptr = main(hl).ptr;
    const label = schemaLabel(ptr);
    if (!req) ctx.add('response-property-added', ptr, `${label}: new response property`);
    else if (h.required.has(name))
      ctx.add('request-property-added-required', ptr, `${label}: new required request property`);
    else ctx.add('request-property-added', ptr, `${label}: new optional request property`);
  }

  // Closed or open, and what additional properties may be.
  if (!b.closed && h.closed) constraint(ctx, 'tighter', h.closed.ptr, 'additional properties no longer allowed');
  else if (b.closed && !h.closed)
    constraint(ctx, 'looser', h.additional[0]?.ptr ?? h.ptr, 'additional properties now allowed');
  if (!b.closed && !h.closed) {
    if (!b.additional.length && h.additional.length)
      constraint(ctx, 'tighter', h.additional[0]!.ptr, 'additional properties now constrained by a schema');
    else if (b.additional.length && !h.additional.length)
      constraint(ctx, 'looser', h.ptr, 'additional properties no longer constrained');
    else if (b.additional.length && h.additional.length) ctx.sub(b.additional, h.additional);
  }
  compareDependencies(ctx);
}

function compareDependencies(ctx: DiffCtx): void {
  const { b, h, req, label } = ctx;
  const tightened = (ptr: string, what: string): void => {
    if (req) ctx.add('request-dependency-added', ptr, `${label}: ${what}`);
    else ctx.add('response-constraint-tightened', ptr, `${label}: ${what} (tightened)`);
  };
  const loosened = (ptr: string, what: string): void => {
    if (req) ctx.add('request-dependency-removed', ptr, `${label}: ${what}`);
    else ctx.add('response-dependency-removed', ptr, `${label}: ${what}`);
  };
  for (const [pair, ptr] of h.dependentRequired)
    if (!b.dependentRequired.has(pair)) tightened(ptr, `dependentRequired ${pair} added`);
  for (const pair of b.dependentRequired.keys())
    if (!h.dependentRequired.has(pair)) loosened(h.ptr, `dependentRequired ${pair} removed`);
  for (const [key, hl] of h.dependentSchemas) {
    const bl = b.dependentSchemas.get(key);
    if (bl) ctx.sub(bl, hl);
    else tightened(hl[0]!.ptr, `dependentSchemas.${key} added`);
  }
  for (const key of b.dependentSchemas.keys())
    if (!h.dependentSchemas.has(key)) loosened(h.ptr, `dependentSchemas.${key} removed`);
  for (const hc of h.conditionals) {
    const bc = b.conditionals.find((c) => c.ifKey === hc.ifKey);
    if (!bc) {
      tightened(hc.ptr, 'if/then/else added');
      continue;
    }
    for (const [branch, name] of [
      ['whenTrue', 'then'],
      ['whenFalse', 'else'],
    ] as const) {
      const bb = bc[branch];
      const hb = hc[branch];
      if (bb && hb) ctx.sub([bb], [hb]);
      else if (hb) tightened(hb.ptr, `${name} added`);
      else if (bb) loosened(hc.ptr, `${name} removed`);
    }
  }
  for (const bc of b.conditionals)
    if (!h.conditionals.some((c) => c.ifKey === bc.ifKey)) loosened(h.ptr, 'if/then/else removed');
}
