// Direction-aware comparison of two JSON Schemas (OpenAPI 3.0 and 3.1 flavours).
// This is the heart of the checker: what a client SENDS (parameters, request
// bodies) breaks when the schema gets tighter; what it RECEIVES (responses)
// breaks when the schema gets looser or loses something. Generic JSON-Schema
// diff libraries do not know about direction, readOnly/writeOnly or 3.0
// `nullable`, hence our own.

import { join, schemaLabel } from './pointer.js';
import type { Loc, RefResolver } from './refs.js';
import type { RuleId } from './rules.js';
import { isObject, type Side } from './types.js';

export type SchemaKind = 'parameter' | 'request-body' | 'response';

export interface RawFinding {
  ruleId: RuleId;
  pointer: string;
  side: Side;
  message: string;
}

interface Kw {
  value: unknown;
  ptr: string;
}

/** A schema with allOf merged and its own $ref (plus siblings) folded in. */
interface Norm {
  ptr: string;
  kw: Map<string, Kw>;
  props: Map<string, Loc>;
  required: Set<string>;
  items?: Loc;
  additional?: Loc;
  variants?: Loc[];
}

const IGNORED = new Set([
  'description',
  'title',
  'summary',
  'example',
  'examples',
  'default',
  'externalDocs',
  'xml',
  'discriminator',
  '$comment',
  '$schema',
  '$id',
  'deprecated',
  'contentMediaType',
  'contentEncoding',
]);

function isAnnotationKey(k: string): boolean {
  return IGNORED.has(k) || k.startsWith('x-');
}

/** A `$ref` whose siblings add constraints (3.1 allows it): treated like allOf. */
function refWithSiblings(node: unknown): boolean {
  return (
    isObject(node) &&
    typeof node.$ref === 'string' &&
    Object.keys(node).some((k) => k !== '$ref' && !isAnnotationKey(k))
  );
}

function emptyNorm(ptr: string): Norm {
  return { ptr, kw: new Map(), props: new Map(), required: new Set() };
}

function mergeInto(n: Norm, loc: Loc, r: RefResolver, seen: Set<string>): void {
  let node = loc.node;
  const later: Loc[] = [];
  if (isObject(node) && typeof node.$ref === 'string') {
    const { $ref, ...rest } = node;
    const d = r.deref({ node: { $ref }, ptr: loc.ptr });
    if (d.node !== undefined && !seen.has(d.ptr)) {
      seen.add(d.ptr);
      later.push({ node: d.node, ptr: d.ptr });
    }
    node = rest;
  }
  if (!isObject(node)) {
    for (const l of later) mergeInto(n, l, r, seen);
    return;
  }
  const ptr = loc.ptr;
  for (const [k, v] of Object.entries(node)) {
    switch (k) {
      case 'properties':
        if (isObject(v)) {
          for (const [name, s] of Object.entries(v)) {
            if (!n.props.has(name)) n.props.set(name, { node: s, ptr: join(ptr, 'properties', name) });
          }
        }
        break;
      case 'required':
        if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') n.required.add(x);
        break;
      case 'items':
        if (!n.items && !Array.isArray(v)) n.items = { node: v, ptr: join(ptr, 'items') };
        break;
      case 'additionalProperties':
        if (!n.additional) n.additional = { node: v, ptr: join(ptr, 'additionalProperties') };
        break;
      case 'oneOf':
      case 'anyOf':
        if (!n.variants && Array.isArray(v)) n.variants = v.map((x, i) => ({ node: x, ptr: join(ptr, k, i) }));
        break;
      case 'allOf':
        if (Array.isArray(v)) for (const [i, x] of v.entries()) later.push({ node: x, ptr: join(ptr, 'allOf', i) });
        break;
      default:
        if (!isAnnotationKey(k) && !n.kw.has(k)) n.kw.set(k, { value: v, ptr: join(ptr, k) });
    }
  }
  for (const l of later) mergeInto(n, l, r, seen);
}

function normalize(loc: Loc, r: RefResolver): Norm {
  const n = emptyNorm(loc.ptr);
  mergeInto(n, loc, r, new Set());
  return n;
}

interface TypeInfo {
  types: Set<string> | null; // null = any type
  nullable: boolean;
}

