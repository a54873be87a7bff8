// The rule catalogue: one place that says which rule ids exist, how severe each
// one is and in which direction it looks. Findings get their severity from
// here, the README table mirrors it, and a test keeps the two in sync.

import type { Severity } from './types.js';

export type Direction = 'request' | 'response' | 'operation' | 'components';

export interface RuleInfo {
  severity: Severity;
  direction: Direction;
  summary: string;
}

export const RULES = {
  // operations
  'operation-removed': {
    severity: 'breaking',
    direction: 'operation',
    summary: 'An operation (method + path) no longer exists.',
  },
  'operation-path-changed': {
    severity: 'breaking',
    direction: 'operation',
    summary: 'The operation with this operationId moved to another path.',
  },
  'operation-method-changed': {
    severity: 'breaking',
    direction: 'operation',
    summary: 'The operation with this operationId moved to another HTTP method.',
  },
  'operation-id-changed': {
    severity: 'breaking',
    direction: 'operation',
    summary: 'operationId changed (generated SDK method names change).',
  },
  'operation-id-removed': { severity: 'breaking', direction: 'operation', summary: 'operationId removed.' },
  'operation-added': { severity: 'info', direction: 'operation', summary: 'A new operation.' },
  'operation-deprecated': { severity: 'info', direction: 'operation', summary: 'The operation is now deprecated.' },
  'security-requirement-added': {
    severity: 'breaking',
    direction: 'request',
    summary: 'The operation needs a security scheme its callers did not need before.',
  },
  'security-requirement-removed': {
    severity: 'breaking',
    direction: 'request',
    summary: 'A way of authenticating that callers used is no longer accepted.',
  },
  'security-scope-added': {
    severity: 'breaking',
    direction: 'request',
    summary: 'The operation needs more scopes/roles.',
  },
  // parameters (what the client sends)
  'required-parameter-added': { severity: 'breaking', direction: 'request', summary: 'A new required parameter.' },
  'optional-parameter-added': { severity: 'info', direction: 'request', summary: 'A new optional parameter.' },
  'parameter-made-required': {
    severity: 'breaking',
    direction: 'request',
    summary: 'An optional parameter became required.',
  },
  'parameter-made-optional': {
    severity: 'info',
    direction: 'request',
    summary: 'A required parameter became optional.',
  },
  'parameter-removed': { severity: 'breaking', direction: 'request', summary: 'A parameter was removed.' },
  'parameter-renamed': {
    severity: 'breaking',
    direction: 'request',
    summary: 'A query/header/cookie parameter at the same position has a new name.',
  },
  'path-parameter-renamed': {
    severity: 'info',
    direction: 'request',
    summary: 'A path template variable was renamed (same position, URLs unchanged).',
  },
  'parameter-location-changed': {
    severity: 'breaking',
    direction: 'request',
    summary: 'A parameter moved (e.g. query -> header).',
  },
  'parameter-type-changed': {
    severity: 'breaking',
    direction: 'request',
    summary: 'A parameter no longer accepts values of its old type (or null).',
  },
  'parameter-serialization-changed': {
    severity: 'breaking',
    direction: 'request',
    summary: 'A parameter style/explode changed.',
  },
  'parameter-deprecated': { severity: 'info', direction: 'request', summary: 'A parameter is now deprecated.' },
  // request bodies
  'request-body-added-required': {
    severity: 'breaking',
    direction: 'request',
    summary: 'A required request body was added.',
  },
  'request-body-added': { severity: 'info', direction: 'request', summary: 'An optional request body was added.' },
  'request-body-removed': { severity: 'breaking', direction: 'request', summary: 'The request body was removed.' },
  'request-body-made-required': {
    severity: 'breaking',
    direction: 'request',
    summary: 'The request body became required.',
  },
  'request-body-made-optional': {
    severity: 'info',
    direction: 'request',
    summary: 'The request body became optional.',
  },
  'request-content-type-removed': {
    severity: 'breaking',
    direction: 'request',
    summary: 'A request media type is no longer accepted.',
  },
  'request-content-type-added': { severity: 'info', direction: 'request', summary: 'A request media type was added.' },
  // request schemas (bodies and parameter schemas)
  'request-property-added-required': {
    severity: 'breaking',
    direction: 'request',
    summary: 'A new required request property.',
  },
  'request-property-made-required': {
    severity: 'breaking',
    direction: 'request',
    summary: 'An optional request property became required.',
  },
  'request-property-type-changed': {
    severity: 'breaking',
    direction: 'request',
    summary: 'A request property no longer accepts values of its old type (or null).',
  },
  'request-constraint-tightened': {
    severity: 'breaking',
    direction: 'request',
    summary:
      'minimum up, maximum down, exclusive bounds, minLength up, maxLength down, pattern/format added or changed, min/maxItems, multipleOf, uniqueItems, enum added, additionalProperties: false.',
  },
  'request-enum-value-removed': {
    severity: 'breaking',
    direction: 'request',
    summary: 'A value the client may send is no longer in the enum.',
  },
  'request-variant-removed': {
    severity: 'breaking',
    direction: 'request',
    summary: 'A oneOf/anyOf alternative the client may send was removed.',
  },
  'request-property-removed': {
    severity: 'warning',
    direction: 'request',
    summary: 'A request property is no longer described (clients may still send it).',
  },
  'request-property-added': { severity: 'info', direction: 'request', summary: 'A new optional request property.' },
  'request-property-made-optional': {
    severity: 'info',
    direction: 'request',
    summary: 'A required request property became optional.',
  },
  'request-constraint-loosened': {
    severity: 'info',
    direction: 'request',
    summary: 'A request constraint was relaxed.',
  },
  'request-enum-value-added': { severity: 'info', direction: 'request', summary: 'A new value the client may send.' },
  'request-variant-added': {
    severity: 'info',
    direction: 'request',
    summary: 'A new oneOf/anyOf alternative the client may send.',
  },
  // responses (what the client receives)
  'response-status-removed': {
    severity: 'breaking',
    direction: 'response',
    summary: 'A documented response status code was removed.',
  },
  'response-status-added': { severity: 'info', direction: 'response', summary: 'A new response status code.' },
  'response-content-type-removed': {
    severity: 'breaking',
    direction: 'response',
    summary: 'A response media type was removed.',
  },
  'response-content-type-added': { severity: 'info', direction: 'response', summary: 'A new response media type.' },
  'response-header-removed': { severity: 'breaking', direction: 'response', summary: 'A response header was removed.' },
  'response-header-added': { severity: 'info', direction: 'response', summary: 'A new response header.' },
  'response-property-removed': {
    severity: 'breaking',
    direction: 'response',
    summary: 'A response property was removed.',
  },
  'response-property-made-optional': {
    severity: 'breaking',
    direction: 'response',
    summary: 'A response property is no longer required (may be missing).',
  },
  'response-property-type-changed': {
    severity: 'breaking',
    direction: 'response',
    summary: 'A response property may now have a type clients do not expect.',
  },
  'response-property-made-nullable': {
    severity: 'breaking',
    direction: 'response',
    summary: 'A response property may now be null (type gains "null" / nullable: true).',
  },
  'response-enum-value-added': {
    severity: 'warning',
    direction: 'response',
    summary: 'A response enum has a new value clients may not handle.',
  },
  'response-variant-added': {
    severity: 'warning',
    direction: 'response',
    summary: 'A response oneOf/anyOf has a new alternative.',
  },
  'response-constraint-loosened': {
    severity: 'warning',
    direction: 'response',
    summary:
      'A response constraint was relaxed (bounds, lengths, pattern, format, enum dropped, additionalProperties allowed).',
  },
  'response-property-added': { severity: 'info', direction: 'response', summary: 'A new response property.' },
  'response-property-made-required': {
    severity: 'info',
    direction: 'response',
    summary: 'A response property is now always present.',
  },
  'response-enum-value-removed': {
    severity: 'info',
    direction: 'response',
    summary: 'A response enum value will no longer be sent.',
  },
  'response-variant-removed': {
    severity: 'info',
    direction: 'response',
    summary: 'A response oneOf/anyOf alternative will no longer be sent.',
  },
  'response-constraint-tightened': {
    severity: 'info',
    direction: 'response',
    summary: 'A response constraint was tightened (or type narrowed).',
  },
  // components
  'ref-target-removed': {
    severity: 'breaking',
    direction: 'components',
    summary: 'A component referenced at base is gone (or a head $ref points nowhere).',
  },
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

export function severityOf(id: RuleId): Severity {
  return RULES[id].severity;
}
