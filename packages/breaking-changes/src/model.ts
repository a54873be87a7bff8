// The shapes every module of the checker agrees on: a finding with its two verdicts, where it
// points, and the one error class that means "bad input" (exit code 2, one line, no stack).

/** What happens on the wire to a client written against the base document. */
export type Severity = 'breaking' | 'warning' | 'info';

/**
 * Does TypeScript code written against the types generated from the base document (component and
 * alias names, `paths`, `operations`, property and parameter names) still compile against the head?
 */
export type TypesVerdict = 'breaking' | 'safe';

/** Which bundle a finding's pointer points into: head for what exists now, base for what is gone. */
export type Side = 'head' | 'base';

export interface Finding {
  ruleId: string;
  /** Wire compatibility. */
  severity: Severity;
  /** Generated-types compatibility. */
  types: TypesVerdict;
  /** `POST /api/v2/billing/invoices/{id}/actions/pay (payInvoice)`, `WEBHOOK invoicePaid`, or `(document)`. */
  operation: string;
  /** Plain RFC 6901 pointer into the head bundle, or into the base bundle when the thing was removed. */
  pointer: string;
  side: Side;
  message: string;
  /** The edited lines in the split source: `file` relative to the repository root. */
  location?: { file: string; line: number };
  /** Head-bundle pointer the location was computed from when it differs from `pointer`. */
  anchor?: string;
}

/** A problem with the input (arguments, git refs, YAML, $refs): exit code 2, one line, no stack. */
export class InputError extends Error {
  override name = 'InputError';
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
