// Entry point of the rule engine: compareDocuments(base, head) on two BUNDLED OpenAPI documents
// (internal `#/...` refs only). Finds renamed components first, pairs operations and webhooks,
// compares each pair, the root servers and the security schemes, and turns raw findings into
// findings with both verdicts, one per (rule, place) and operation.

import { getAt, type OpenApiDocument } from '@billing-api/openapi-model';
import type { Finding } from '../model.js';
import { RULES } from '../rules/catalogue.js';
import { SchemaComparer } from '../schema/compare.js';
import { compareComponents } from './components.js';
import type { Comparison, OpFinding } from './context.js';
import { compareOperation } from './operation.js';
import { collectOperations, matchOperations } from './operations.js';
import { compareSecuritySchemes } from './security.js';
import { compareServerLists } from './servers.js';

export const DOCUMENT_OPERATION = '(document)';
export const COMPONENTS_OPERATION = '(components)';

/** Turn raw findings into findings: one per (rule, pointer, side, location), statuses merged. */
function emit(into: Finding[], operation: string, raws: OpFinding[]): void {
  const byKey = new Map<string, { f: OpFinding; statuses: string[] }>();
  for (const f of raws) {
    const k = `${f.ruleId}|${f.pointer}|${f.side}|${f.at ?? ''}`;
    const seen = byKey.get(k);
    if (!seen) byKey.set(k, { f, statuses: f.status ? [f.status] : [] });
    else if (f.status && !seen.statuses.includes(f.status)) seen.statuses.push(f.status);
  }
  for (const { f, statuses } of byKey.values()) {
    const rule = RULES[f.ruleId];
    const finding: Finding = {
      ruleId: f.ruleId,
      severity: rule.severity,
      types: f.types ?? rule.types,
      operation,
      pointer: f.pointer,
      side: f.side,
      message: statuses.length ? `${statuses.join(', ')}: ${f.message}` : f.message,
    };
    if (f.at !== undefined && f.at !== f.pointer) finding.anchor = f.at;
    into.push(finding);
  }
}

/** Every difference between two bundled documents, with both verdicts. */
export function compareDocuments(base: OpenApiDocument, head: OpenApiDocument): Finding[] {
  const components = compareComponents(
    base as unknown as Record<string, unknown>,
    head as unknown as Record<string, unknown>,
  );
  const schemas = new SchemaComparer(base, head, components.renames, {
    base: (p) => getAt(base, p) !== undefined,
    head: (p) => getAt(head, p) !== undefined,
  });
  const cmp: Comparison = { base, head, schemas, renames: components.renames, schemeRenames: components.schemeRenames };
  const findings: Finding[] = [];
  const baseOps = collectOperations(base);
  const headOps = collectOperations(head);
  const { pairs, removed, added } = matchOperations(baseOps, headOps);
  for (const b of removed) {
    emit(findings, b.label, [
      {
        ruleId: b.webhook ? 'webhook-removed' : 'operation-removed',
        pointer: b.entry.pointer,
        side: 'base',
        message: `${b.webhook ? 'webhook' : 'operation'} ${b.label} removed`,
      },
    ]);
  }
  for (const [b, h, how] of pairs) {
    const label = h.entry.operationId || !b.entry.operationId ? h.label : `${h.label} (${b.entry.operationId})`;
    emit(findings, label, compareOperation(cmp, b, h, how));
  }
  for (const h of added) {
    emit(findings, h.label, [
      {
        ruleId: h.webhook ? 'webhook-added' : 'operation-added',
        pointer: h.entry.pointer,
        side: 'head',
        message: `new ${h.webhook ? 'webhook' : 'operation'} ${h.label}`,
      },
    ]);
  }
  const rootServers = (d: OpenApiDocument): unknown =>
    Array.isArray(d.servers) && d.servers.length ? d.servers : [{ url: '/' }];
  emit(findings, DOCUMENT_OPERATION, compareServerLists(rootServers(base), rootServers(head), '/servers', '/servers'));
  emit(findings, COMPONENTS_OPERATION, [...components.findings, ...compareSecuritySchemes(cmp)]);
  return findings;
}
