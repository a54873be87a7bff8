// Entry point of the rule engine: diffSpecs(base, head) on two BUNDLED OpenAPI
// documents. Matches operations (by method + path template, then by
// operationId to detect moves), hands each pair to OperationDiffer, and checks
// components that disappeared. We wrote our own because the existing tools
// either are binaries we cannot install, are archived, or know a handful of
// rules without direction or source locations.

import { OperationDiffer, type OpRef } from './operation-diff.js';
import { join } from './pointer.js';
import { collectRefs, RefResolver } from './refs.js';
import { severityOf } from './rules.js';
import { type RawFinding, SchemaDiffer } from './schema-diff.js';
import { type Finding, isObject, type OpenAPIDoc } from './types.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Component sections whose removal breaks generated code / references. `examples` is documentation. */
const COMPONENT_SECTIONS = [
  'schemas',
  'parameters',
  'responses',
  'requestBodies',
  'headers',
  'securitySchemes',
  'links',
  'callbacks',
  'pathItems',
];

export const COMPONENTS_OPERATION = '(components)';

function normPath(p: string): string {
  return p.replace(/\{[^}]+\}/g, '{}').replace(/(.)\/+$/, '$1');
}

function hidden(node: Record<string, unknown>): boolean {
  return node['x-draft'] === true || node['x-internal'] === true;
}

function collectOps(doc: OpenAPIDoc, r: RefResolver): OpRef[] {
  const ops: OpRef[] = [];
  const paths = isObject(doc.paths) ? doc.paths : {};
  for (const [path, raw] of Object.entries(paths)) {
    const site = join('#/paths', path);
    const d = r.deref({ node: raw, ptr: site });
    if (!isObject(d.node)) continue;
    const pathItem = d.node;
    for (const method of METHODS) {
      const node = pathItem[method];
      if (!isObject(node)) continue;
      ops.push({
        method,
        path,
        key: `${method.toUpperCase()} ${normPath(path)}`,
        operationId: typeof node.operationId === 'string' ? node.operationId : undefined,
        node,
        ptr: join(d.ptr, method),
        pathItem,
        pathItemPtr: d.ptr,
      });
    }
  }
  return ops;
}

function isHidden(op: OpRef): boolean {
  return hidden(op.node) || hidden(op.pathItem);
}

export function operationLabel(op: { method: string; path: string; operationId?: string | undefined }): string {
  return `${op.method.toUpperCase()} ${op.path}${op.operationId ? ` (${op.operationId})` : ''}`;
}

/**
 * All differences between two bundled documents, as findings with severities.
 * Operations marked `x-draft: true` or `x-internal: true` in base are skipped.
 */
