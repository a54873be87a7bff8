// A schema as the comparison sees it: every `allOf` member, `$ref` (with its 3.1 siblings) and
// single-alternative `oneOf`/`anyOf` folded into one INTERSECTION. Types are intersected, bounds take
// the tightest value, enums intersect, patterns and formats all apply, properties keep the schema of
// every member that declares them, and each `additionalProperties: false` member closes the object
// to its own property names (which is what JSON Schema says, and why moving a property into an
// allOf member of a closed schema is breaking). The 3.0 and 3.1 spellings of null (`nullable`,
// `type: [T, 'null']`, `oneOf: [T, {type: 'null'}]`, `enum` with null) become one flag. No library
// merges allOf by intersection while keeping where each keyword was written (we need the pointer for
// the file:line), hence our own.

import { isReference, RefError, resolveRef } from '@billing-api/openapi-model';
import { isObject } from '../model.js';
import { child } from './pointers.js';

export interface Loc {
  node: unknown;
  /** Plain pointer of `node` in its bundle. */
  ptr: string;
}

export interface Keyword<T> {
  value: T;
  ptr: string;
}

export interface Bound {
  v: number;
  excl: boolean;
  ptr: string;
}

export interface Discriminator {
  propertyName: string;
  /** mapping value -> target pointer (explicit mapping only). */
  mapping: Map<string, string>;
  ptr: string;
}

export interface VariantGroup {
  kind: 'oneOf' | 'anyOf';
  ptr: string;
  members: Loc[];
  discriminator?: Discriminator;
}

export interface Conditional {
  ptr: string;
  ifKey: string;
  whenTrue?: Loc;
  whenFalse?: Loc;
}

export const SIZE_KEYWORDS = [
  ['minLength', 'lower'],
  ['maxLength', 'upper'],
  ['minItems', 'lower'],
  ['maxItems', 'upper'],
  ['minProperties', 'lower'],
  ['maxProperties', 'upper'],
  ['minContains', 'lower'],
  ['maxContains', 'upper'],
] as const;
export type SizeKeyword = (typeof SIZE_KEYWORDS)[number][0];

export interface Shape {
  /** Sorted conjunct pointers: the identity of this intersection. */
  key: string;
  /** Pointer of the schema itself (the first conjunct). */
  ptr: string;
  /** The locations this shape was built from. */
  locs: Loc[];
  /** Pointers of the intersected schemas (the allOf members, refs followed). */
  conjuncts: string[];
  /** Component refs followed to reach the conjuncts (for naming alternatives). */
  refs: string[];
  title?: string;
  /** Non-null JSON types allowed; null = any. */
  types: Set<string> | null;
  typePtr?: string;
  nullable: boolean;
  nullPtr?: string;
  enumValues?: Keyword<unknown[]>;
  lower?: Bound;
  upper?: Bound;
  sizes: Map<SizeKeyword, Keyword<number>>;
  multipleOf: Keyword<number>[];
  patterns: Keyword<string>[];
  formats: Keyword<string>[];
  uniqueItems?: string;
  props: Map<string, Loc[]>;
  required: Map<string, string>;
  /** Set when some member closes the object: the names it still allows (null: unknown, e.g. patternProperties). */
  closed?: { names: Set<string> | null; ptr: string };
  additional: Loc[];
  items: Loc[];
  prefixItems: Loc[][];
  variants: VariantGroup[];
  readOnly?: string;
  writeOnly?: string;
  default?: Keyword<unknown>;
  dependentRequired: Map<string, string>;
  dependentSchemas: Map<string, Loc[]>;
  conditionals: Conditional[];
  not: Keyword<string>[];
  contains: Loc[];
  propertyNames: Loc[];
  patternProperties: Map<string, Loc[]>;
}

const ANNOTATIONS = new Set([
  'description',
  'title',
  'summary',
  'example',
  'examples',
  'externalDocs',
  'xml',
  '$comment',
  '$schema',
  '$id',
  '$anchor',
  'deprecated',
  'contentMediaType',
  'contentEncoding',
]);

