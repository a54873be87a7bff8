// The rule catalogue: which rule ids exist, their wire severity, their generated-types verdict and
// the direction they look in. Findings take both verdicts from here (a finding may only sharpen the
// types verdict, e.g. a request enum that appears turns a string into a union); the README's rule
// table is checked against this table by a test.

import type { Severity, TypesVerdict } from '../model.js';

export type Direction = 'operation' | 'request' | 'response' | 'document' | 'components';

export interface RuleInfo {
  severity: Severity;
  types: TypesVerdict;
  direction: Direction;
  summary: string;
}

const r = (severity: Severity, types: TypesVerdict, direction: Direction, summary: string): RuleInfo => ({
  severity,
  types,
  direction,
  summary,
});

export const RULES = {
  // operations and where they live
  'operation-removed': r('breaking', 'breaking', 'operation', 'An operation (method + path) no longer exists.'),
  'operation-path-changed': r(
    'breaking',
    'breaking',
    'operation',
    'The operation with this operationId moved to another path (a trailing slash counts).',
  ),
  'operation-method-changed': r(
    'breaking',
    'breaking',
    'operation',
    'The operation with this operationId moved to another HTTP method.',
  ),
  'operation-id-changed': r(
    'info',
    'breaking',
    'operation',
    'operationId changed: nothing on the wire, but `operations[...]` and SDK method names change.',
  ),
  'operation-id-removed': r(
    'info',
    'breaking',
    'operation',
    'operationId removed: nothing on the wire, but `operations[...]` loses the entry.',
  ),
  'operation-added': r('info', 'safe', 'operation', 'A new operation.'),
  'operation-deprecated': r('info', 'safe', 'operation', 'The operation is now deprecated.'),
  'webhook-removed': r('breaking', 'breaking', 'operation', 'A webhook the API sent is no longer described.'),
  'webhook-added': r('info', 'safe', 'operation', 'A new webhook.'),
  'server-removed': r(
    'breaking',
    'safe',
    'document',
    'A server URL clients were configured with is gone (root, path or operation `servers`; variables expanded).',
  ),
  'server-added': r('info', 'safe', 'document', 'A new server URL.'),
  // security
  'security-requirement-added': r(
    'breaking',
    'safe',
    'request',
    'The operation needs a security scheme its callers did not need before.',
  ),
  'security-requirement-removed': r(
    'breaking',
    'safe',
    'request',
    'A way of authenticating that callers used is no longer accepted.',
  ),
  'security-scope-added': r('breaking', 'safe', 'request', 'The operation needs more scopes/roles.'),
  'security-scheme-changed': r(
    'breaking',
    'safe',
    'components',
    "A security scheme's type, HTTP scheme, key location, header name, OpenID URL or OAuth flows/URLs changed.",
  ),
  'security-scheme-renamed': r(
    'info',
    'safe',
    'components',
    'A security scheme was renamed and every requirement follows it (names are not on the wire).',
  ),
  // parameters (what the client sends)
  'required-parameter-added': r('breaking', 'breaking', 'request', 'A new required parameter.'),
  'optional-parameter-added': r('info', 'safe', 'request', 'A new optional parameter.'),
  'parameter-made-required': r('breaking', 'breaking', 'request', 'An optional parameter became required.'),
  'parameter-made-optional': r('info', 'safe', 'request', 'A required parameter became optional.'),
  'parameter-removed': r(
    'breaking',
    'breaking',
    'request',
    'A parameter was removed (clients still send it; the server ignores it).',
  ),
  'parameter-renamed': r(
    'breaking',
    'breaking',
    'request',
    'A query/header/cookie parameter at the same position has a new name.',
  ),
  'path-parameter-renamed': r(
    'info',
    'breaking',
    'request',
    'A path template variable was renamed: URLs are unchanged, `params.path` keys are not.',
  ),
  'parameter-location-changed': r('breaking', 'breaking', 'request', 'A parameter moved (e.g. query -> header).'),
  'parameter-type-changed': r(
    'breaking',
    'breaking',
    'request',
    'A parameter no longer accepts values of its old type (or null).',
  ),
  'parameter-serialization-changed': r(
    'breaking',
    'safe',
    'request',
    'A value clients could send is written differently on the wire (style, explode, allowReserved, schema <-> content).',
  ),
  'parameter-deprecated': r('info', 'safe', 'request', 'A parameter is now deprecated.'),
  // request bodies
  'request-body-added-required': r('breaking', 'breaking', 'request', 'A required request body was added.'),
  'request-body-added': r('info', 'safe', 'request', 'An optional request body was added.'),
  'request-body-removed': r('breaking', 'breaking', 'request', 'The request body was removed.'),
  'request-body-made-required': r('breaking', 'breaking', 'request', 'The request body became required.'),
  'request-body-made-optional': r('info', 'safe', 'request', 'The request body became optional.'),
  'request-content-type-removed': r('breaking', 'breaking', 'request', 'A request media type is no longer accepted.'),
  'request-content-type-added': r('info', 'safe', 'request', 'A request media type was added.'),
  // request schemas (bodies and parameter schemas)
  'request-property-added-required': r('breaking', 'breaking', 'request', 'A new required request property.'),
  'request-property-made-required': r(
    'breaking',
    'breaking',
    'request',
    'An optional request property became required.',
  ),
  'request-property-type-changed': r(
    'breaking',
    'breaking',
    'request',
    'A request value no longer accepts values of its old type (or null).',
  ),
  'request-constraint-tightened': r(
    'breaking',
    'safe',
    'request',
    'Fewer values are accepted: bounds, lengths, sizes, multipleOf, uniqueItems, format, pattern (decided), enum/const introduced, additional properties closed, `not`/`contains`/`propertyNames` added.',
  ),
  'request-enum-value-removed': r(
    'breaking',
    'breaking',
    'request',
    'A value the client may send is no longer in the enum.',
  ),
  'request-enum-value-renamed': r(
    'breaking',
    'breaking',
    'request',
    'An enum value the client may send was renamed (same value up to case and separators).',
  ),
  'request-variant-removed': r(
    'breaking',
    'breaking',
    'request',
    'A oneOf/anyOf alternative the client may send was removed.',
  ),
  'request-property-not-accepted': r(
    'breaking',
    'breaking',
    'request',
    'A property clients send is rejected now: removed or renamed in a closed schema (additionalProperties/unevaluatedProperties false), or outside a closed allOf member.',
  ),
  'request-property-renamed': r(
    'breaking',
    'breaking',
    'request',
    'A request property was renamed: clients keep sending the old name, which the server no longer reads.',
  ),
  'request-property-read-only': r(
    'breaking',
    'safe',
    'request',
    'A request property became readOnly: what clients send is ignored or rejected.',
  ),
  'request-default-changed': r(
    'breaking',
    'safe',
    'request',
    'The default of a request value changed: clients that omit it get another behaviour.',
  ),
  'request-default-added': r(
    'warning',
    'safe',
    'request',
    'A request value gained a default: the behaviour when omitted may differ from before.',
  ),
  'request-default-removed': r(
    'warning',
    'safe',
    'request',
    'A request value lost its default: the behaviour when omitted is no longer promised.',
  ),
  'request-dependency-added': r(
    'breaking',
    'safe',
    'request',
    'dependentRequired, dependentSchemas or if/then/else were added or tightened.',
  ),
  'request-discriminator-changed': r(
    'breaking',
    'breaking',
    'request',
    'The discriminator property changed, or a mapping value clients send was renamed or removed.',
  ),
  'request-pattern-counterexample': r(
    'warning',
    'safe',
    'request',
    'A pattern changed in a way no decision procedure covers; sampling with a real regex engine found old values the new pattern rejects.',
  ),
  'request-property-removed': r(
    'warning',
    'breaking',
    'request',
    'A request property is no longer described in an open schema (clients may still send it).',
  ),
  'request-property-added': r('info', 'safe', 'request', 'A new optional request property.'),
  'request-property-made-optional': r('info', 'safe', 'request', 'A required request property became optional.'),
  'request-constraint-loosened': r('info', 'safe', 'request', 'A request constraint was relaxed.'),
  'request-enum-value-added': r('info', 'safe', 'request', 'A new value the client may send.'),
  'request-variant-added': r(
    'info',
    'safe',
    'request',
    'A new oneOf/anyOf alternative (or discriminator value) the client may send.',
  ),
  'request-dependency-removed': r(
    'info',
    'safe',
    'request',
    'dependentRequired, dependentSchemas or if/then/else were removed.',
  ),
  // responses (what the client receives)
  'response-status-removed': r(
    'breaking',
    'breaking',
    'response',
    'A documented success (2XX) status is gone and nothing covers it.',
  ),
  'response-error-status-removed': r(
    'info',
    'safe',
    'response',
    'A documented error status is gone and no range or default covers it: the server no longer sends it.',
  ),
  'response-success-status-added': r(
    'warning',
    'safe',
    'response',
    'A new success status: clients may receive a body they do not parse.',
  ),
  'response-status-added': r('info', 'safe', 'response', 'A new error status.'),
  'response-content-type-removed': r('breaking', 'breaking', 'response', 'A response media type was removed.'),
  'response-content-type-added': r('info', 'safe', 'response', 'A new response media type.'),
  'response-header-removed': r('breaking', 'safe', 'response', 'A required response header was removed.'),
  'response-header-made-optional': r('breaking', 'safe', 'response', 'A response header is no longer always sent.'),
  'response-optional-header-removed': r('warning', 'safe', 'response', 'An optional response header was removed.'),
  'response-header-added': r('info', 'safe', 'response', 'A new response header.'),
  'response-property-removed': r('breaking', 'breaking', 'response', 'A response property was removed.'),
  'response-property-renamed': r(
    'breaking',
    'breaking',
    'response',
    'A response property was renamed (same schema, or the same name up to case and separators).',
  ),
  'response-property-made-optional': r(
    'breaking',
    'breaking',
    'response',
    'A response property is no longer required (may be missing).',
  ),
  'response-property-write-only': r(
    'breaking',
    'safe',
    'response',
    'A response property became writeOnly: it is no longer returned.',
  ),
  'response-property-type-changed': r(
    'breaking',
    'breaking',
    'response',
    'A response value may now have a type clients do not expect.',
  ),
  'response-property-made-nullable': r('breaking', 'breaking', 'response', 'A response value may now be null.'),
  'response-format-changed': r(
    'breaking',
    'safe',
    'response',
    'A response value now has an incompatible format (e.g. date-time -> date).',
  ),
  'response-enum-value-renamed': r(
    'breaking',
    'breaking',
    'response',
    'A response enum value was renamed (same value up to case and separators).',
  ),
  'response-discriminator-changed': r(
    'breaking',
    'breaking',
    'response',
    'The discriminator property changed, or a mapping value clients receive was renamed.',
  ),
  'response-enum-value-added': r(
    'warning',
    'safe',
    'response',
    'A response enum has a new value clients may not handle.',
  ),
  'response-variant-added': r(
    'warning',
    'safe',
    'response',
    'A response oneOf/anyOf has a new alternative (or discriminator value).',
  ),
  'response-constraint-loosened': r(
    'warning',
    'safe',
    'response',
    'A response constraint was relaxed (bounds, lengths, pattern, format, enum dropped, additional properties allowed).',
  ),
  'response-dependency-removed': r(
    'warning',
    'safe',
    'response',
    'dependentRequired, dependentSchemas or if/then/else were removed from a response schema.',
  ),
  'response-pattern-counterexample': r(
    'warning',
    'safe',
    'response',
    'A response pattern changed in a way no decision procedure covers; sampling found new values the old pattern rejects.',
  ),
  'response-property-added': r('info', 'safe', 'response', 'A new response property.'),
  'response-property-made-required': r('info', 'safe', 'response', 'A response property is now always present.'),
  'response-enum-value-removed': r(
    'info',
    'breaking',
    'response',
    'A response enum value will no longer be sent (comparisons with it stop compiling).',
  ),
  'response-variant-removed': r(
    'info',
    'breaking',
    'response',
    'A response oneOf/anyOf alternative will no longer be sent (code narrowing to it stops compiling).',
  ),
  'response-constraint-tightened': r(
    'info',
    'safe',
    'response',
    'A response constraint was tightened (or type narrowed).',
  ),
  'pattern-not-compared': r(
    'info',
    'safe',
    'request',
    'A pattern changed beyond the decision procedure and sampling found no difference.',
  ),
  // components
  'component-removed': r(
    'info',
    'breaking',
    'components',
    'A component that generates a type (schema, parameter, response, request body, header, path item) is gone.',
  ),
  'component-renamed': r(
    'info',
    'breaking',
    'components',
    'A component was renamed and every $ref follows it: wire-safe, but its generated type name changes.',
  ),
} as const satisfies Record<string, RuleInfo>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];