function typeInfo(n: Norm): TypeInfo {
  const t = n.kw.get('type')?.value;
  let types: Set<string> | null = null;
  if (typeof t === 'string') types = new Set([t]);
  else if (Array.isArray(t)) types = new Set(t.filter((x): x is string => typeof x === 'string'));
  let nullable = n.kw.get('nullable')?.value === true;
  if (types?.has('null')) {
    nullable = true;
    types.delete('null');
  }
  const en = enumValues(n);
  if (en?.some((v) => v === null)) nullable = true;
  if (types === null) {
    if (n.props.size > 0 || n.required.size > 0 || n.additional) types = new Set(['object']);
    else if (n.items) types = new Set(['array']);
  }
  return { types, nullable };
}

function accepts(set: Set<string> | null, t: string): boolean {
  return set === null || set.has(t) || (t === 'integer' && set.has('number'));
}

/** Types in `from` that `to` does not accept ('any' when from is unconstrained). */
function missingTypes(from: Set<string> | null, to: Set<string> | null): string[] {
  if (to === null) return [];
  if (from === null) return ['any type'];
  return [...from].filter((t) => !accepts(to, t));
}

function typeText(t: TypeInfo): string {
  const s = t.types === null ? 'any' : [...t.types].join('|') || 'null';
  return t.nullable && t.types !== null ? `${s}|null` : s;
}

function enumValues(n: Norm): unknown[] | undefined {
  const e = n.kw.get('enum')?.value;
  if (Array.isArray(e)) return e;
  const c = n.kw.get('const');
  if (c) return [c.value];
  return undefined;
}

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

interface Bound {
  v: number;
  excl: boolean;
  ptr: string;
}

function numBound(n: Norm, side: 'lower' | 'upper'): Bound | undefined {
  const inc = n.kw.get(side === 'lower' ? 'minimum' : 'maximum');
  const exc = n.kw.get(side === 'lower' ? 'exclusiveMinimum' : 'exclusiveMaximum');
  const cands: Bound[] = [];
  if (exc && typeof exc.value === 'number') cands.push({ v: exc.value, excl: true, ptr: exc.ptr });
  if (inc && typeof inc.value === 'number') cands.push({ v: inc.value, excl: exc?.value === true, ptr: inc.ptr });
  let best: Bound | undefined;
  for (const c of cands) if (!best || cmpBound(side, best, c) === 'tighter') best = c;
  return best;
}

function plainBound(n: Norm, key: string): Bound | undefined {
  const k = n.kw.get(key);
  return k && typeof k.value === 'number' ? { v: k.value, excl: false, ptr: k.ptr } : undefined;
}

type Change = 'tighter' | 'looser' | 'same';

/** Is `h` tighter or looser than `b` as a lower/upper bound? */
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

function boundText(side: 'lower' | 'upper', name: string, b: Bound | undefined): string {
  if (!b) return `no ${name}`;
  return `${side === 'lower' ? '>' : '<'}${b.excl ? '' : '='} ${b.v}`;
}

const FORMAT_WIDER: Record<string, string[]> = { int32: ['int64'], float: ['double'], date: [] };

function stringChange(key: 'pattern' | 'format', b: unknown, h: unknown): Change | 'changed' {
  if (b === h) return 'same';
  if (b === undefined) return 'tighter';
  if (h === undefined) return 'looser';
  if (key === 'format' && typeof b === 'string' && typeof h === 'string') {
    if (FORMAT_WIDER[b]?.includes(h)) return 'looser';
    if (FORMAT_WIDER[h]?.includes(b)) return 'tighter';
  }
  return 'changed';
}

function isOpen(v: unknown): boolean {
  return v === undefined || v === true || (isObject(v) && Object.keys(v).length === 0);
}

function typeKey(kind: SchemaKind): RuleId {
  if (kind === 'parameter') return 'parameter-type-changed';
  if (kind === 'request-body') return 'request-property-type-changed';
  return 'response-property-type-changed';
}

/** A comparison of two schemas reached through a `$ref` on at least one side: a node of the comparison graph. */
interface PairNode {
  b: Loc;
  h: Loc;
  kind: SchemaKind;
  /** Findings produced by this pair itself (inline sub-schemas included). */
  local?: RawFinding[];
  /** Pairs reached through further `$ref`s. */
  children?: string[];
}

const NONE: readonly RawFinding[] = Object.freeze([]);

