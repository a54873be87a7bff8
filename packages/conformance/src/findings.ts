// The one finding shape of the kit. It is @billing-api/validation's finding (operation, status,
// location, JSON pointer, code, expected vs actual, message) widened with the codes only a
// conformance run can produce (a scenario got the wrong status, a 5xx on bad input, a broken $ref...).
import type {
  Finding as SpecFinding,
  FindingCode as SpecFindingCode,
  FindingLocation as SpecFindingLocation,
} from '@billing-api/validation';

/** Codes the kit adds to the validator's (`missing_required`, `undocumented_status`, ...). */
export const KIT_FINDING_CODES = [
  /** A response carries a header its documented response does not declare (Idempotent-Replayed). */
  'undeclared_header',
  /** `X-Request-Id` differs from the body's `requestId`. */
  'request_id_mismatch',
  /** A replayed idempotent request came back without `Idempotent-Replayed: true`. */
  'replay_not_flagged',
  /** A scenario expected one documented status (and code) and got another. */
  'unexpected_status',
  /** The error body's `code` is not the one the scenario provokes. */
  'unexpected_code',
  /** A bad request (negative input) was answered with a 5xx. */
  'server_error',
  /** A bad request (negative input or missing credentials) was accepted with a 2xx/3xx. */
  'not_rejected',
  /** A v2 `invalid_request` problem does not name the broken input in `errors[].pointer`. */
  'error_not_pinpointed',
  /** The server could not be reached, or the body was not what its Content-Type says. */
  'transport_error',
  /** Static: an operation lacks a status the API's conventions require. */
  'missing_status',
  /** Static: a `$ref` does not resolve. */
  'unresolved_ref',
  /** A request does not match the operation it was meant for. */
  'wrong_operation',
  /** A scenario could not go on (an answer it relies on had an unusable shape). */
  'scenario_error',
] as const;

export type KitFindingCode = (typeof KIT_FINDING_CODES)[number];
export type FindingCode = SpecFindingCode | KitFindingCode;
export type FindingLocation = SpecFindingLocation | 'scenario' | 'spec';

export interface Finding extends Omit<SpecFinding, 'code' | 'location'> {
  code: FindingCode;
  location: FindingLocation;
  /** Where it was found: the spec pointer of an example (static), or the scenario id (live). */
  source?: string;
}

/** One line for humans: `getInvoice 200 /total missing_required: expected present, got (missing)`. */
export function formatFinding(f: Finding): string {
  const where = [f.operation, f.status === undefined ? undefined : String(f.status), f.pointer || '(response)']
    .filter(Boolean)
    .join(' ');
  return `${where} ${f.code}: expected ${f.expected}, got ${f.actual} — ${f.message}`;
}
