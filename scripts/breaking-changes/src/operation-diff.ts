// Compares one matched pair of operations: parameters, request body, responses
// and security. Schemas are handed to SchemaDiffer with the right direction
// (parameters and bodies are what the client sends, responses what it gets).

import { join } from './pointer.js';
import type { Loc, RefResolver } from './refs.js';
import type { RawFinding, SchemaDiffer } from './schema-diff.js';
import { isObject } from './types.js';

type Obj = Record<string, unknown>;

export interface OpRef {
  method: string;
  path: string;
  key: string;
  operationId?: string;
  node: Obj;
  ptr: string;
  pathItem: Obj;
  pathItemPtr: string;
}

interface Param {
  key: string;
  name: string;
  in: string;
  node: Obj;
  ptr: string; // where the parameter object lives (after $ref)
  site: string; // where the operation lists it
  pos: number; // position among the operation's parameters of the same location
  required: boolean;
}

function obj(v: unknown): Obj {
  return isObject(v) ? v : {};
}

function pathVars(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}

function style(p: Obj): { style: string; explode: boolean } {
  const loc = String(p.in);
  const s = typeof p.style === 'string' ? p.style : loc === 'query' || loc === 'cookie' ? 'form' : 'simple';
  const explode = typeof p.explode === 'boolean' ? p.explode : s === 'form';
  return { style: s, explode };
}

/** The schema of a parameter or header: `schema`, or the schema of its single `content` entry. */
function valueSchema(node: Obj, ptr: string): Loc {
  if ('schema' in node) return { node: node.schema, ptr: join(ptr, 'schema') };
  const content = obj(node.content);
  const mt = Object.keys(content)[0];
  if (mt !== undefined) return { node: obj(content[mt]).schema, ptr: join(ptr, 'content', mt, 'schema') };
  return { node: undefined, ptr: join(ptr, 'schema') };
}

type Alt = Map<string, Set<string>>;

function alternatives(sec: unknown): Alt[] {
  if (!Array.isArray(sec) || sec.length === 0) return [new Map()];
  return sec.map((req) => {
    const m: Alt = new Map();
    for (const [scheme, scopes] of Object.entries(obj(req))) {
      m.set(scheme, new Set(Array.isArray(scopes) ? scopes.map(String) : []));
    }
    return m;
  });
}

function altText(a: Alt): string {
  if (a.size === 0) return 'no authentication';
  return [...a].map(([s, sc]) => (sc.size ? `${s}[${[...sc].join(', ')}]` : s)).join(' + ');
}

export class OperationDiffer {
  constructor(
    private readonly base: RefResolver,
    private readonly head: RefResolver,
    private readonly schemas: SchemaDiffer,
  ) {}

  diff(b: OpRef, h: OpRef): RawFinding[] {
    const out: RawFinding[] = [];
    this.parameters(b, h, out);
    this.requestBody(b, h, out);
    this.responses(b, h, out);
    this.security(b, h, out);
    return out;
  }

  // ---------------------------------------------------------------- parameters

  private params(op: OpRef, r: RefResolver, out: RawFinding[] | null): Map<string, Param> {
    const byKey = new Map<string, Param>();
    const vars = pathVars(op.path);
    const addList = (list: unknown, owner: string): void => {
      if (!Array.isArray(list)) return;
      list.forEach((p, i) => {
        const site = join(owner, 'parameters', i);
        const d = r.deref({ node: p, ptr: site });
        if (d.dangling !== undefined) {
          out?.push({
            ruleId: 'ref-target-removed',
            pointer: site,
            side: 'head',
            message: `$ref ${d.dangling} points to nothing`,
          });
          return;
        }
        if (!isObject(d.node) || typeof d.node.name !== 'string' || typeof d.node.in !== 'string') return;
        const name = d.node.name;
        const where = d.node.in;
        let key = `${where}:${where === 'header' ? name.toLowerCase() : name}`;
        if (where === 'path' && vars.includes(name)) key = `path:#${vars.indexOf(name)}`;
        byKey.delete(key); // operation-level parameters override path-level ones
        byKey.set(key, {
          key,
          name,
          in: where,
          node: d.node,
          ptr: d.ptr,
          site,
          pos: 0,
          required: where === 'path' || d.node.required === true,
        });
      });
    };
    addList(op.pathItem.parameters, op.pathItemPtr);
    addList(op.node.parameters, op.ptr);
    const counters = new Map<string, number>();
    for (const p of byKey.values()) {
      const n = counters.get(p.in) ?? 0;
      p.pos = n;
      counters.set(p.in, n + 1);
    }
    return byKey;
  }

