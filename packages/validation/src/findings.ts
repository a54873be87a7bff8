// Turns Ajv's errors into findings with the spec's FieldError codes and a message that names the
// field and says what was expected, in the wording the spec's examples use ("must be at most 100").
import { escapeToken } from '@billing-api/openapi-model';
import type { ErrorObject } from 'ajv';
import type { Finding, FindingCode, FindingLocation } from './types.js';

/** Short JSON text of a value for `actual` (cut at 80 characters). */
export function describeValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function codeOf(keyword: string): FindingCode {
  switch (keyword) {
    case 'required':
    case 'dependentRequired':
      return 'missing_required';
    case 'type':
      return 'invalid_type';
    case 'format':
    case 'pattern':
    case 'x-decimal-places':
    case 'contentEncoding':
      return 'invalid_format';
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'multipleOf':
      return 'out_of_range';
    case 'maxLength':
    case 'maxItems':
    case 'maxProperties':
      return 'too_long';
    case 'minLength':
    case 'minItems':
    case 'minProperties':
      return 'too_short';
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return 'unknown_property';
    default:
      return 'invalid_value'; // enum, const, oneOf, anyOf, not, uniqueItems, ...
  }
}

/** What the schema expects, in words, and the sentence for humans (without the field name). */
function expectation(error: ErrorObject): { expected: string; says: string } {
  const p = error.params as Record<string, unknown>;
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  const title = typeof parent.title === 'string' ? parent.title : undefined;
  switch (error.keyword) {
    case 'required':
    case 'dependentRequired':
      return { expected: 'present', says: 'is required' };
    case 'type':
      return {
        expected: String(p.type).replaceAll(',', ' or '),
        says: `must be of type ${String(p.type).replaceAll(',', ' or ')}`,
      };
    case 'format':
      return { expected: `format ${String(p.format)}`, says: `must be a valid ${String(p.format)}` };
    case 'pattern':
      return {
        expected: `pattern ${String(p.pattern)}`,
        says: title
          ? `must be a valid ${title} (pattern ${String(p.pattern)})`
          : `must match the pattern ${String(p.pattern)}`,
      };
    case 'x-decimal-places':
      return {
        expected: `at most ${String(error.schema)} decimals`,
        says: `must have at most ${String(error.schema)} decimal places`,
      };
    case 'minimum':
      return { expected: `>= ${String(p.limit)}`, says: `must be at least ${String(p.limit)}` };
    case 'maximum':
      return { expected: `<= ${String(p.limit)}`, says: `must be at most ${String(p.limit)}` };
    case 'exclusiveMinimum':
      return { expected: `> ${String(p.limit)}`, says: `must be greater than ${String(p.limit)}` };
    case 'exclusiveMaximum':
      return { expected: `< ${String(p.limit)}`, says: `must be less than ${String(p.limit)}` };
    case 'multipleOf':
      return { expected: `multiple of ${String(p.multipleOf)}`, says: `must be a multiple of ${String(p.multipleOf)}` };
    case 'minLength':
      return {
        expected: `at least ${String(p.limit)} characters`,
        says: `must be at least ${String(p.limit)} characters long`,
      };
    case 'maxLength':
      return {
        expected: `at most ${String(p.limit)} characters`,
        says: `must be at most ${String(p.limit)} characters long`,
      };
    case 'minItems':
      return { expected: `at least ${String(p.limit)} items`, says: `must have at least ${String(p.limit)} items` };
    case 'maxItems':
      return { expected: `at most ${String(p.limit)} items`, says: `must have at most ${String(p.limit)} items` };
    case 'minProperties':
    case 'maxProperties':
      return {
        expected: `${error.keyword} ${String(p.limit)}`,
        says: error.message ?? 'has the wrong number of properties',
      };
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return { expected: 'no such property', says: 'is not a known property' };
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map((v) => describeValue(v)).join(', ');
      return { expected: `one of: ${allowed}`, says: `must be one of: ${allowed}` };
    }
    case 'const':
      return { expected: describeValue(p.allowedValue), says: `must be ${describeValue(p.allowedValue)}` };
    default:
      return { expected: `valid ${error.keyword}`, says: error.message ?? `fails ${error.keyword}` };
  }
}

/** Keywords whose failure is already explained by the errors of their branches. */
const SUMMARY_KEYWORDS = new Set(['if', 'then', 'else', 'allOf']);

/**
 * Maps Ajv errors to findings. `prefix` is prepended to each pointer (`/query/limit`); the body's
 * root is `/`, as in the spec's examples.
 */
export function toFindings(
  errors: readonly ErrorObject[] | null | undefined,
  context: { operation: string; status?: number; location: FindingLocation; prefix: string },
): Finding[] {
  if (!errors) return [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (SUMMARY_KEYWORDS.has(error.keyword)) continue;
    const p = error.params as Record<string, unknown>;
    let pointer = error.instancePath;
    let actual: unknown = error.data;
    if (error.keyword === 'required' || error.keyword === 'dependentRequired') {
      pointer += `/${escapeToken(String(p.missingProperty))}`;
      actual = undefined;
    } else if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
      const property = String(p.additionalProperty ?? p.unevaluatedProperty);
      pointer += `/${escapeToken(property)}`;
      actual = (error.data as Record<string, unknown> | undefined)?.[property];
    }
    const full = context.prefix + pointer || '/';
    const code = codeOf(error.keyword);
    const key = `${full} ${code}`; // one finding per field and reason (format + pattern is one)
    if (seen.has(key)) continue;
    seen.add(key);
    const { expected, says } = expectation(error);
    const finding: Finding = {
      operation: context.operation,
      location: context.location,
      pointer: full,
      code,
      expected,
      actual: describeValue(actual),
      message: `${full} ${says}`,
    };
    if (context.status !== undefined) finding.status = context.status;
    findings.push(finding);
  }
  return findings;
}
