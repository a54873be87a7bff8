// Security: each base requirement alternative a caller may have used must still be satisfiable
// with the credentials it names (renamed schemes followed), and the schemes themselves must still
// be called the same way (type, HTTP scheme, key location and name, OpenID URL, OAuth flows).

import type { OperationEntry } from '@billing-api/openapi-model';
import { isObject } from '../model.js';
import type { RawFinding } from '../schema/context.js';
import { child } from '../schema/pointers.js';
import { type Comparison, type OpFinding, resolveAt } from './context.js';

type Alt = Map<string, Set<string>>;

function alternatives(sec: unknown, rename: ReadonlyMap<string, string> = new Map()): Alt[] {
  if (!Array.isArray(sec) || sec.length === 0) return [new Map()];
  return sec.map((req) => {
    const m: Alt = new Map();
    for (const [scheme, scopes] of Object.entries(isObject(req) ? req : {}))
      m.set(rename.get(scheme) ?? scheme, new Set(Array.isArray(scopes) ? scopes.map(String) : []));
    return m;
  });
}

function altText(a: Alt): string {
  if (a.size === 0) return 'no authentication';
  return [...a].map(([s, sc]) => (sc.size ? `${s}[${[...sc].join(', ')}]` : s)).join(' + ');
}

export function compareSecurity(cmp: Comparison, bo: OperationEntry, ho: OperationEntry, out: OpFinding[]): void {
  const hasOwn = 'security' in ho.operation;
  const ptr = hasOwn ? child(ho.pointer, 'security') : '/security';
  const bAlts = alternatives(bo.security, cmp.schemeRenames);
  const hAlts = alternatives(ho.security);
  const within = (h: Alt, b: Alt): boolean =>
    [...h].every(([s, scopes]) => b.has(s) && [...scopes].every((x) => b.get(s)!.has(x)));
  for (const b of bAlts) {
    if (hAlts.some((h) => within(h, b))) continue;
    const same = hAlts.find((h) => h.size === b.size && [...h.keys()].every((s) => b.has(s)));
    if (same && b.size > 0) {
      const extra = [...same].flatMap(([s, sc]) => [...sc].filter((x) => !b.get(s)!.has(x)).map((x) => `${s}:${x}`));
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

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (isObject(v) ? v : {});

/** What a client must do differently to authenticate with a scheme of the same name. */
function schemeDifferences(b: Obj, h: Obj): Array<[string, string]> {
  const diffs: Array<[string, string]> = [];
  const text = (v: unknown): string => (v === undefined ? 'none' : String(v));
  const field = (k: string, fold = false): void => {
    const x = fold ? text(b[k]).toLowerCase() : text(b[k]);
    const y = fold ? text(h[k]).toLowerCase() : text(h[k]);
    if (x !== y) diffs.push([k, `${k} ${text(b[k])} -> ${text(h[k])}`]);
  };
  field('type');
  field('scheme', true);
  field('in');
  field('name', b.in === 'header');
  field('openIdConnectUrl');
  const bf = obj(b.flows);
  const hf = obj(h.flows);
  for (const flow of Object.keys(bf)) {
    if (!(flow in hf)) {
      diffs.push(['flows', `OAuth flow ${flow} removed`]);
      continue;
    }
    for (const url of ['authorizationUrl', 'tokenUrl', 'refreshUrl']) {
      const x = obj(bf[flow])[url];
      const y = obj(hf[flow])[url];
      if (x !== y) diffs.push([`flows/${flow}/${url}`, `${flow}.${url} ${text(x)} -> ${text(y)}`]);
    }
    const removed = Object.keys(obj(obj(bf[flow]).scopes)).filter((s) => !(s in obj(obj(hf[flow]).scopes)));
    if (removed.length) diffs.push([`flows/${flow}/scopes`, `${flow} scopes ${removed.join(', ')} removed`]);
  }
  return diffs;
}

export function compareSecuritySchemes(cmp: Comparison): RawFinding[] {
  const out: RawFinding[] = [];
  const bs = obj(cmp.base.components?.securitySchemes);
  const hs = obj(cmp.head.components?.securitySchemes);
  for (const name of Object.keys(bs)) {
    const headName = cmp.schemeRenames.get(name) ?? name;
    if (!(headName in hs)) continue;
    const b = obj(resolveAt(cmp.base, bs[name], child('/components/securitySchemes', name)).node);
    const h = obj(resolveAt(cmp.head, hs[headName], child('/components/securitySchemes', headName)).node);
    for (const [key, what] of schemeDifferences(b, h)) {
      const at = child('/components/securitySchemes', headName, ...key.split('/'));
      out.push({
        ruleId: 'security-scheme-changed',
        pointer: at,
        side: 'head',
        message: `security scheme ${headName}: ${what}`,
      });
    }
  }
  return out;
}