/**
 * Compares schemas pairwise. Comparisons that pass through a `$ref` become
 * nodes of a graph, keyed by (kind, base target, head target), each computed
 * once with its own findings and its edges to further ref pairs. The findings
 * reachable from a node are gathered with Tarjan's SCC algorithm, so cyclic
 * schemas (Stripe's customer <-> invoice <-> charge ...) cost linear time and
 * every member of a cycle reports everything reachable from it.
 */
export class SchemaDiffer {
  private readonly nodes = new Map<string, PairNode>();
  private readonly reach = new Map<string, readonly RawFinding[]>();

  constructor(
    private readonly base: RefResolver,
    private readonly head: RefResolver,
  ) {}

  compare(b: Loc, h: Loc, kind: SchemaKind): RawFinding[] {
    const children: string[] = [];
    const local = this.cmp(b, h, kind, children);
    if (!children.length) return local;
    const all = new Set(local);
    for (const c of children) for (const f of this.reachable(c)) all.add(f);
    return [...all];
  }

  /** Compare two schema locations; ref pairs are recorded as edges instead of being walked. */
  private cmp(bLoc: Loc, hLoc: Loc, kind: SchemaKind, edges: string[]): RawFinding[] {
    const rb = refWithSiblings(bLoc.node) ? { ...bLoc, followed: false } : this.base.deref(bLoc);
    const rh = refWithSiblings(hLoc.node) ? { ...hLoc, followed: false } : this.head.deref(hLoc);
    if ('dangling' in rh && rh.dangling !== undefined) {
      return [
        {
          ruleId: 'ref-target-removed',
          pointer: hLoc.ptr,
          side: 'head',
          message: `$ref ${rh.dangling} points to nothing`,
        },
      ];
    }
    if ('dangling' in rb && rb.dangling !== undefined) return [];
    if (!rb.followed && !rh.followed) return this.cmpResolved(rb, rh, kind, edges);
    const key = `${kind}|${rb.ptr}|${rh.ptr}`;
    if (!this.nodes.has(key)) this.nodes.set(key, { b: rb, h: rh, kind });
    edges.push(key);
    return [];
  }

  private node(key: string): Required<PairNode> {
    const n = this.nodes.get(key)!;
    if (!n.local) {
      n.children = [];
      n.local = this.cmpResolved(n.b, n.h, n.kind, n.children);
    }
    return n as Required<PairNode>;
  }

