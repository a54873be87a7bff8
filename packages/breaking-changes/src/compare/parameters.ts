// Parameters of one matched operation pair: matched by location and name (header names without
// case, path parameters by their position in the template), then moved, renamed, added or removed.
// Findings about a parameter's own keywords point into the parameter object itself, which is the
// shared component file when the operation lists it by `$ref`; only additions and removals point
// at the operation's `parameters` list, where that edit happens.

import { type OperationEntry, pathTemplateParameters, resolveRef } from '@billing-api/openapi-model';
import { isObject } from '../model.js';
import { child } from '../schema/pointers.js';
import type { Loc } from '../schema/shape.js';
import type { Comparison, OpFinding } from './context.js';
import { serializationDiff, serializationOf } from './serialization.js';

interface Param {
  key: string;
  name: string;
  in: string;
  node: Record<string, unknown>;
  /** Where the parameter object is written (after `$ref`). */
  ptr: string;
  /** Where the operation or path item lists it. */
  site: string;
  pos: number;
  required: boolean;
}

function sitesOf(doc: unknown, e: OperationEntry): Map<string, string> {
  const sites = new Map<string, string>();
  const itemPtr = e.pointer.slice(0, e.pointer.lastIndexOf('/'));
  const lists: Array<[unknown, string]> = [
    [e.pathItem.parameters, child(itemPtr, 'parameters')],
    [e.operation.parameters, child(e.pointer, 'parameters')],
  ];
  for (const [list, at] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((raw, i) => {
      try {
        sites.set(resolveRef(doc, raw, child(at, i)).pointer, child(at, i));
      } catch {
        /* a dangling ref is reported by the bundler */
      }
    });
  }
  return sites;
}

function paramsOf(doc: unknown, e: OperationEntry, template: string): Map<string, Param> {
  const sites = sitesOf(doc, e);
  const vars = pathTemplateParameters(template);
  const out = new Map<string, Param>();
  for (const { parameter, pointer } of e.parameters) {
    const node = parameter as unknown as Record<string, unknown>;
    if (typeof node.name !== 'string' || typeof node.in !== 'string') continue;
    const name = node.name;
    let key = `${node.in}:${node.in === 'header' ? name.toLowerCase() : name}`;
    if (node.in === 'path' && vars.includes(name)) key = `path:#${vars.indexOf(name)}`;
    out.set(key, {
      key,
      name,
      in: node.in,
      node,
      ptr: pointer,
      site: sites.get(pointer) ?? pointer,
      pos: 0,
      required: node.in === 'path' || node.required === true,
    });
  }
  const counters = new Map<string, number>();
  for (const p of out.values()) {
    const n = counters.get(p.in) ?? 0;
    p.pos = n;
    counters.set(p.in, n + 1);
  }
  return out;
}

/** The schema of a parameter or header: `schema`, or the schema of its single `content` entry. */
export function valueSchema(node: Record<string, unknown>, ptr: string): Loc {
  if ('schema' in node) return { node: node.schema, ptr: child(ptr, 'schema') };
  const content = isObject(node.content) ? node.content : {};
  const mt = Object.keys(content)[0];
  if (mt !== undefined) {
    const media = content[mt];
    return { node: isObject(media) ? media.schema : undefined, ptr: child(ptr, 'content', mt, 'schema') };
  }
  return { node: undefined, ptr: child(ptr, 'schema') };
}