  private parameters(bo: OpRef, ho: OpRef, out: RawFinding[]): void {
    const bp = this.params(bo, this.base, null);
    const hp = this.params(ho, this.head, out);
    const unmatchedB: Param[] = [];
    for (const [key, b] of bp) {
      const h = hp.get(key);
      if (h) this.parameter(b, h, out);
      else unmatchedB.push(b);
    }
    const unmatchedH = [...hp.values()].filter((h) => !bp.has(h.key));
    const take = (pred: (h: Param) => boolean): Param | undefined => {
      const i = unmatchedH.findIndex(pred);
      return i < 0 ? undefined : unmatchedH.splice(i, 1)[0];
    };
    for (const b of unmatchedB) {
      const moved = take((h) => h.in !== b.in && h.name.toLowerCase() === b.name.toLowerCase());
      if (moved) {
        out.push({
          ruleId: 'parameter-location-changed',
          pointer: moved.site,
          side: 'head',
          message: `parameter ${b.name} moved from ${b.in} to ${moved.in}`,
        });
        continue;
      }
      const renamed = b.in === 'path' ? undefined : take((h) => h.in === b.in && h.pos === b.pos);
      if (renamed) {
        out.push({
          ruleId: 'parameter-renamed',
          pointer: renamed.site,
          side: 'head',
          message: `${b.in} parameter ${b.name} renamed to ${renamed.name}`,
        });
        continue;
      }
      out.push({
        ruleId: 'parameter-removed',
        pointer: b.site,
        side: 'base',
        message: `${b.in} parameter ${b.name} removed`,
      });
    }
    for (const h of unmatchedH) {
      if (h.required)
        out.push({
          ruleId: 'required-parameter-added',
          pointer: h.site,
          side: 'head',
          message: `new required ${h.in} parameter ${h.name}`,
        });
      else
        out.push({
          ruleId: 'optional-parameter-added',
          pointer: h.site,
          side: 'head',
          message: `new optional ${h.in} parameter ${h.name}`,
        });
    }
  }

  private parameter(b: Param, h: Param, out: RawFinding[]): void {
    const what = `${h.in} parameter ${h.name}`;
    if (b.in === 'path' && b.name !== h.name) {
      out.push({
        ruleId: 'path-parameter-renamed',
        pointer: h.site,
        side: 'head',
        message: `path parameter {${b.name}} renamed to {${h.name}}`,
      });
    }
    if (!b.required && h.required)
      out.push({
        ruleId: 'parameter-made-required',
        pointer: h.site,
        side: 'head',
        message: `${what} is now required`,
      });
    if (b.required && !h.required)
      out.push({
        ruleId: 'parameter-made-optional',
        pointer: h.site,
        side: 'head',
        message: `${what} is now optional`,
      });
    if (b.node.deprecated !== true && h.node.deprecated === true)
      out.push({ ruleId: 'parameter-deprecated', pointer: h.site, side: 'head', message: `${what} is deprecated` });
    const bs = style(b.node);
    const hs = style(h.node);
    if (bs.style !== hs.style || bs.explode !== hs.explode) {
      out.push({
        ruleId: 'parameter-serialization-changed',
        pointer: h.site,
        side: 'head',
        message: `${what}: serialization ${bs.style}${bs.explode ? '+explode' : ''} -> ${hs.style}${hs.explode ? '+explode' : ''}`,
      });
    }
    for (const f of this.schemas.compare(valueSchema(b.node, b.ptr), valueSchema(h.node, h.ptr), 'parameter')) {
      out.push({ ...f, message: `${what}: ${f.message.replace(/^\(body\): /, '')}` });
    }
  }

  // -------------------------------------------------------------- request body