export function isAnnotation(key: string): boolean {
  return ANNOTATIONS.has(key) || key.startsWith('x-');
}

/** A `$ref` whose siblings add constraints (3.1 allows it): an intersection of the siblings and the target. */
function hasConstraintSiblings(node: Record<string, unknown>): boolean {
  return Object.keys(node).some((k) => k !== '$ref' && !isAnnotation(k) && k !== 'default');
}

function isNullSchema(node: unknown): boolean {
  if (!isObject(node)) return false;
  if (node.type === 'null') return true;
  if ('const' in node && node.const === null) return true;
  return Array.isArray(node.enum) && node.enum.length === 1 && node.enum[0] === null;
}

const fingerprints = new WeakMap<object, string>();

/** A canonical text of a schema without annotations; refs stay as written. */
export function fingerprint(node: unknown): string {
  if (!isObject(node) && !Array.isArray(node)) return JSON.stringify(node) ?? 'undefined';
  const cached = fingerprints.get(node);
  if (cached !== undefined) return cached;
  let out: string;
  if (Array.isArray(node)) out = `[${node.map(fingerprint).join(',')}]`;
  else {
    const keys = Object.keys(node)
      .filter((k) => !isAnnotation(k))
      .sort();
    out = `{${keys.map((k) => `${JSON.stringify(k)}:${fingerprint(node[k])}`).join(',')}}`;
  }
  fingerprints.set(node, out);
  return out;
}

function intersectTypes(a: Set<string> | null, b: Set<string>): Set<string> {
  if (a === null) return b;
  const out = new Set<string>();
  for (const t of a) {
    if (b.has(t)) out.add(t);
    else if (t === 'integer' && b.has('number')) out.add('integer');
    else if (t === 'number' && b.has('integer')) out.add('integer');
  }
  return out;
}

function tighter(side: 'lower' | 'upper', a: Bound | undefined, b: Bound): Bound {
  if (!a) return b;
  const sign = side === 'lower' ? 1 : -1;
  if ((b.v - a.v) * sign > 0) return b;
  if ((b.v - a.v) * sign < 0) return a;
  return b.excl && !a.excl ? b : a;
}

interface Conjunct {
  node: Record<string, unknown>;
  ptr: string;
  /** Reached through a `oneOf`/`anyOf` whose other alternative is null: null is allowed whatever this says. */
  orNull: boolean;
}

/** Folds the given schema locations (an implicit allOf) into one Shape. */
export function normalize(doc: unknown, locs: Loc[]): Shape {
  const conjuncts: Conjunct[] = [];
  const refs: string[] = [];
  const seen = new Set<string>();
  const visit = (loc: Loc, orNull: boolean): void => {
    let { node, ptr } = loc;
    if (isReference(node)) {
      const siblings = node as unknown as Record<string, unknown>;
      if (hasConstraintSiblings(siblings)) {
        const { $ref: _ref, ...rest } = siblings;
        visit({ node: rest, ptr }, orNull);
      }
      try {
        const r = resolveRef<unknown>(doc, { $ref: siblings.$ref as string }, ptr);
        node = r.value;
        ptr = r.pointer;
        refs.push(r.pointer);
      } catch (e) {
        if (e instanceof RefError) return;
        throw e;
      }
    }
    if (node === true || node === undefined) return;
    if (node === false) {
      conjuncts.push({ node: { not: {} }, ptr, orNull });
      return;
    }
    if (!isObject(node) || seen.has(ptr)) return;
    seen.add(ptr);
    conjuncts.push({ node, ptr, orNull });
    if (Array.isArray(node.allOf)) {
      node.allOf.forEach((m, i) => {
        visit({ node: m, ptr: child(ptr, 'allOf', i) }, orNull);
      });
    }
    for (const kind of ['oneOf', 'anyOf'] as const) {
      const list = node[kind];
      if (!Array.isArray(list)) continue;
      const real = list
        .map((m, i) => ({ node: m, ptr: child(ptr, kind, i) }))
        .filter((m) => !isNullSchema(deref(doc, m.node)));
      const nullish = real.length < list.length || allowsNullItself(node);
      if (real.length === 1 && !node.discriminator) visit(real[0]!, orNull || nullish);
    }
  };
  for (const loc of locs) visit(loc, false);
  return build(doc, conjuncts, refs, locs);
}