export function compareParameters(
  cmp: Comparison,
  b: OperationEntry,
  h: OperationEntry,
  out: OpFinding[],
  reversed = false,
): void {
  const bp = paramsOf(cmp.base, b, b.path);
  const hp = paramsOf(cmp.head, h, h.path);
  const unmatchedB: Param[] = [];
  for (const [key, p] of bp) {
    const q = hp.get(key);
    if (q) compareParameter(cmp, p, q, out, reversed);
    else unmatchedB.push(p);
  }
  const unmatchedH = [...hp.values()].filter((q) => !bp.has(q.key));
  const take = (pred: (q: Param) => boolean): Param | undefined => {
    const i = unmatchedH.findIndex(pred);
    return i < 0 ? undefined : unmatchedH.splice(i, 1)[0];
  };
  for (const p of unmatchedB) {
    const moved = take((q) => q.in !== p.in && q.name.toLowerCase() === p.name.toLowerCase());
    if (moved) {
      out.push({
        ruleId: 'parameter-location-changed',
        pointer: child(moved.ptr, 'in'),
        side: 'head',
        message: `parameter ${p.name} moved from ${p.in} to ${moved.in}`,
      });
      continue;
    }
    const renamed = p.in === 'path' ? undefined : take((q) => q.in === p.in && q.pos === p.pos);
    if (renamed) {
      out.push({
        ruleId: 'parameter-renamed',
        pointer: child(renamed.ptr, 'name'),
        side: 'head',
        message: `${p.in} parameter ${p.name} renamed to ${renamed.name}`,
      });
      continue;
    }
    const at = Array.isArray(h.operation.parameters) ? child(h.pointer, 'parameters') : h.pointer;
    out.push({
      ruleId: 'parameter-removed',
      pointer: p.site,
      side: 'base',
      message: `${p.in} parameter ${p.name} removed`,
      at,
    });
  }
  for (const q of unmatchedH) {
    out.push(
      q.required
        ? {
            ruleId: 'required-parameter-added',
            pointer: q.site,
            side: 'head',
            message: `new required ${q.in} parameter ${q.name}`,
          }
        : {
            ruleId: 'optional-parameter-added',
            pointer: q.site,
            side: 'head',
            message: `new optional ${q.in} parameter ${q.name}`,
          },
    );
  }
}

function compareParameter(cmp: Comparison, b: Param, h: Param, out: OpFinding[], reversed: boolean): void {
  const what = `${h.in} parameter ${h.name}`;
  const at = (k: string): string => (k in h.node ? child(h.ptr, k) : h.ptr);
  if (b.in === 'path' && b.name !== h.name)
    out.push({
      ruleId: 'path-parameter-renamed',
      pointer: child(h.ptr, 'name'),
      side: 'head',
      message: `path parameter {${b.name}} renamed to {${h.name}}`,
    });
  if (!b.required && h.required)
    out.push({
      ruleId: 'parameter-made-required',
      pointer: at('required'),
      side: 'head',
      message: `${what} is now required`,
    });
  if (b.required && !h.required)
    out.push({
      ruleId: 'parameter-made-optional',
      pointer: at('required'),
      side: 'head',
      message: `${what} is now optional`,
    });
  if (b.node.deprecated !== true && h.node.deprecated === true)
    out.push({
      ruleId: 'parameter-deprecated',
      pointer: at('deprecated'),
      side: 'head',
      message: `${what} is deprecated`,
    });
  const bSchema = valueSchema(b.node, b.ptr);
  const hSchema = valueSchema(h.node, h.ptr);
  const bShape = cmp.schemas.shapeOf('base', [bSchema]);
  const changed = serializationDiff(serializationOf(b.node), serializationOf(h.node), h.name, bShape.types);
  if (changed.length) {
    const key = ['content', 'style', 'explode', 'allowReserved'].find(
      (k) => JSON.stringify(b.node[k]) !== JSON.stringify(h.node[k]),
    );
    out.push({
      ruleId: 'parameter-serialization-changed',
      pointer: key ? at(key) : h.ptr,
      side: 'head',
      message: `${what}: ${changed.join(', ')} values are written differently on the wire now`,
    });
  }
  const kind = reversed ? 'response' : 'parameter';
  for (const f of cmp.schemas.compare(bSchema, hSchema, kind))
    out.push({ ...f, message: `${what}: ${f.message.replace(/^\(body\): /, '')}` });
}
