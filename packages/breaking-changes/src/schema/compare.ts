// Compares schemas pairwise as a graph. Every comparison of a base shape with a head shape is a node
// keyed by (direction, base conjuncts, head conjuncts), computed once with its own findings and its
// edges to the sub-comparisons it needs. The findings reachable from a node are gathered with
// Tarjan's strongly connected components, so recursive schemas (Stripe's customer <-> invoice <->
// charge ...) cost linear time and every member of a cycle reports everything reachable from it.
// An edge through a `$ref` that now names ANOTHER existing component (a retargeted ref) carries the
// head `$ref` site: what differs between the two targets is located at the line that was edited.

import { isReference } from '@billing-api/openapi-model';
import { compareApplicators } from './applicators.js';
import { applyFindingContext, type DiffCtx, type RawFinding, type SchemaKind } from './context.js';
import {
  compareBounds,
  compareDefaults,
  compareEnums,
  compareFormats,
  comparePatterns,
  compareTypes,
} from './keywords.js';
import { schemaLabel } from './labels.js';
import { compareObjects } from './objects.js';
import { child } from './pointers.js';
import { type Loc, normalize, type Shape } from './shape.js';
import { Stability } from './stability.js';
import { compareVariants } from './variants.js';

interface Edge {
  key: string;
  anchor?: string;
}

interface PairNode {
  b: Shape;
  h: Shape;
  kind: SchemaKind;
  local?: RawFinding[];
  children?: Edge[];
}

const NONE: readonly RawFinding[] = Object.freeze([]);

export class SchemaComparer {
  private readonly nodes = new Map<string, PairNode>();
  private readonly reach = new Map<string, readonly RawFinding[]>();
  private readonly shapes = { base: new Map<string, Shape>(), head: new Map<string, Shape>() };
  private readonly stability: Stability;

  constructor(
    private readonly baseDoc: unknown,
    private readonly headDoc: unknown,
    /** Base component pointer -> head pointer, for components renamed with every ref. */
    private readonly renames: ReadonlyMap<string, string>,
    /** Pointers that exist in the other bundle (to tell a retargeted ref from a renamed component). */
    private readonly exists: { base: (ptr: string) => boolean; head: (ptr: string) => boolean },
  ) {
    this.stability = new Stability(baseDoc, headDoc);
  }

  shapeOf(side: 'base' | 'head', locs: Loc[]): Shape {
    const key = locs.map((l) => l.ptr).join('&');
    const cache = this.shapes[side];
    let s = cache.get(key);
    if (!s) {
      s = normalize(side === 'base' ? this.baseDoc : this.headDoc, locs);
      cache.set(key, s);
    }
    return s;
  }

  /** Every difference between two schemas, in the given direction. */
  compare(b: Loc, h: Loc, kind: SchemaKind): RawFinding[] {
    const edges: Edge[] = [];
    this.edge([b], [h], kind, edges);
    const out = new Set<RawFinding>();
    for (const e of edges) for (const f of this.through(e)) out.add(f);
    return [...out];
  }

  private through(e: Edge): readonly RawFinding[] {
    const found = this.reachable(e.key);
    return e.anchor ? found.map((f) => ({ ...f, at: e.anchor! })) : found;
  }

  private edge(bl: Loc[], hl: Loc[], kind: SchemaKind, edges: Edge[]): void {
    if (!bl.length || !hl.length || this.stability.stable(bl, hl)) return;
    const b = this.shapeOf('base', bl);
    const h = this.shapeOf('head', hl);
    const key = `${kind}|${b.key}|${h.key}`;
    if (!this.nodes.has(key)) this.nodes.set(key, { b, h, kind });
    const edge: Edge = { key };
    const anchor = this.retargetSite(bl, hl, b, h);
    if (anchor) edge.anchor = anchor;
    edges.push(edge);
  }

  /** The head `$ref` site when both sides are plain refs and the head names another existing component. */
  private retargetSite(bl: Loc[], hl: Loc[], b: Shape, h: Shape): string | undefined {
    if (bl.length !== 1 || hl.length !== 1 || !isReference(bl[0]!.node) || !isReference(hl[0]!.node)) return undefined;
    const bt = b.refs[0];
    const ht = h.refs[0];
    if (!bt || !ht || bt === ht || this.renames.get(bt) === ht) return undefined;
    if (!this.exists.head(bt) && !this.exists.base(ht)) return undefined; // a renamed-and-edited component
    return child(hl[0]!.ptr, '$ref');
  }

  private node(key: string): Required<PairNode> {
    const n = this.nodes.get(key)!;
    if (!n.local) {
      const local: RawFinding[] = [];
      const children: Edge[] = [];
      n.children = children;
      const ctx: DiffCtx = {
        b: n.b,
        h: n.h,
        kind: n.kind,
        req: n.kind !== 'response',
        label: schemaLabel(n.h.ptr),
        baseDoc: this.baseDoc,
        headDoc: this.headDoc,
        renames: this.renames,
        add: (ruleId, pointer, message, opts = {}) => {
          local.push(applyFindingContext({ ruleId, pointer, side: opts.side ?? 'head', message }, opts));
        },
        sub: (b, h) => this.edge(b, h, n.kind, children),
      };
      diffShapes(ctx, (side, locs) => this.shapeOf(side, locs));
      n.local = local;
    }
    return n as Required<PairNode>;
  }

  /** Findings reachable from a pair node (Tarjan's strongly connected components, memoised). */
  private reachable(start: string): readonly RawFinding[] {
    const done = this.reach.get(start);
    if (done) return done;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const onStack = new Set<string>();
    const stack: string[] = [];
    let counter = 0;
    const visit = (v: string): void => {
      index.set(v, counter);
      low.set(v, counter);
      counter++;
      stack.push(v);
      onStack.add(v);
      for (const { key: w } of this.node(v).children) {
        if (this.reach.has(w)) continue;
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) !== index.get(v)) return;
      const members: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        members.push(w);
      } while (w !== v);
      const inside = new Set(members);
      const all = new Set<RawFinding>();
      for (const m of members) {
        const mn = this.node(m);
        for (const f of mn.local) all.add(f);
        for (const e of mn.children) {
          if (inside.has(e.key)) continue;
          for (const f of this.through(e)) all.add(f);
        }
      }
      const result = all.size ? [...all] : NONE;
      for (const m of members) this.reach.set(m, result);
    };
    visit(start);
    return this.reach.get(start) ?? NONE;
  }
}

/** One pair of shapes: every keyword family in turn. */
function diffShapes(ctx: DiffCtx, shapeOf: (side: 'base' | 'head', locs: Loc[]) => Shape): void {
  if (!compareTypes(ctx)) return; // e.g. object -> string: nothing deeper is meaningful
  compareEnums(ctx);
  compareBounds(ctx);
  compareFormats(ctx);
  comparePatterns(ctx);
  compareDefaults(ctx);
  compareObjects(ctx, shapeOf);
  compareApplicators(ctx);
  compareVariants(ctx, shapeOf);
}
