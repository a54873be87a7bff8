// Responses of one operation pair. A status the head no longer lists explicitly is still documented
// when a range (`4XX`) or `default` covers it, and then its body is compared against that one: an
// explicit 404 folded into `4XX` with the same body is not a change. Removing a success status breaks
// clients; removing an error status means the server stops sending it. Response headers: a required
// one removed or made optional breaks clients that read it.

import type { OperationEntry, OperationResponse } from '@billing-api/openapi-model';
import { isObject } from '../model.js';
import type { SchemaKind } from '../schema/context.js';
import { child } from '../schema/pointers.js';
import { compareContent } from './content.js';
import { type Comparison, type OpFinding, resolveAt, withStatus } from './context.js';
import { valueSchema } from './parameters.js';

type Obj = Record<string, unknown>;

function covering(list: OperationResponse[], status: string): OperationResponse | undefined {
  const up = status.toUpperCase();
  const exact = list.find((r) => r.status.toUpperCase() === up);
  if (exact) return exact;
  if (/^\d{3}$/.test(up)) {
    const range = list.find((r) => r.status.toUpperCase() === `${up[0]}XX`);
    if (range) return range;
  }
  return list.find((r) => r.status === 'default');
}

const isSuccess = (status: string): boolean => /^2/.test(status);

export function compareResponses(
  cmp: Comparison,
  bo: OperationEntry,
  ho: OperationEntry,
  out: OpFinding[],
  reversed = false,
): void {
  const kind: SchemaKind = reversed ? 'request-body' : 'response';
  const responsesAt = child(ho.pointer, 'responses');
  for (const b of bo.responses) {
    const h = covering(ho.responses, b.status);
    const bSite = child(bo.pointer, 'responses', b.status);
    if (!h) {
      if (reversed) continue;
      out.push({
        ruleId: isSuccess(b.status) ? 'response-status-removed' : 'response-error-status-removed',
        pointer: bSite,
        side: 'base',
        message: `response ${b.status} removed`,
        at: responsesAt,
      });
      continue;
    }
    const found: OpFinding[] = [];
    compareContent(
      cmp,
      { node: b.response as unknown as Obj, ptr: b.pointer },
      { node: h.response as unknown as Obj, ptr: h.pointer },
      kind,
      found,
      `response ${b.status}`,
    );
    if (!reversed) compareHeaders(cmp, b, h, found);
    out.push(...withStatus(found, b.status === h.status ? h.status : `${b.status} (now ${h.status})`));
  }
  for (const h of ho.responses) {
    if (bo.responses.some((b) => b.status.toUpperCase() === h.status.toUpperCase())) continue;
    const covered = covering(bo.responses, h.status);
    if (covered) {
      // The client handled this status with the range's (or default's) schema: compare with that.
      const found: OpFinding[] = [];
      compareContent(
        cmp,
        { node: covered.response as unknown as Obj, ptr: covered.pointer },
        { node: h.response as unknown as Obj, ptr: h.pointer },
        kind,
        found,
        `response ${h.status}`,
      );
      if (!reversed) compareHeaders(cmp, covered, h, found);
      out.push(...withStatus(found, `${h.status} (was ${covered.status})`));
      continue;
    }
    if (reversed) continue;
    // A range that takes over explicit statuses the head no longer lists is a rewrite, not an addition.
    const range = /^\dXX$/i.test(h.status) ? h.status[0] : undefined;
    if (range && bo.responses.some((b) => b.status[0] === range && !ho.responses.some((x) => x.status === b.status)))
      continue;
    out.push({
      ruleId: isSuccess(h.status) ? 'response-success-status-added' : 'response-status-added',
      pointer: child(ho.pointer, 'responses', h.status),
      side: 'head',
      message: `response ${h.status} added`,
    });
  }
}

function headersOf(r: OperationResponse): Obj {
  const headers = (r.response as unknown as Obj).headers;
  return isObject(headers) ? headers : {};
}

function compareHeaders(cmp: Comparison, b: OperationResponse, h: OperationResponse, out: OpFinding[]): void {
  const bh = headersOf(b);
  const hh = headersOf(h);
  const hKeys = new Map(Object.keys(hh).map((k) => [k.toLowerCase(), k]));
  const bKeys = new Set(Object.keys(bh).map((k) => k.toLowerCase()));
  const resolve = (doc: unknown, node: unknown, ptr: string): { node: Obj; ptr: string } => {
    const r = resolveAt(doc, node, ptr);
    return { node: isObject(r.node) ? r.node : {}, ptr: r.ptr };
  };
  for (const name of Object.keys(bh)) {
    if (name.toLowerCase() === 'content-type') continue;
    const hk = hKeys.get(name.toLowerCase());
    const bd = resolve(cmp.base, bh[name], child(b.pointer, 'headers', name));
    if (hk === undefined) {
      out.push({
        ruleId: bd.node.required === true ? 'response-header-removed' : 'response-optional-header-removed',
        pointer: bd.ptr,
        side: 'base',
        message: `response header ${name} removed`,
        at: Object.keys(hh).length ? child(h.pointer, 'headers') : h.pointer,
      });
      continue;
    }
    const hd = resolve(cmp.head, hh[hk], child(h.pointer, 'headers', hk));
    if (bd.node.required === true && hd.node.required !== true)
      out.push({
        ruleId: 'response-header-made-optional',
        pointer: 'required' in hd.node ? child(hd.ptr, 'required') : hd.ptr,
        side: 'head',
        message: `response header ${hk} is no longer always sent`,
      });
    for (const f of cmp.schemas.compare(valueSchema(bd.node, bd.ptr), valueSchema(hd.node, hd.ptr), 'response'))
      out.push({ ...f, message: `header ${hk}: ${f.message.replace(/^\(body\): /, '')}` });
  }
  for (const name of Object.keys(hh)) {
    if (bKeys.has(name.toLowerCase()) || name.toLowerCase() === 'content-type') continue;
    out.push({
      ruleId: 'response-header-added',
      pointer: child(h.pointer, 'headers', name),
      side: 'head',
      message: `response header ${name} added`,
    });
  }
}
