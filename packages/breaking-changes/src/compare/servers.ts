// Where the API lives: the server URLs a client may have been configured with, per operation (an
// operation's own `servers`, else its path item's, else the document's), with server variables
// expanded (enum values, else the default). A URL that disappears breaks the clients that use it;
// descriptions and the order of the list do not matter. A trailing slash is not a different server.

import type { OperationEntry } from '@billing-api/openapi-model';
import { isObject } from '../model.js';
import type { RawFinding } from '../schema/context.js';
import { child } from '../schema/pointers.js';

const MAX_URLS = 64;

type Obj = Record<string, unknown>;

export function serverUrls(servers: unknown): Map<string, number> {
  const out = new Map<string, number>();
  if (!Array.isArray(servers)) return out;
  servers.forEach((s, i) => {
    if (!isObject(s) || typeof s.url !== 'string') return;
    let urls = [s.url];
    const vars: Obj = isObject(s.variables) ? s.variables : {};
    for (const [name, v] of Object.entries(vars)) {
      const def = isObject(v) ? v : {};
      const values = Array.isArray(def.enum)
        ? def.enum.map(String)
        : def.default !== undefined
          ? [String(def.default)]
          : [];
      if (!values.length) continue;
      urls = urls.flatMap((u) => values.map((x) => u.split(`{${name}}`).join(x))).slice(0, MAX_URLS);
    }
    for (const u of urls) {
      const key = u.replace(/\/+$/, '');
      if (!out.has(key)) out.set(key, i);
    }
  });
  return out;
}

/** Compare two server lists; `at` is the head list's pointer, `basePtr` the base list's. */
export function compareServerLists(b: unknown, h: unknown, basePtr: string, headPtr: string): RawFinding[] {
  const bu = serverUrls(b);
  const hu = serverUrls(h);
  const out: RawFinding[] = [];
  for (const [url, i] of bu) {
    if (hu.has(url)) continue;
    out.push({
      ruleId: 'server-removed',
      pointer: child(basePtr, i),
      side: 'base',
      message: `server ${url} removed`,
      at: headPtr,
    });
  }
  for (const [url, i] of hu) {
    if (!bu.has(url))
      out.push({ ruleId: 'server-added', pointer: child(headPtr, i), side: 'head', message: `server ${url} added` });
  }
  return out;
}

interface Effective {
  servers: unknown;
  ptr: string;
  own: boolean;
}

function effective(doc: { servers?: unknown }, e: OperationEntry): Effective {
  const itemPtr = e.pointer.slice(0, e.pointer.lastIndexOf('/'));
  if (Array.isArray(e.operation.servers) && e.operation.servers.length)
    return { servers: e.operation.servers, ptr: child(e.pointer, 'servers'), own: true };
  if (Array.isArray(e.pathItem.servers) && e.pathItem.servers.length)
    return { servers: e.pathItem.servers, ptr: child(itemPtr, 'servers'), own: true };
  const root = Array.isArray(doc.servers) && doc.servers.length ? doc.servers : [{ url: '/' }];
  return { servers: root, ptr: '/servers', own: false };
}

/** Servers of one operation pair, when either side has its own (root changes are reported once). */
export function compareOperationServers(
  base: { servers?: unknown },
  head: { servers?: unknown },
  bo: OperationEntry,
  ho: OperationEntry,
): RawFinding[] {
  const b = effective(base, bo);
  const h = effective(head, ho);
  if (!b.own && !h.own) return [];
  return compareServerLists(b.servers, h.servers, b.ptr, h.ptr);
}