export function diffSpecs(base: OpenAPIDoc, head: OpenAPIDoc): Finding[] {
  const br = new RefResolver(base);
  const hr = new RefResolver(head);
  const schemas = new SchemaDiffer(br, hr);
  const ops = new OperationDiffer(br, hr, schemas);
  const findings: Finding[] = [];

  /** One finding per (rule, pointer, side) and operation; a shared component reached through several statuses names them all. */
  const emit = (operation: string, raws: RawFinding[]): void => {
    const byKey = new Map<string, { f: RawFinding; prefixes: string[]; rest: string }>();
    for (const f of raws) {
      const k = `${f.ruleId}|${f.pointer}|${f.side}`;
      const m = /^((?:\d{3}|\dXX|default)(?:, (?:\d{3}|\dXX|default))*): (.*)$/s.exec(f.message);
      const prefix = m?.[1];
      const rest = m?.[2] ?? f.message;
      const seen = byKey.get(k);
      if (!seen) byKey.set(k, { f, prefixes: prefix ? [prefix] : [], rest });
      else if (prefix && !seen.prefixes.includes(prefix)) seen.prefixes.push(prefix);
    }
    for (const { f, prefixes, rest } of byKey.values()) {
      const message = prefixes.length ? `${prefixes.join(', ')}: ${rest}` : f.message;
      findings.push({
        ruleId: f.ruleId,
        severity: severityOf(f.ruleId),
        operation,
        pointer: f.pointer,
        side: f.side,
        message,
      });
    }
  };

  const baseOps = collectOps(base, br);
  const headOps = collectOps(head, hr);
  const headByKey = new Map(headOps.map((o) => [o.key, o]));
  const skippedHeadKeys = new Set<string>();
  const matchedHead = new Set<OpRef>();
  const pairs: Array<[OpRef, OpRef]> = [];
  const unmatchedBase: OpRef[] = [];

  for (const b of baseOps) {
    if (isHidden(b)) {
      skippedHeadKeys.add(b.key);
      continue;
    }
    const h = headByKey.get(b.key);
    if (h) {
      pairs.push([b, h]);
      matchedHead.add(h);
    } else {
      unmatchedBase.push(b);
    }
  }
  const baseKeys = new Set(baseOps.map((o) => o.key));
  for (const b of unmatchedBase) {
    const moved = b.operationId
      ? headOps.find((h) => h.operationId === b.operationId && !matchedHead.has(h) && !baseKeys.has(h.key))
      : undefined;
    if (moved) {
      matchedHead.add(moved);
      const pathChanged = normPath(moved.path) !== normPath(b.path);
      const msg = pathChanged
        ? `operation ${b.operationId} moved from ${b.method.toUpperCase()} ${b.path} to ${moved.method.toUpperCase()} ${moved.path}`
        : `operation ${b.operationId} changed method from ${b.method.toUpperCase()} to ${moved.method.toUpperCase()}`;
      emit(operationLabel(moved), [
        {
          ruleId: pathChanged ? 'operation-path-changed' : 'operation-method-changed',
          pointer: moved.ptr,
          side: 'head',
          message: msg,
        },
      ]);
      pairs.push([b, moved]);
    } else {
      emit(operationLabel(b), [
        {
          ruleId: 'operation-removed',
          pointer: b.ptr,
          side: 'base',
          message: `operation ${operationLabel(b)} removed`,
        },
      ]);
    }
  }

  for (const [b, h] of pairs) {
    const raws: RawFinding[] = [];
    if (b.operationId && h.operationId && b.operationId !== h.operationId) {
      raws.push({
        ruleId: 'operation-id-changed',
        pointer: join(h.ptr, 'operationId'),
        side: 'head',
        message: `operationId ${b.operationId} -> ${h.operationId}`,
      });
    } else if (b.operationId && !h.operationId) {
      raws.push({
        ruleId: 'operation-id-removed',
        pointer: h.ptr,
        side: 'head',
        message: `operationId ${b.operationId} removed`,
      });
    }
    if (b.node.deprecated !== true && h.node.deprecated === true) {
      raws.push({
        ruleId: 'operation-deprecated',
        pointer: join(h.ptr, 'deprecated'),
        side: 'head',
        message: 'operation is now deprecated',
      });
    }
    raws.push(...ops.diff(b, h));
    emit(operationLabel({ ...h, operationId: h.operationId ?? b.operationId }), raws);
  }

  for (const h of headOps) {
    if (matchedHead.has(h) || skippedHeadKeys.has(h.key) || isHidden(h)) continue;
    emit(operationLabel(h), [
      { ruleId: 'operation-added', pointer: h.ptr, side: 'head', message: `new operation ${operationLabel(h)}` },
    ]);
  }

  // Components that were referenced at base and are gone in head.
  const baseRefs = collectRefs(base);
  const schemesUsed = new Set<string>();
  for (const sec of [base.security, ...baseOps.map((o) => o.node.security)]) {
    if (Array.isArray(sec))
      for (const req of sec) if (isObject(req)) for (const k of Object.keys(req)) schemesUsed.add(k);
  }
  const bc = isObject(base.components) ? base.components : {};
  const hc = isObject(head.components) ? head.components : {};
  const raws: RawFinding[] = [];
  for (const section of COMPONENT_SECTIONS) {
    const bs = bc[section];
    if (!isObject(bs)) continue;
    const hs = isObject(hc[section]) ? hc[section] : {};
    for (const name of Object.keys(bs)) {
      if (name in hs) continue;
      const ptr = join('#/components', section, name);
      // security schemes are referenced by name from `security`, not by $ref
      const used = section === 'securitySchemes' ? schemesUsed.has(name) : baseRefs.has(ptr);
      if (used)
        raws.push({
          ruleId: 'ref-target-removed',
          pointer: ptr,
          side: 'base',
          message: `component ${section}/${name} removed (it was referenced at base)`,
        });
    }
  }
  emit(COMPONENTS_OPERATION, raws);
  return findings;
}
