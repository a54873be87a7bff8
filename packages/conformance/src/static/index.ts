// Static conformance of a spec document: examples valid, required statuses documented, refs resolved.
// Runs in `pnpm test` over the bundle and at the start of every CLI run.
import type { OpenApiDocument } from '@billing-api/openapi-model';
import { validateExamples } from '@billing-api/validation';
import type { Finding } from '../findings.js';
import { bundledSpec } from '../spec.js';
import { type ConformanceValidator, createConformanceValidator } from '../validators.js';
import { checkRefs } from './refs.js';
import { checkStatuses } from './statuses.js';

export interface StaticReport {
  examples: number;
  operations: number;
  refs: number;
  findings: Finding[];
}

export function checkSpec(document: OpenApiDocument = bundledSpec, validator?: ConformanceValidator): StaticReport {
  const refs = checkRefs(document);
  // A dangling ref would make schema compilation throw: report the refs and stop there.
  if (refs.findings.length > 0) return { examples: 0, operations: 0, refs: refs.refs, findings: refs.findings };
  const v = validator ?? createConformanceValidator(document);
  // Findings of an example name where it is written (`source`); the example check itself is validation's.
  const examples = validateExamples(v.spec);
  return {
    examples: examples.length,
    operations: v.spec.operations.length,
    refs: refs.refs,
    findings: [
      ...examples.flatMap((e) => e.findings.map((f) => ({ ...f, source: e.source }))),
      ...checkStatuses(v.document),
      ...refs.findings,
    ],
  };
}