  private requestBody(bo: OpRef, ho: OpRef, out: RawFinding[]): void {
    const bSite = join(bo.ptr, 'requestBody');
    const hSite = join(ho.ptr, 'requestBody');
    const b =
      bo.node.requestBody === undefined ? undefined : this.base.deref({ node: bo.node.requestBody, ptr: bSite });
    const h =
      ho.node.requestBody === undefined ? undefined : this.head.deref({ node: ho.node.requestBody, ptr: hSite });
    if (h?.dangling !== undefined) {
      out.push({
        ruleId: 'ref-target-removed',
        pointer: hSite,
        side: 'head',
        message: `$ref ${h.dangling} points to nothing`,
      });
      return;
    }
    if (!b || !isObject(b.node)) {
      if (h && isObject(h.node)) {
        if (h.node.required === true)
          out.push({
            ruleId: 'request-body-added-required',
            pointer: hSite,
            side: 'head',
            message: 'a required request body was added',
          });
        else
          out.push({
            ruleId: 'request-body-added',
            pointer: hSite,
            side: 'head',
            message: 'an optional request body was added',
          });
      }
      return;
    }
    if (!h || !isObject(h.node)) {
      out.push({
        ruleId: 'request-body-removed',
        pointer: bSite,
        side: 'base',
        message: 'the request body was removed',
      });
      return;
    }
    if (b.node.required !== true && h.node.required === true)
      out.push({
        ruleId: 'request-body-made-required',
        pointer: hSite,
        side: 'head',
        message: 'the request body is now required',
      });
    if (b.node.required === true && h.node.required !== true)
      out.push({
        ruleId: 'request-body-made-optional',
        pointer: hSite,
        side: 'head',
        message: 'the request body is now optional',
      });
    this.content(b, h, 'request', out);
  }

  /** Compare `content` maps of two request bodies or responses. */
  private content(b: Loc, h: Loc, dir: 'request' | 'response', out: RawFinding[], status = ''): void {
    const bc = obj(obj(b.node).content);
    const hc = obj(obj(h.node).content);
    const hKeys = new Map(Object.keys(hc).map((k) => [k.toLowerCase(), k]));
    const bKeys = new Set(Object.keys(bc).map((k) => k.toLowerCase()));
    const where = dir === 'request' ? 'request' : `response ${status}`;
    for (const mt of Object.keys(bc)) {
      const hk = hKeys.get(mt.toLowerCase());
      if (hk === undefined) {
        out.push({
          ruleId: dir === 'request' ? 'request-content-type-removed' : 'response-content-type-removed',
          pointer: join(b.ptr, 'content', mt),
          side: 'base',
          message: `${where} media type ${mt} removed`,
        });
        continue;
      }
      const bs = { node: obj(bc[mt]).schema, ptr: join(b.ptr, 'content', mt, 'schema') };
      const hs = { node: obj(hc[hk]).schema, ptr: join(h.ptr, 'content', hk, 'schema') };
      for (const f of this.schemas.compare(bs, hs, dir === 'request' ? 'request-body' : 'response')) {
        out.push(dir === 'response' && status ? { ...f, message: `${status}: ${f.message}` } : f);
      }
    }
    for (const mt of Object.keys(hc)) {
      if (bKeys.has(mt.toLowerCase())) continue;
      out.push({
        ruleId: dir === 'request' ? 'request-content-type-added' : 'response-content-type-added',
        pointer: join(h.ptr, 'content', mt),
        side: 'head',
        message: `${where} media type ${mt} added`,
      });
    }
  }

  // ----------------------------------------------------------------- responses

  private responses(bo: OpRef, ho: OpRef, out: RawFinding[]): void {
    const br = obj(bo.node.responses);
    const hr = obj(ho.node.responses);
    const hCodes = new Map(Object.keys(hr).map((c) => [c.toUpperCase(), c]));
    const bCodes = new Set(Object.keys(br).map((c) => c.toUpperCase()));
    for (const code of Object.keys(br)) {
      const hc = hCodes.get(code.toUpperCase());
      const bSite = join(bo.ptr, 'responses', code);
      if (hc === undefined) {
        out.push({
          ruleId: 'response-status-removed',
          pointer: bSite,
          side: 'base',
          message: `response ${code} removed`,
        });
        continue;
      }
      const hSite = join(ho.ptr, 'responses', hc);
      const b = this.base.deref({ node: br[code], ptr: bSite });
      const h = this.head.deref({ node: hr[hc], ptr: hSite });
      if (h.dangling !== undefined) {
        out.push({
          ruleId: 'ref-target-removed',
          pointer: hSite,
          side: 'head',
          message: `$ref ${h.dangling} points to nothing`,
        });
        continue;
      }
      this.content(b, h, 'response', out, hc);
      this.headers(b, h, hc, out);
    }
    for (const code of Object.keys(hr)) {
      if (!bCodes.has(code.toUpperCase())) {
        out.push({
          ruleId: 'response-status-added',
          pointer: join(ho.ptr, 'responses', code),
          side: 'head',
          message: `response ${code} added`,
        });
      }
    }
  }

