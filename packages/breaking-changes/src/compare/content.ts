// Request bodies and the `content` maps of bodies and responses: media types matched without case,
// their schemas handed to the schema comparer in the right direction.

import type { OperationEntry } from '@billing-api/openapi-model';
import { isObject } from '../model.js';
import type { SchemaKind } from '../schema/context.js';
import { child } from '../schema/pointers.js';
import type { Comparison, OpFinding } from './context.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (isObject(v) ? v : {});

export interface Located {
  node: Obj;
  ptr: string;
}

/** Compare the `content` maps of two request bodies or responses. */
export function compareContent(
  cmp: Comparison,
  b: Located,
  h: Located,
  kind: SchemaKind,
  out: OpFinding[],
  where: string,
): void {
  const bc = obj(b.node.content);
  const hc = obj(h.node.content);
  const hKeys = new Map(Object.keys(hc).map((k) => [k.toLowerCase(), k]));
  const bKeys = new Set(Object.keys(bc).map((k) => k.toLowerCase()));
  const req = kind !== 'response';
  for (const mt of Object.keys(bc)) {
    const hk = hKeys.get(mt.toLowerCase());
    if (hk === undefined) {
      out.push({
        ruleId: req ? 'request-content-type-removed' : 'response-content-type-removed',
        pointer: child(b.ptr, 'content', mt),
        side: 'base',
        message: `${where} media type ${mt} removed`,
        at: 'content' in h.node ? child(h.ptr, 'content') : h.ptr,
      });
      continue;
    }
    const bs = { node: obj(bc[mt]).schema, ptr: child(b.ptr, 'content', mt, 'schema') };
    const hs = { node: obj(hc[hk]).schema, ptr: child(h.ptr, 'content', hk, 'schema') };
    if (bs.node === undefined && hs.node === undefined) continue;
    out.push(...cmp.schemas.compare(bs, hs, kind));
  }
  for (const mt of Object.keys(hc)) {
    if (bKeys.has(mt.toLowerCase())) continue;
    out.push({
      ruleId: req ? 'request-content-type-added' : 'response-content-type-added',
      pointer: child(h.ptr, 'content', mt),
      side: 'head',
      message: `${where} media type ${mt} added`,
    });
  }
}

/** The request body of an operation pair (for a webhook, `kind` is `response`: the receiver gets it). */
export function compareRequestBody(
  cmp: Comparison,
  bo: OperationEntry,
  ho: OperationEntry,
  out: OpFinding[],
  kind: SchemaKind = 'request-body',
): void {
  const b = bo.requestBody;
  const h = ho.requestBody;
  const req = kind !== 'response';
  const hSite = child(ho.pointer, 'requestBody');
  if (!b && !h) return;
  if (!b) {
    const required = h!.body.required === true;
    if (req || required)
      out.push(
        required && req
          ? {
              ruleId: 'request-body-added-required',
              pointer: hSite,
              side: 'head',
              message: 'a required request body was added',
            }
          : { ruleId: 'request-body-added', pointer: hSite, side: 'head', message: 'a request body was added' },
      );
    return;
  }
  if (!h) {
    out.push({
      ruleId: req ? 'request-body-removed' : 'response-property-removed',
      pointer: child(bo.pointer, 'requestBody'),
      side: 'base',
      message: req ? 'the request body was removed' : 'the webhook payload was removed',
      at: ho.pointer,
    });
    return;
  }
  const bReq = b.body.required === true;
  const hReq = h.body.required === true;
  const reqAt = 'required' in h.body ? child(h.pointer, 'required') : h.pointer;
  if (req && !bReq && hReq)
    out.push({
      ruleId: 'request-body-made-required',
      pointer: reqAt,
      side: 'head',
      message: 'the request body is now required',
    });
  if (req && bReq && !hReq)
    out.push({
      ruleId: 'request-body-made-optional',
      pointer: reqAt,
      side: 'head',
      message: 'the request body is now optional',
    });
  if (!req && bReq && !hReq)
    out.push({
      ruleId: 'response-property-made-optional',
      pointer: reqAt,
      side: 'head',
      message: 'the webhook payload is now optional',
    });
  compareContent(
    cmp,
    { node: b.body as unknown as Obj, ptr: b.pointer },
    { node: h.body as unknown as Obj, ptr: h.pointer },
    kind,
    out,
    req ? 'request' : 'webhook payload',
  );
}
