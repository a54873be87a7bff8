// Shared types for the breaking-change checker. Kept in one tiny module so the
// rule engine, the locator, the formatters and the CLI agree on one shape
// without importing each other.

export type Severity = 'breaking' | 'warning' | 'info';
export type Side = 'head' | 'base';

/** A bundled OpenAPI 3.0/3.1 document: plain JSON, internal `#/...` refs only. */
export type OpenAPIDoc = Record<string, unknown>;

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** "POST /api/v2/billing/invoices/{id}/actions/pay (payInvoice)"; "(components)" for component-level findings. */
  operation: string;
  /** JSON pointer (`#/...`) into the HEAD bundle, or into the BASE bundle when the thing was removed. */
  pointer: string;
  side: Side;
  message: string;
  location?: { file: string; line: number };
}

/** A problem with the input (arguments, git refs, YAML, $refs): exit code 2, one line, no stack. */
export class InputError extends Error {
  override name = 'InputError';
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