  /** Findings reachable from a pair node (Tarjan's strongly connected components, memoised). */
  private reachable(start: string): readonly RawFinding[] {
    const done = this.reach.get(start);
    if (done) return done;
    const index = new Map<string, number>();
    const lowlink = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    let counter = 0;
    const visit = (v: string): void => {
      index.set(v, counter);
      lowlink.set(v, counter);
      counter++;
      stack.push(v);
      onStack.add(v);
      const n = this.node(v);
      for (const w of n.children) {
        if (this.reach.has(w)) continue;
        if (!index.has(w)) {
          visit(w);
          lowlink.set(v, Math.min(lowlink.get(v)!, lowlink.get(w)!));
        } else if (onStack.has(w)) {
          lowlink.set(v, Math.min(lowlink.get(v)!, index.get(w)!));
        }
      }
      if (lowlink.get(v) !== index.get(v)) return;
      const members: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        members.push(w);
      } while (w !== v);
      const all = new Set<RawFinding>();
      const memberSet = new Set(members);
      for (const m of members) {
        const mn = this.node(m);
        for (const f of mn.local) all.add(f);
        for (const c of mn.children) if (!memberSet.has(c)) for (const f of this.reach.get(c) ?? NONE) all.add(f);
      }
      const result = all.size ? [...all] : NONE;
      for (const m of members) this.reach.set(m, result);
    };
    visit(start);
    return this.reach.get(start) ?? NONE;
  }

  private cmpResolved(bLoc: Loc, hLoc: Loc, kind: SchemaKind, edges: string[]): RawFinding[] {
    const out: RawFinding[] = [];
    const sub = (b: Loc, h: Loc): void => {
      const r = this.cmp(b, h, kind, edges);
      if (r.length) out.push(...r);
    };
    const b = normalize(bLoc.node === undefined ? { node: {}, ptr: bLoc.ptr } : bLoc, this.base);
    const h = normalize(hLoc.node === undefined ? { node: {}, ptr: hLoc.ptr } : hLoc, this.head);
    const req = kind !== 'response';
    const label = schemaLabel(h.ptr);
    const at = (key: string): string => h.kw.get(key)?.ptr ?? h.ptr;
    const add = (ruleId: RuleId, pointer: string, message: string, side: Side = 'head'): void => {
      out.push({ ruleId, pointer, side, message });
    };
    /** Report a constraint change in the right direction. */
    const constraint = (change: Change | 'changed', key: string, what: string): void => {
      if (change === 'same') return;
      if (req) {
        if (change === 'looser') add('request-constraint-loosened', at(key), `${label}: ${what} (relaxed)`);
        else add('request-constraint-tightened', at(key), `${label}: ${what}`);
      } else if (change === 'tighter') {
        add('response-constraint-tightened', at(key), `${label}: ${what} (tightened)`);
      } else {
        add('response-constraint-loosened', at(key), `${label}: ${what}`);
      }
    };

    // --- types and nullability
    const bt = typeInfo(b);
    const ht = typeInfo(h);
    const lost = missingTypes(bt.types, ht.types); // request: values no longer accepted
    const gained = missingTypes(ht.types, bt.types); // response: values clients may not expect
    const typePtr = h.kw.get('type')?.ptr ?? h.ptr;
    if (req) {
      if (lost.length)
        add(
          typeKey(kind),
          typePtr,
          `${label}: type ${typeText(bt)} -> ${typeText(ht)} (no longer accepts ${lost.join(', ')})`,
        );
      else if (gained.length)
        add('request-constraint-loosened', typePtr, `${label}: type ${typeText(bt)} -> ${typeText(ht)}`);
      if (bt.nullable && !ht.nullable)
        add(typeKey(kind), at(h.kw.has('nullable') ? 'nullable' : 'type'), `${label}: no longer accepts null`);
      else if (!bt.nullable && ht.nullable)
        add(
          'request-constraint-loosened',
          at(h.kw.has('nullable') ? 'nullable' : 'type'),
          `${label}: now accepts null`,
        );
    } else {
      if (gained.length)
        add(
          'response-property-type-changed',
          typePtr,
          `${label}: type ${typeText(bt)} -> ${typeText(ht)} (may now be ${gained.join(', ')})`,
        );
      else if (lost.length)
        add('response-constraint-tightened', typePtr, `${label}: type ${typeText(bt)} -> ${typeText(ht)}`);
      if (!bt.nullable && ht.nullable)
        add(
          'response-property-made-nullable',
          at(h.kw.has('nullable') ? 'nullable' : 'type'),
          `${label}: may now be null`,
        );
      else if (bt.nullable && !ht.nullable)
        add(
          'response-constraint-tightened',
          at(h.kw.has('nullable') ? 'nullable' : 'type'),
          `${label}: no longer null`,
        );
    }
    const disjoint =
      bt.types !== null &&
      ht.types !== null &&
      bt.types.size > 0 &&
      ht.types.size > 0 &&
      ![...bt.types].some((t) => accepts(ht.types, t)) &&
      ![...ht.types].some((t) => accepts(bt.types, t));
    if (disjoint) return out; // e.g. object -> string: nothing deeper is meaningful

    // --- enum / const
    const be = enumValues(b)?.filter((v) => v !== null);
    const he = enumValues(h)?.filter((v) => v !== null);
    const enumAt = h.kw.has('enum') ? at('enum') : at('const');
    if (be && he) {
      const hs = new Set(he.map((v) => JSON.stringify(v)));
      const bs = new Set(be.map((v) => JSON.stringify(v)));
      const removed = be.filter((v) => !hs.has(JSON.stringify(v)));
      const added = he.filter((v) => !bs.has(JSON.stringify(v)));
      if (removed.length) {
        add(
          req ? 'request-enum-value-removed' : 'response-enum-value-removed',
          enumAt,
          `${label}: enum value${removed.length > 1 ? 's' : ''} ${removed.map(show).join(', ')} removed`,
        );
      }
      if (added.length) {
        add(
          req ? 'request-enum-value-added' : 'response-enum-value-added',
          enumAt,
          `${label}: enum value${added.length > 1 ? 's' : ''} ${added.map(show).join(', ')} added`,
        );
      }
    } else if (be && !he) {
      constraint('looser', 'enum', `enum [${be.map(show).join(', ')}] removed`);
    } else if (!be && he) {
      constraint('tighter', h.kw.has('enum') ? 'enum' : 'const', `values restricted to [${he.map(show).join(', ')}]`);
    }

    // --- numeric bounds and sizes
    for (const side of ['lower', 'upper'] as const) {
      const bb = numBound(b, side);
      const hb = numBound(h, side);
      const c = cmpBound(side, bb, hb);
      const key = hb?.ptr.split('/').pop() ?? (side === 'lower' ? 'minimum' : 'maximum');
      constraint(
        c,
        key,
        `${side === 'lower' ? 'minimum' : 'maximum'} ${boundText(side, 'bound', bb)} -> ${boundText(side, 'bound', hb)}`,
      );
    }
    for (const [key, side] of [
      ['minLength', 'lower'],
      ['maxLength', 'upper'],
      ['minItems', 'lower'],
      ['maxItems', 'upper'],
      ['minProperties', 'lower'],
      ['maxProperties', 'upper'],
    ] as const) {
      const bb = plainBound(b, key);
      const hb = plainBound(h, key);
      constraint(cmpBound(side, bb, hb), key, `${key} ${bb?.v ?? 'none'} -> ${hb?.v ?? 'none'}`);
    }
    for (const key of ['pattern', 'format'] as const) {
      const bv = b.kw.get(key)?.value;
      const hv = h.kw.get(key)?.value;
      constraint(
        stringChange(key, bv, hv),
        key,
        `${key} ${bv === undefined ? 'none' : show(bv)} -> ${hv === undefined ? 'none' : show(hv)}`,
      );
    }
    {
      const bm = b.kw.get('multipleOf')?.value;
      const hm = h.kw.get('multipleOf')?.value;
      let c: Change = 'same';
      if (typeof hm === 'number' && typeof bm !== 'number') c = 'tighter';
      else if (typeof bm === 'number' && typeof hm !== 'number') c = 'looser';
      else if (typeof bm === 'number' && typeof hm === 'number' && bm !== hm) c = bm % hm === 0 ? 'looser' : 'tighter';
      constraint(c, 'multipleOf', `multipleOf ${show(bm ?? 'none')} -> ${show(hm ?? 'none')}`);
    }
    {
      const bu = b.kw.get('uniqueItems')?.value === true;
      const hu = h.kw.get('uniqueItems')?.value === true;
      if (bu !== hu) constraint(hu ? 'tighter' : 'looser', 'uniqueItems', `uniqueItems ${bu} -> ${hu}`);
    }

    // --- objects
    const bAp = b.additional?.node;
    const hAp = h.additional?.node;
    const apAt = h.additional?.ptr ?? h.ptr;
    if (bAp !== false && hAp === false) constraintAt('tighter', apAt, 'additional properties no longer allowed');
    else if (bAp === false && hAp !== false) constraintAt('looser', apAt, 'additional properties now allowed');
    else if (isOpen(bAp) && !isOpen(hAp) && hAp !== false)
      constraintAt('tighter', apAt, 'additional properties now constrained by a schema');
    else if (!isOpen(bAp) && bAp !== false && isOpen(hAp))
      constraintAt('looser', apAt, 'additional properties no longer constrained');
    else if (b.additional && h.additional && isObject(bAp) && isObject(hAp)) sub(b.additional, h.additional);

    function constraintAt(c: Change, pointer: string, what: string): void {
      if (req)
        add(
          c === 'tighter' ? 'request-constraint-tightened' : 'request-constraint-loosened',
          pointer,
          `${label}: ${what}`,
        );
      else
        add(
          c === 'tighter' ? 'response-constraint-tightened' : 'response-constraint-loosened',
          pointer,
          `${label}: ${what}`,
        );
    }

    const hidden = (loc: Loc, r: RefResolver): boolean => {
      const d = r.deref(loc).node;
      return isObject(d) && d[req ? 'readOnly' : 'writeOnly'] === true;
    };
    for (const [name, bp] of b.props) {
      const hp = h.props.get(name);
      const propLabel = schemaLabel(bp.ptr);
      if (!hp) {
        if (hidden(bp, this.base)) continue;
        if (req) add('request-property-removed', bp.ptr, `${propLabel}: request property removed`, 'base');
        else add('response-property-removed', bp.ptr, `${propLabel}: response property removed`, 'base');
        continue;
      }
      const bReq = b.required.has(name);
      const hReq = h.required.has(name);
      const hpLabel = schemaLabel(hp.ptr);
      if (req && !hidden(hp, this.head)) {
        if (!bReq && hReq)
          add('request-property-made-required', hp.ptr, `${hpLabel}: request property is now required`);
        else if (bReq && !hReq)
          add('request-property-made-optional', hp.ptr, `${hpLabel}: request property is now optional`);
      } else if (!req && !hidden(hp, this.head)) {
        if (bReq && !hReq)
          add(
            'response-property-made-optional',
            hp.ptr,
            `${hpLabel}: response property is no longer required (may be absent)`,
          );
        else if (!bReq && hReq)
          add('response-property-made-required', hp.ptr, `${hpLabel}: response property is now always present`);
      }
      sub(bp, hp);
    }
    for (const [name, hp] of h.props) {
      if (b.props.has(name) || hidden(hp, this.head)) continue;
      const hpLabel = schemaLabel(hp.ptr);
      if (req) {
        if (h.required.has(name))
          add('request-property-added-required', hp.ptr, `${hpLabel}: new required request property`);
        else add('request-property-added', hp.ptr, `${hpLabel}: new optional request property`);
      } else {
        add('response-property-added', hp.ptr, `${hpLabel}: new response property`);
      }
    }

    // --- arrays
    if (b.items && h.items) sub(b.items, h.items);

    // --- oneOf / anyOf
    if (b.variants || h.variants) {
      const pairs = this.matchVariants(b.variants ?? [], h.variants ?? []);
      for (const [bv, hv] of pairs) {
        if (bv && hv) sub(bv, hv);
        else if (bv) {
          add(
            req ? 'request-variant-removed' : 'response-variant-removed',
            bv.ptr,
            `${label}: alternative ${this.variantName(bv, this.base)} removed`,
            'base',
          );
        } else if (hv) {
          add(
            req ? 'request-variant-added' : 'response-variant-added',
            hv.ptr,
            `${label}: alternative ${this.variantName(hv, this.head)} added`,
          );
        }
      }
    }
    return out;
  }

  private variantKey(v: Loc, r: RefResolver): { ref?: string; title?: string; sig: string } {
    const node = v.node;
    const ref = isObject(node) && typeof node.$ref === 'string' ? node.$ref : undefined;
    const d = r.deref(v).node;
    const title = isObject(d) && typeof d.title === 'string' ? d.title : undefined;
    const t = typeInfo(normalize(v, r));
    return { ref, title, sig: typeText(t) };
  }

  private variantName(v: Loc, r: RefResolver): string {
    const k = this.variantKey(v, r);
    return k.ref ? k.ref.split('/').pop()! : (k.title ?? k.sig);
  }

  /** Pair oneOf/anyOf alternatives: same $ref target, then same title, then same type in order. */
  private matchVariants(bs: Loc[], hs: Loc[]): Array<[Loc | undefined, Loc | undefined]> {
    const bk = bs.map((v) => this.variantKey(v, this.base));
    const hk = hs.map((v) => this.variantKey(v, this.head));
    const usedH = new Set<number>();
    const pairOf = new Map<number, number>();
    const pass = (same: (i: number, j: number) => boolean): void => {
      for (let i = 0; i < bs.length; i++) {
        if (pairOf.has(i)) continue;
        for (let j = 0; j < hs.length; j++) {
          if (usedH.has(j) || !same(i, j)) continue;
          pairOf.set(i, j);
          usedH.add(j);
          break;
        }
      }
    };
    pass((i, j) => bk[i]!.ref !== undefined && bk[i]!.ref === hk[j]!.ref);
    pass((i, j) => bk[i]!.title !== undefined && bk[i]!.title === hk[j]!.title);
    pass(
      (i, j) =>
        bk[i]!.ref === undefined &&
        hk[j]!.ref === undefined &&
        bk[i]!.title === undefined &&
        hk[j]!.title === undefined &&
        bk[i]!.sig === hk[j]!.sig,
    );
    const out: Array<[Loc | undefined, Loc | undefined]> = [];
    for (let i = 0; i < bs.length; i++) {
      const j = pairOf.get(i);
      out.push([bs[i], j === undefined ? undefined : hs[j]]);
    }
    for (let j = 0; j < hs.length; j++) if (!usedH.has(j)) out.push([undefined, hs[j]]);
    return out;
  }
}