function deref(doc: unknown, node: unknown): unknown {
  try {
    return resolveRef<unknown>(doc, node).value;
  } catch {
    return undefined;
  }
}

function allowsNullItself(node: Record<string, unknown>): boolean {
  return node.nullable === true || (Array.isArray(node.type) && node.type.includes('null')) || node.type === 'null';
}

function build(doc: unknown, conjuncts: Conjunct[], refs: string[], locs: Loc[]): Shape {
  const s: Shape = {
    key: conjuncts
      .map((c) => c.ptr)
      .sort()
      .join('&'),
    ptr: conjuncts[0]?.ptr ?? locs[0]?.ptr ?? '',
    locs,
    conjuncts: conjuncts.map((c) => c.ptr),
    refs,
    types: null,
    nullable: false,
    sizes: new Map(),
    multipleOf: [],
    patterns: [],
    formats: [],
    props: new Map(),
    required: new Map(),
    additional: [],
    items: [],
    prefixItems: [],
    variants: [],
    dependentRequired: new Map(),
    dependentSchemas: new Map(),
    conditionals: [],
    not: [],
    contains: [],
    propertyNames: [],
    patternProperties: new Map(),
  };
  let allAllowNull = true;
  let someExplicitNull = false;
  let enumSet: unknown[] | undefined;
  let enumPtr = '';
  let uneval: string | undefined;
  const closers: Array<{ names: Set<string> | null; ptr: string }> = [];
  for (const { node: c, ptr, orNull } of conjuncts) {
    const at = (k: string): string => child(ptr, k);
    if (s.title === undefined && typeof c.title === 'string') s.title = c.title;
    // --- type and null
    let allowsNull = true;
    if (c.type !== undefined) {
      const list = (Array.isArray(c.type) ? c.type : [c.type]).filter((t): t is string => typeof t === 'string');
      const nonNull = new Set(list.filter((t) => t !== 'null'));
      allowsNull = list.includes('null') || c.nullable === true;
      if (list.includes('null') || c.nullable === true) {
        someExplicitNull = true;
        s.nullPtr ??= at(c.nullable === true ? 'nullable' : 'type');
      }
      if (nonNull.size > 0 || !list.includes('null')) {
        s.types = intersectTypes(s.types, nonNull);
        s.typePtr = at('type');
      } else if (list.length) {
        s.types = intersectTypes(s.types, new Set());
        s.typePtr = at('type');
      }
    } else if (c.nullable === true) {
      someExplicitNull = true;
      s.nullPtr ??= at('nullable');
    }
    const values = Array.isArray(c.enum) ? c.enum : 'const' in c ? [c.const] : undefined;
    if (values) {
      const key = Array.isArray(c.enum) ? 'enum' : 'const';
      if (values.includes(null)) {
        someExplicitNull = true;
        s.nullPtr ??= at(key);
      } else if (c.nullable !== true) allowsNull = false;
      const nonNull = values.filter((v) => v !== null);
      if (enumSet === undefined) {
        enumSet = nonNull;
        enumPtr = at(key);
      } else {
        const keep = new Set(nonNull.map((v) => JSON.stringify(v)));
        enumSet = enumSet.filter((v) => keep.has(JSON.stringify(v)));
        enumPtr = at(key);
      }
    }
    if (orNull) {
      allowsNull = true;
      someExplicitNull = true;
      s.nullPtr ??= ptr;
    }
    if (!allowsNull) allAllowNull = false;
    // --- numbers
    for (const side of ['lower', 'upper'] as const) {
      const inc = side === 'lower' ? 'minimum' : 'maximum';
      const exc = side === 'lower' ? 'exclusiveMinimum' : 'exclusiveMaximum';
      if (typeof c[exc] === 'number')
        s[side] = tighter(side, s[side], { v: c[exc] as number, excl: true, ptr: at(exc) });
      if (typeof c[inc] === 'number')
        s[side] = tighter(side, s[side], {
          v: c[inc] as number,
          excl: c[exc] === true,
          ptr: at(c[exc] === true ? exc : inc),
        });
    }
    for (const [k, side] of SIZE_KEYWORDS) {
      if (typeof c[k] !== 'number') continue;
      const cur = s.sizes.get(k);
      const v = c[k] as number;
      if (!cur || (side === 'lower' ? v > cur.value : v < cur.value)) s.sizes.set(k, { value: v, ptr: at(k) });
    }
    if (typeof c.multipleOf === 'number') s.multipleOf.push({ value: c.multipleOf, ptr: at('multipleOf') });
    if (typeof c.pattern === 'string') s.patterns.push({ value: c.pattern, ptr: at('pattern') });
    if (typeof c.format === 'string') s.formats.push({ value: c.format, ptr: at('format') });
    if (c.uniqueItems === true) s.uniqueItems ??= at('uniqueItems');
    if (c.readOnly === true) s.readOnly ??= at('readOnly');
    if (c.writeOnly === true) s.writeOnly ??= at('writeOnly');
    if ('default' in c && !s.default) s.default = { value: c.default, ptr: at('default') };
    // --- objects
    const own = new Set<string>();
    if (isObject(c.properties)) {
      for (const [name, sub] of Object.entries(c.properties)) {
        own.add(name);
        const list = s.props.get(name) ?? [];
        list.push({ node: sub, ptr: child(ptr, 'properties', name) });
        s.props.set(name, list);
      }
    }
    if (Array.isArray(c.required))
      for (const name of c.required)
        if (typeof name === 'string' && !s.required.has(name)) s.required.set(name, at('required'));
    if (isObject(c.patternProperties)) {
      for (const [re, sub] of Object.entries(c.patternProperties)) {
        const list = s.patternProperties.get(re) ?? [];
        list.push({ node: sub, ptr: child(ptr, 'patternProperties', re) });
        s.patternProperties.set(re, list);
      }
    }
    const ap = c.additionalProperties;
    if (ap === false)
      closers.push({ names: isObject(c.patternProperties) ? null : own, ptr: at('additionalProperties') });
    else if (isObject(ap) && Object.keys(ap).some((k) => !isAnnotation(k)))
      s.additional.push({ node: ap, ptr: at('additionalProperties') });
    if (c.unevaluatedProperties === false) uneval ??= at('unevaluatedProperties');
    else if (isObject(c.unevaluatedProperties))
      s.additional.push({ node: c.unevaluatedProperties, ptr: at('unevaluatedProperties') });
    if (isObject(c.dependentRequired)) {
      for (const [k, deps] of Object.entries(c.dependentRequired))
        if (Array.isArray(deps))
          for (const d of deps) s.dependentRequired.set(`${k} -> ${String(d)}`, child(ptr, 'dependentRequired', k));
    }
    if (isObject(c.dependencies)) {
      for (const [k, deps] of Object.entries(c.dependencies))
        if (Array.isArray(deps))
          for (const d of deps) s.dependentRequired.set(`${k} -> ${String(d)}`, child(ptr, 'dependencies', k));
    }
    if (isObject(c.dependentSchemas)) {
      for (const [k, sub] of Object.entries(c.dependentSchemas)) {
        const list = s.dependentSchemas.get(k) ?? [];
        list.push({ node: sub, ptr: child(ptr, 'dependentSchemas', k) });
        s.dependentSchemas.set(k, list);
      }
    }
    if (c.if !== undefined) {
      const cond: Conditional = { ptr: at('if'), ifKey: fingerprint(deref(doc, c.if)) };
      if (c.then !== undefined) cond.whenTrue = { node: c.then, ptr: at('then') };
      if (c.else !== undefined) cond.whenFalse = { node: c.else, ptr: at('else') };
      s.conditionals.push(cond);
    }
    if (c.not !== undefined) s.not.push({ value: fingerprint(deref(doc, c.not)), ptr: at('not') });
    if (c.contains !== undefined) s.contains.push({ node: c.contains, ptr: at('contains') });
    if (c.propertyNames !== undefined) s.propertyNames.push({ node: c.propertyNames, ptr: at('propertyNames') });
    // --- arrays
    if (isObject(c.items) || isReference(c.items)) s.items.push({ node: c.items, ptr: at('items') });
    const tuple = Array.isArray(c.prefixItems) ? 'prefixItems' : Array.isArray(c.items) ? 'items' : undefined;
    if (tuple) {
      (c[tuple] as unknown[]).forEach((m, i) => {
        s.prefixItems[i] ??= [];
        s.prefixItems[i]!.push({ node: m, ptr: child(ptr, tuple, i) });
      });
    }
    // --- alternatives (single ones were folded in by normalize)
    for (const kind of ['oneOf', 'anyOf'] as const) {
      const list = c[kind];
      if (!Array.isArray(list)) continue;
      const members = list
        .map((m, i) => ({ node: m, ptr: child(ptr, kind, i) }))
        .filter((m) => !isNullSchema(deref(doc, m.node)));
      if (members.length < list.length) {
        someExplicitNull = true;
        s.nullPtr ??= at(kind);
      }
      if (members.length === 1 && !c.discriminator) continue;
      const group: VariantGroup = { kind, ptr: at(kind), members };
      if (isObject(c.discriminator) && typeof c.discriminator.propertyName === 'string') {
        const mapping = new Map<string, string>();
        if (isObject(c.discriminator.mapping))
          for (const [k, v] of Object.entries(c.discriminator.mapping))
            if (typeof v === 'string') mapping.set(k, targetOf(v));
        group.discriminator = { propertyName: c.discriminator.propertyName, mapping, ptr: at('discriminator') };
      }
      s.variants.push(group);
    }
  }
  s.nullable = allAllowNull && someExplicitNull;
  if (enumSet !== undefined) s.enumValues = { value: enumSet, ptr: enumPtr };
  if (uneval) closers.push({ names: new Set(s.props.keys()), ptr: uneval });
  for (const c of closers) {
    if (!s.closed) s.closed = { names: c.names ? new Set(c.names) : null, ptr: c.ptr };
    else if (s.closed.names && c.names) s.closed.names = new Set([...s.closed.names].filter((n) => c.names!.has(n)));
    else if (c.names) s.closed = { names: new Set(c.names), ptr: c.ptr };
  }
  if (s.types === null) {
    if (s.props.size > 0 || s.required.size > 0 || s.additional.length > 0 || s.closed) s.types = new Set(['object']);
    else if (s.items.length > 0 || s.prefixItems.length > 0) s.types = new Set(['array']);
  }
  // An integer's exclusive bound is an inclusive one a step further: `exclusiveMinimum: 0` is `minimum: 1`.
  if (s.types && s.types.size === 1 && s.types.has('integer')) {
    if (s.lower)
      s.lower = { ptr: s.lower.ptr, excl: false, v: s.lower.excl ? Math.floor(s.lower.v) + 1 : Math.ceil(s.lower.v) };
    if (s.upper)
      s.upper = { ptr: s.upper.ptr, excl: false, v: s.upper.excl ? Math.ceil(s.upper.v) - 1 : Math.floor(s.upper.v) };
  }
  void doc;
  return s;
}

/** `#/components/schemas/X` (or an absolute-looking mapping value) -> plain pointer of the target. */
function targetOf(ref: string): string {
  return ref.startsWith('#') ? ref.slice(1) : `/components/schemas/${ref}`;
}

/** A JSON type name for a value (for const/enum typed as sets). */
export function typeOfValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}