  private headers(b: Loc, h: Loc, status: string, out: RawFinding[]): void {
    const bh = obj(obj(b.node).headers);
    const hh = obj(obj(h.node).headers);
    const hKeys = new Map(Object.keys(hh).map((k) => [k.toLowerCase(), k]));
    const bKeys = new Set(Object.keys(bh).map((k) => k.toLowerCase()));
    for (const name of Object.keys(bh)) {
      const hk = hKeys.get(name.toLowerCase());
      const bPtr = join(b.ptr, 'headers', name);
      if (hk === undefined) {
        out.push({
          ruleId: 'response-header-removed',
          pointer: bPtr,
          side: 'base',
          message: `response ${status} header ${name} removed`,
        });
        continue;
      }
      const bd = this.base.deref({ node: bh[name], ptr: bPtr });
      const hd = this.head.deref({ node: hh[hk], ptr: join(h.ptr, 'headers', hk) });
      for (const f of this.schemas.compare(
        valueSchema(obj(bd.node), bd.ptr),
        valueSchema(obj(hd.node), hd.ptr),
        'response',
      )) {
        out.push({ ...f, message: `${status} header ${hk}: ${f.message.replace(/^\(body\): /, '')}` });
      }
    }
    for (const name of Object.keys(hh)) {
      if (!bKeys.has(name.toLowerCase())) {
        out.push({
          ruleId: 'response-header-added',
          pointer: join(h.ptr, 'headers', name),
          side: 'head',
          message: `response ${status} header ${name} added`,
        });
      }
    }
  }

  // ------------------------------------------------------------------ security

  private security(bo: OpRef, ho: OpRef, out: RawFinding[]): void {
    const bSec = 'security' in bo.node ? bo.node.security : this.base.get('#/security');
    const hasOwn = 'security' in ho.node;
    const hSec = hasOwn ? ho.node.security : this.head.get('#/security');
    const ptr = hasOwn ? join(ho.ptr, 'security') : '#/security';
    const bAlts = alternatives(bSec);
    const hAlts = alternatives(hSec);
    const within = (h: Alt, b: Alt): boolean =>
      [...h].every(([s, scopes]) => b.has(s) && [...scopes].every((x) => b.get(s)!.has(x)));
    for (const b of bAlts) {
      if (hAlts.some((h) => within(h, b))) continue;
      const sameSchemes = hAlts.find((h) => h.size === b.size && [...h.keys()].every((s) => b.has(s)));
      if (sameSchemes && b.size > 0) {
        const extra = [...sameSchemes].flatMap(([s, sc]) =>
          [...sc].filter((x) => !b.get(s)!.has(x)).map((x) => `${s}:${x}`),
        );
        out.push({
          ruleId: 'security-scope-added',
          pointer: ptr,
          side: 'head',
          message: `now requires scope ${extra.join(', ')} (was ${altText(b)})`,
        });
      } else if (b.size === 0 || hAlts.some((h) => [...b.keys()].every((s) => h.has(s)))) {
        out.push({
          ruleId: 'security-requirement-added',
          pointer: ptr,
          side: 'head',
          message: `callers using ${altText(b)} now need ${hAlts.map(altText).join(' or ')}`,
        });
      } else {
        out.push({
          ruleId: 'security-requirement-removed',
          pointer: ptr,
          side: 'head',
          message: `${altText(b)} is no longer accepted (now ${hAlts.map(altText).join(' or ')})`,
        });
      }
    }
  }
}
