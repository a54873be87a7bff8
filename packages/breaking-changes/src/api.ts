// The programmatic entry for tools that hold two bundled documents already (a changelog between two
// released spec versions, a bot): the same findings as the CLI, without git, files or a gate.

import type { OpenApiDocument } from '@billing-api/openapi-model';
import { compareDocuments } from './compare/document.js';
import type { Finding } from './model.js';
import { counts, type Report } from './report/format.js';

export interface ChangeSummary {
  breaking: number;
  warnings: number;
  info: number;
  typesBreaking: number;
}

export interface ChangeReport extends Report {
  summary: ChangeSummary;
}

export interface ReportOptions {
  /** How to name the two sides in rendered output (default `base` / `head`). */
  baseLabel?: string;
  headLabel?: string;
}

/**
 * Every difference between two bundled OpenAPI 3.0/3.1 documents (internal `#/...` refs only), each
 * finding with its wire severity, its generated-types verdict and a pointer into the head (or, for
 * what was removed, the base) document. Pass the result to `formatReport(report, 'markdown')`.
 */
export function reportBetween(base: OpenApiDocument, head: OpenApiDocument, options: ReportOptions = {}): ChangeReport {
  const findings: Finding[] = compareDocuments(base, head);
  const c = counts(findings);
  return {
    base: options.baseLabel ?? 'base',
    head: options.headLabel ?? 'head',
    findings,
    summary: {
      breaking: c.breaking,
      warnings: c.warning,
      info: c.info,
      typesBreaking: findings.filter((f) => f.types === 'breaking').length,
    },
  };
}
