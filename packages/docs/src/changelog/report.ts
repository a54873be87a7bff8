/**
 * What the changelog page is built from: for each released version of the spec, the findings of
 * the breaking-change checker between it and the version before. A small interface of our own, so
 * the page does not depend on the checker's internals; the checker's report is mapped onto it.
 * `readReleaseReports` reads it from a JSON file and says exactly what is wrong with a bad one.
 */
import { readFileSync } from 'node:fs';

export type Severity = 'breaking' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['breaking', 'warning', 'info'];

export interface Finding {
  /** The checker's rule id, e.g. `response-property-removed`. */
  ruleId: string;
  severity: Severity;
  /** The operation it is about: its operationId, or `METHOD /path`. */
  operation: string;
  message: string;
}

export interface ReleaseReport {
  /** The released version, e.g. `2.1.0` (for changes not released yet, any name, e.g. `Unreleased`). */
  version: string;
  /** True for the changes since the last release (listed first). */
  unreleased?: boolean;
  /** The version it was compared with. */
  previous?: string;
  /** Release date, ISO `YYYY-MM-DD`. */
  date?: string;
  findings: Finding[];
}

/** How to get the release history, said after the reason it is missing (page and build notice). */
export const HISTORY_HINT =
  'build from a full git clone (in a shallow one, run `git fetch --unshallow`) to list what changed between released versions';

export class ReportError extends Error {
  override name = 'ReportError';
}

function fail(where: string, what: string): never {
  throw new ReportError(`${where}: ${what}`);
}

function text(value: unknown, where: string, optional = false): string | undefined {
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string' || value.trim() === '')
    fail(where, `expected a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}

/** Checks the shape of parsed JSON; `source` names the file in messages. */
export function parseReleaseReports(data: unknown, source: string): ReleaseReport[] {
  if (!Array.isArray(data)) fail(source, 'expected a JSON array of releases ({ version, findings: [...] })');
  return data.map((release: unknown, i) => {
    const at = `${source}: [${i}]`;
    if (typeof release !== 'object' || release === null) fail(at, 'expected an object');
    const r = release as Record<string, unknown>;
    const date = text(r.date, `${at}.date`, true);
    if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date))
      fail(`${at}.date`, `expected YYYY-MM-DD, got "${date}"`);
    if (!Array.isArray(r.findings)) fail(`${at}.findings`, 'expected an array');
    if (r.unreleased !== undefined && typeof r.unreleased !== 'boolean')
      fail(`${at}.unreleased`, `expected true or false, got ${JSON.stringify(r.unreleased)}`);
    return {
      version: text(r.version, `${at}.version`)!,
      unreleased: r.unreleased === true || undefined,
      previous: text(r.previous, `${at}.previous`, true),
      date,
      findings: r.findings.map((finding: unknown, j) => {
        const fat = `${at}.findings[${j}]`;
        if (typeof finding !== 'object' || finding === null) fail(fat, 'expected an object');
        const f = finding as Record<string, unknown>;
        if (!SEVERITIES.includes(f.severity as Severity))
          fail(`${fat}.severity`, `expected one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(f.severity)}`);
        return {
          ruleId: text(f.ruleId, `${fat}.ruleId`)!,
          severity: f.severity as Severity,
          operation: text(f.operation, `${fat}.operation`)!,
          message: text(f.message, `${fat}.message`)!,
        };
      }),
    };
  });
}

export function readReleaseReports(path: string): ReleaseReport[] {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ReportError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    throw new ReportError(`${path}: not JSON (${(error as Error).message})`);
  }
  return parseReleaseReports(data, path);
}
