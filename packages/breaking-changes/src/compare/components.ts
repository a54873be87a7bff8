// Components that disappeared or were renamed. A base component missing from the head and a head
// component new in it, with the same content once refs to other renamed components are followed,
// are one component renamed: wire-safe (names are not on the wire), but the generated type names
// change. Security schemes renamed with every requirement are wire- and types-safe.

import { parsePointer } from '@billing-api/openapi-model';
import { isObject } from '../model.js';
import type { RawFinding } from '../schema/context.js';
import { child } from '../schema/pointers.js';
import { isAnnotation } from '../schema/shape.js';

/** Sections whose entries become named types in generated code (openapi-typescript). */
const TYPED_SECTIONS = ['schemas', 'parameters', 'responses', 'requestBodies', 'headers', 'pathItems'];
const SECTIONS = [...TYPED_SECTIONS, 'securitySchemes', 'links', 'callbacks', 'examples'];

type Obj = Record<string, unknown>;

function canonical(node: unknown, renames: ReadonlyMap<string, string>): string {
  if (Array.isArray(node)) return `[${node.map((n) => canonical(n, renames)).join(',')}]`;
  if (!isObject(node)) return JSON.stringify(node) ?? 'undefined';
  const keys = Object.keys(node)
    .filter((k) => !isAnnotation(k))
    .sort();
  return `{${keys
    .map((k) => {
      const v = node[k];
      if (k === '$ref' && typeof v === 'string')
        return `"$ref":${JSON.stringify(renames.get(v.replace(/^#/, '')) ?? v.replace(/^#/, ''))}`;
      return `${JSON.stringify(k)}:${canonical(v, renames)}`;
    })
    .join(',')}}`;
}

export interface ComponentChanges {
  /** Base pointer -> head pointer. */
  renames: Map<string, string>;
  /** Base security scheme name -> head name. */
  schemeRenames: Map<string, string>;
  findings: RawFinding[];
}

export function compareComponents(base: Obj, head: Obj): ComponentChanges {
  const bc: Obj = isObject(base.components) ? base.components : {};
  const hc: Obj = isObject(head.components) ? head.components : {};
  const renames = new Map<string, string>();
  const gone: Array<[string, string]> = [];
  const fresh: Array<[string, string]> = [];
  for (const section of SECTIONS) {
    const bs: Obj = isObject(bc[section]) ? bc[section] : {};
    const hs: Obj = isObject(hc[section]) ? hc[section] : {};
    for (const name of Object.keys(bs)) if (!(name in hs)) gone.push([section, name]);
    for (const name of Object.keys(hs)) if (!(name in bs)) fresh.push([section, name]);
  }
  const ptr = (section: string, name: string): string => child('/components', section, name);
  const node = (c: Obj, section: string, name: string): unknown => (c[section] as Obj)[name];
  // Two passes: the second sees refs between renamed components already mapped.
  for (let pass = 0; pass < 2; pass++) {
    const byContent = new Map<string, string[]>();
    for (const [section, name] of fresh) {
      const key = `${section}|${canonical(node(hc, section, name), new Map())}`;
      byContent.set(key, [...(byContent.get(key) ?? []), ptr(section, name)]);
    }
    for (const [section, name] of gone) {
      const from = ptr(section, name);
      if (renames.has(from)) continue;
      const key = `${section}|${canonical(node(bc, section, name), renames)}`;
      const candidates = (byContent.get(key) ?? []).filter((p) => ![...renames.values()].includes(p));
      if (candidates.length === 1) renames.set(from, candidates[0]!);
    }
  }
  const findings: RawFinding[] = [];
  const schemeRenames = new Map<string, string>();
  for (const [section, name] of gone) {
    const from = ptr(section, name);
    const to = renames.get(from);
    if (to) {
      const toName = parsePointer(to).at(-1)!;
      if (section === 'securitySchemes') {
        schemeRenames.set(name, toName);
        findings.push({
          ruleId: 'security-scheme-renamed',
          pointer: to,
          side: 'head',
          message: `security scheme ${name} renamed to ${toName}`,
        });
      } else if (TYPED_SECTIONS.includes(section)) {
        findings.push({
          ruleId: 'component-renamed',
          pointer: to,
          side: 'head',
          message: `component ${section}/${name} renamed to ${toName} (generated type names change)`,
        });
      }
    } else if (TYPED_SECTIONS.includes(section)) {
      findings.push({
        ruleId: 'component-removed',
        pointer: from,
        side: 'base',
        message: `component ${section}/${name} removed`,
      });
    }
  }
  return { renames, schemeRenames, findings };
}
