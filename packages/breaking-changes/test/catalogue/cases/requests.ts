// Request bodies: what clients send, v2 and v1, component schemas and inline ones.

import { type Case, rep, x } from '../model.js';

const CCR = 'components/schemas/v2/CreateCreditInvoiceRequest.yaml';
const CLR = 'components/schemas/v2/CreditLineRequest.yaml';
const AFR = 'components/schemas/v2/AddFundsRequest.yaml';
const ACR = 'components/schemas/v2/ApplyCreditRequest.yaml';
const PIR_V1 = 'components/schemas/v1/PayInvoiceRequestV1.yaml';
const ACR_V1 = 'components/schemas/v1/ApplyCreditRequestV1.yaml';
const AFR_V1 = 'components/schemas/v1/AddFundsRequestV1.yaml';
const SOURCE = 'components/schemas/v2/CreditDetailsSource.yaml';
const PAY = 'paths/v2/invoices_{id}_actions_pay.yaml';
const ADD_FUNDS = 'paths/v2/credit_actions_add-funds.yaml';
const PL_PAY_V1 = 'paths/v1/payment-link_{uuid}_pay.yaml';

const holdProp =
  "  hold:\n    description: 'When `true`, the credit invoice stays `draft` (nothing is credited yet) until `actions/finalize`.'\n    type: boolean\n    default: false\n";

export const REQUESTS: Case[] = [
  {
    id: 'req-prop-added-required-v2',
    category: 'requests',
    version: 'v2',
    label: 'breaking',
    title: 'a new required request property',
    head: [
      rep(CCR, 'properties:\n  note:\n', 'required: [reason]\nproperties:\n  reason:\n    type: string\n  note:\n'),
    ],
    expect: [x('breaking', 'breaking', 'request-property-added-required', CCR, '  reason:')],
  },
  {
    id: 'req-prop-added-optional-v2',
    category: 'requests',
    version: 'v2',
    label: 'safe',
    title: 'a new optional request property',
    head: [rep(AFR, 'properties:\n', 'properties:\n  reference:\n    type: string\n    maxLength: 64\n')],
    expect: [x('info', 'safe', 'request-property-added', AFR, '  reference:')],
  },
  {
    id: 'req-prop-made-required-v2',
    category: 'requests',
    version: 'v2',
    label: 'breaking',
    title: 'an optional request property made required',
    head: [rep(CCR, 'properties:\n  note:\n', 'required: [note]\nproperties:\n  note:\n')],
    expect: [x('breaking', 'breaking', 'request-property-made-required', CCR, 'required: [note]')],
  },
  {
    id: 'req-prop-made-optional-v1',
    category: 'requests',
    version: 'v1',
    label: 'safe',
    title: 'a required request property made optional',
    head: [rep(PIR_V1, 'required: [invoiceId, cardId]', 'required: [invoiceId]')],
    expect: [x('info', 'safe', 'request-property-made-optional', PIR_V1, '  cardId:')],
  },
  {
    id: 'req-prop-removed-closed-v2',
    category: 'requests',
    version: 'v2',
    label: 'breaking',
    title: 'a property removed from a closed request schema (clients sending it get 400)',
    head: [rep(CCR, holdProp, '')],
    expect: [x('breaking', 'breaking', 'request-property-not-accepted', CCR, 'properties:')],
  },
  {
    id: 'req-prop-renamed-closed-v1',
    category: 'requests',
    version: 'v1',
    label: 'breaking',
    title: 'a request property renamed camelCase -> snake_case in a closed schema',
    head: [
      rep(PIR_V1, 'required: [invoiceId, cardId]', 'required: [invoiceId, card_id]'),
      rep(PIR_V1, '  cardId:\n', '  card_id:\n'),
    ],
    expect: [x('breaking', 'breaking', 'request-property-renamed', PIR_V1, '  card_id:')],
  },
  {
    id: 'req-prop-removed-open-v2',
    category: 'requests',
    version: 'v2',
    label: 'warning',
    title: 'a property no longer described in an open request schema',
    base: [rep(ACR, 'additionalProperties: false\n', '')],
    head: [
      rep(
        ACR,
        '  noEmail:\n    description: \'When `true`, no "invoice paid" email is sent if this credit pays the invoice off.\'\n    type: boolean\n    default: false\n',
        '',
      ),
    ],
    expect: [x('warning', 'breaking', 'request-property-removed', ACR, 'properties:')],
  },
  {
    id: 'req-type-changed-v2',
    category: 'requests',
    version: 'v2',
    label: 'breaking',
    title: 'a request property number -> string',
    head: [rep(CLR, '    type: number\n', '    type: string\n')],
    expect: [x('breaking', 'breaking', 'request-property-type-changed', CLR, 'type: string')],
  },
  {
    id: 'req-maxlength-lowered-v2',
    category: 'requests',
    version: 'v2',
    label: 'breaking',
    title: 'maxLength lowered',
    head: [rep(CCR, '    maxLength: 1000\n', '    maxLength: 500\n')],
    expect: [x('breaking', 'safe', 'request-constraint-tightened', CCR, 'maxLength: 500')],
  },
  {
    id: 'req-minitems-raised-v2',
    category: 'requests',
    version: 'v2',
    label: 'breaking',
    title: 'minItems raised',
    head: [rep(CCR, '    minItems: 1\n', '    minItems: 2\n')],
    expect: [x('breaking', 'safe', 'request-constraint-tightened', CCR, 'minItems: 2')],
  },
  {
    id: 'req-maxitems-raised-v2',
    category: 'requests',
    version: 'v2',
    label: 'safe',
    title: 'maxItems raised',
    head: [rep(CCR, '    maxItems: 100\n', '    maxItems: 200\n')],
    expect: [x('info', 'safe', 'request-constraint-loosened', CCR, 'maxItems: 200')],
  },
  {
    id: 'req-format-date-to-datetime-v2',
    category: 'requests',
    version: 'v2',
    label: 'breaking',
    title: 'format date -> date-time (clients sending 2026-02-10 are rejected)',
    head: [rep(CCR, '    format: date\n', '    format: date-time\n')],
    expect: [x('breaking', 'safe', 'request-constraint-tightened', CCR, 'format: date-time')],
  },
  {
    id: 'req-default-changed-v2',
    category: 'requests',
    version: 'v2',
    label: 'breaking',
    title: 'a request default changed (omitting hold now holds)',
    head: [rep(CCR, '    default: false\n', '    default: true\n')],
    expect: [x('breaking', 'safe', 'request-default-changed', CCR, 'default: true')],
  },
  {
    id: 'req-default-added-v2',
    category: 'requests',
    version: 'v2',
    label: 'warning',
    title: 'a request default added',
    head: [
      rep(
        CCR,
        '    type: string\n    format: date\n',
        '    type: string\n    format: date\n    default: "2026-01-01"\n',
      ),
    ],
    expect: [x('warning', 'safe', 'request-default-added', CCR, 'default: "2026-01-01"')],
  },
  {
    id: 'req-enum-value-removed-v2',
    category: 'requests',
    version: 'v2',
    label: 'breaking',
    title: 'an enum value clients send removed (also received in responses)',
    head: [rep(SOURCE, 'enum: [current, original]', 'enum: [current]')],
    expect: [
      x('breaking', 'breaking', 'request-enum-value-removed', SOURCE, 'enum: [current]'),
      x('info', 'breaking', 'response-enum-value-removed', SOURCE, 'enum: [current]'),
    ],
  },
  {
    id: 'req-enum-value-renamed-v2',
    category: 'requests',
    version: 'v2',
    label: 'breaking',
    title: 'an enum value renamed (same word, new spelling)',
    head: [rep(SOURCE, 'enum: [current, original]', 'enum: [current, ORIGINAL]')],
    expect: [
      x('breaking', 'breaking', 'request-enum-value-renamed', SOURCE, 'enum: [current, ORIGINAL]'),
      x('breaking', 'breaking', 'response-enum-value-renamed', SOURCE, 'enum: [current, ORIGINAL]'),
    ],
  },
  {
    id: 'req-readonly-added-v2',
    category: 'requests',
    version: 'v2',
    label: 'breaking',
    title: 'a request property became readOnly',
    head: [
      rep(
        CCR,
        '    minLength: 1\n    maxLength: 1000\n',
        '    minLength: 1\n    maxLength: 1000\n    readOnly: true\n',
      ),
    ],
    expect: [x('breaking', 'safe', 'request-property-read-only', CCR, 'readOnly: true')],
  },
  {
    id: 'req-dependent-required-added-v2',
    category: 'requests',
    version: 'v2',
    label: 'breaking',
    title: 'dependentRequired added (hold now needs a note)',
    head: [
      rep(CCR, 'additionalProperties: false\n', 'additionalProperties: false\ndependentRequired:\n  hold: [note]\n'),
    ],
    expect: [x('breaking', 'safe', 'request-dependency-added', CCR, '  hold: [note]')],
  },
  {
    id: 'req-if-then-added-v2',
    category: 'requests',
    version: 'v2',
    label: 'breaking',
    title: 'if/then added (held credits need lines)',
    head: [
      rep(
        CCR,
        'additionalProperties: false\n',
        'additionalProperties: false\nif:\n  properties:\n    hold:\n      const: true\nthen:\n  required: [lines]\n',
      ),
    ],
    expect: [x('breaking', 'safe', 'request-dependency-added', CCR, 'if:')],
  },
  {
    id: 'req-dependent-required-removed-v2',
    category: 'requests',
    version: 'v2',
    label: 'safe',
    title: 'dependentRequired removed',
    base: [
      rep(CCR, 'additionalProperties: false\n', 'additionalProperties: false\ndependentRequired:\n  hold: [note]\n'),
    ],
    head: [rep(CCR, 'dependentRequired:\n  hold: [note]\n', '')],
    expect: [x('info', 'safe', 'request-dependency-removed', CCR, 'title: CreateCreditInvoiceRequest')],
  },
  {
    id: 'req-body-made-required-v2',
    category: 'requests',
    version: 'v2',
    label: 'breaking',
    title: 'an optional request body made required',
    head: [rep(PAY, '  requestBody:\n    required: false\n', '  requestBody:\n    required: true\n')],
    expect: [x('breaking', 'breaking', 'request-body-made-required', PAY, 'required: true', { after: 'requestBody:' })],
  },
  {
    id: 'req-body-made-optional-v2',
    category: 'requests',
    version: 'v2',
    label: 'safe',
    title: 'a required request body made optional',
    head: [rep(ADD_FUNDS, '  requestBody:\n    required: true\n', '  requestBody:\n    required: false\n')],
    expect: [x('info', 'safe', 'request-body-made-optional', ADD_FUNDS, 'required: false', { after: 'requestBody:' })],
  },
  {
    id: 'req-body-schema-opened-v1',
    category: 'requests',
    version: 'v1',
    label: 'warning',
    title: 'a closed request schema replaced by an open object',
    head: [
      rep(
        'paths/v1/invoice_{id}_apply-credit.yaml',
        '    content:\n      application/json:\n        schema:\n          $ref: ../../components/schemas/v1/ApplyCreditRequestV1.yaml\n',
        '    content:\n      application/json:\n        schema:\n          type: object\n',
      ),
    ],
    expect: [
      x('info', 'breaking', 'component-removed', ACR_V1, 'title: ApplyCreditRequestV1', { inBase: true }),
      x('warning', 'breaking', 'request-property-removed', 'paths/v1/invoice_{id}_apply-credit.yaml', 'schema:', {
        after: 'requestBody:',
      }),
      x('info', 'safe', 'request-constraint-loosened', 'paths/v1/invoice_{id}_apply-credit.yaml', 'schema:', {
        after: 'requestBody:',
      }),
    ],
  },
  {
    id: 'req-body-removed-v2',
    category: 'requests',
    version: 'v2',
    label: 'breaking',
    title: 'a request body removed',
    head: [
      rep(
        'paths/v2/invoices_{id}_actions_apply-credit.yaml',
        '  requestBody:\n    required: false\n    description: Optional; an empty body applies the largest amount allowed.\n',
        '  x-old-body:\n    required: false\n    description: Optional; an empty body applies the largest amount allowed.\n',
      ),
    ],
    expect: [
      x('breaking', 'breaking', 'request-body-removed', 'paths/v2/invoices_{id}_actions_apply-credit.yaml', 'post:'),
      x('info', 'breaking', 'component-removed', ACR, 'title: ApplyCreditRequest', { inBase: true }),
    ],
  },
  {
    id: 'req-content-type-added-v2',
    category: 'requests',
    version: 'v2',
    label: 'safe',
    title: 'a request media type added',
    head: [
      rep(
        ADD_FUNDS,
        '    content:\n      application/json:\n        schema:\n          $ref: ../../components/schemas/v2/AddFundsRequest.yaml\n',
        '    content:\n      application/x-www-form-urlencoded:\n        schema:\n          $ref: ../../components/schemas/v2/AddFundsRequest.yaml\n      application/json:\n        schema:\n          $ref: ../../components/schemas/v2/AddFundsRequest.yaml\n',
      ),
    ],
    expect: [x('info', 'safe', 'request-content-type-added', ADD_FUNDS, 'application/x-www-form-urlencoded:')],
  },
  {
    id: 'req-content-type-renamed-v2',
    category: 'requests',
    version: 'v2',
    label: 'breaking',
    title: 'the request media type replaced',
    head: [
      rep(ADD_FUNDS, '    content:\n      application/json:\n', '    content:\n      application/vnd.billing+json:\n'),
    ],
    expect: [
      x('breaking', 'breaking', 'request-content-type-removed', ADD_FUNDS, 'content:', { after: 'requestBody:' }),
      x('info', 'safe', 'request-content-type-added', ADD_FUNDS, 'application/vnd.billing+json:'),
    ],
  },
  {
    id: 'req-nullable-added-v2',
    category: 'requests',
    version: 'v2',
    label: 'safe',
    title: 'a request property now accepts null',
    head: [
      rep(
        CCR,
        '    description: Why the invoice is credited; printed on the credit invoice and its credit note.\n    type: string\n',
        "    description: Why the invoice is credited; printed on the credit invoice and its credit note.\n    type: [string, 'null']\n",
      ),
    ],
    expect: [x('info', 'safe', 'request-constraint-loosened', CCR, "type: [string, 'null']")],
  },
  {
    id: 'req-exclusive-minimum-raised-v2',
    category: 'requests',
    version: 'v2',
    label: 'breaking',
    title: 'exclusiveMinimum 0 -> minimum 1 on a number (0.5 rejected now)',
    head: [rep(AFR, '    exclusiveMinimum: 0\n', '    minimum: 1\n')],
    expect: [x('breaking', 'safe', 'request-constraint-tightened', AFR, 'minimum: 1')],
  },
  {
    id: 'req-maximum-lowered-v2',
    category: 'requests',
    version: 'v2',
    label: 'breaking',
    title: 'maximum lowered on a top-up amount',
    head: [rep(AFR, '    maximum: 100000\n', '    maximum: 10000\n')],
    expect: [x('breaking', 'safe', 'request-constraint-tightened', AFR, 'maximum: 10000')],
  },
  {
    id: 'req-multipleof-added-v2',
    category: 'requests',
    version: 'v2',
    label: 'breaking',
    title: 'multipleOf added',
    head: [rep(AFR, '    maximum: 100000\n', '    maximum: 100000\n    multipleOf: 10\n')],
    expect: [x('breaking', 'safe', 'request-constraint-tightened', AFR, 'multipleOf: 10')],
  },
  {
    id: 'req-pattern-tightened-v1',
    category: 'requests',
    version: 'v1',
    label: 'breaking',
    title: 'v1 decimal-string patterns narrowed (the request input and the response form)',
    head: [
      rep(
        'components/schemas/v1/DecimalStringInput.yaml',
        "pattern: '^-?(0|[1-9][0-9]{0,8})(\\.[0-9]{1,2})?$'",
        "pattern: '^(0|[1-9][0-9]{0,8})(\\.[0-9]{1,2})?$'",
      ),
      rep(
        'components/schemas/v1/DecimalString.yaml',
        "pattern: '^-?(0|[1-9][0-9]{0,8})\\.[0-9]{2}$'",
        "pattern: '^(0|[1-9][0-9]{0,8})\\.[0-9]{2}$'",
      ),
    ],
    expect: [
      x(
        'breaking',
        'safe',
        'request-constraint-tightened',
        'components/schemas/v1/DecimalStringInput.yaml',
        'pattern:',
      ),
      x('info', 'safe', 'response-constraint-tightened', 'components/schemas/v1/DecimalString.yaml', 'pattern:'),
    ],
  },
  {
    id: 'req-pattern-widened-v1',
    category: 'requests',
    version: 'v1',
    label: 'safe',
    title: 'a request-only pattern widened by an alternative',
    head: [rep(PIR_V1, "pattern: '^(primary|[1-9][0-9]{0,17})$'", "pattern: '^(primary|default|[1-9][0-9]{0,17})$'")],
    expect: [x('info', 'safe', 'request-constraint-loosened', PIR_V1, 'pattern:')],
  },
  {
    id: 'req-closed-prop-moved-into-allof-v2',
    category: 'composition',
    version: 'v2',
    label: 'breaking',
    title: 'a property moved into an allOf member of a closed schema (the closed member no longer names it)',
    head: [
      rep(
        AFR,
        'additionalProperties: false\nrequired: [amount]\nproperties:\n  amount:\n    description: Amount of the top-up invoice; greater than 0 and at most 100000.\n    type: number\n    exclusiveMinimum: 0\n    maximum: 100000\n',
        'allOf:\n  - additionalProperties: false\n    properties:\n      reference:\n        type: string\n  - required: [amount]\n    properties:\n      amount:\n        type: number\n        exclusiveMinimum: 0\n        maximum: 100000\n',
      ),
    ],
    expect: [
      x('breaking', 'breaking', 'request-property-not-accepted', AFR, 'additionalProperties: false'),
      x('info', 'safe', 'request-property-added', AFR, 'reference:'),
    ],
  },
  {
    id: 'req-v1-amount-to-number',
    category: 'requests',
    version: 'v1',
    label: 'breaking',
    title: 'a v1 decimal string replaced by a number',
    head: [rep(AFR_V1, '    $ref: ./DecimalStringInput.yaml\n', '    type: number\n')],
    expect: [x('breaking', 'breaking', 'request-property-type-changed', AFR_V1, 'type: number')],
  },
  {
    id: 'resp-inline-pattern-changed-v1',
    category: 'responses',
    version: 'v1',
    label: 'warning',
    title: 'an inline response pattern in a v1 path file changed to a disjoint one',
    head: [rep(PL_PAY_V1, "pattern: '^cs_[0-9a-f]{32}$'", "pattern: '^cs_[0-9a-f]{40}$'")],
    expect: [x('warning', 'safe', 'response-constraint-loosened', PL_PAY_V1, "pattern: '^cs_[0-9a-f]{40}$'")],
  },
  {
    id: 'req-credit-line-amount-bound-v2',
    category: 'requests',
    version: 'v2',
    label: 'safe',
    title: 'an equivalent bound: integer quantity minimum 1 as exclusiveMinimum 0 (responses)',
    head: [
      rep(
        'components/schemas/v2/InvoiceLine.yaml',
        '    minimum: 1\n    maximum: 100000\n',
        '    exclusiveMinimum: 0\n    maximum: 100000\n',
      ),
    ],
    expect: [],
  },
  {
    id: 'req-enum-to-const-v2',
    category: 'requests',
    version: 'v2',
    label: 'safe',
    title: 'const: x rewritten as enum: [x]',
    head: [rep('components/schemas/v2/PaymentAttempt.yaml', '    const: processing\n', '    enum: [processing]\n')],
    expect: [],
  },
  {
    id: 'req-nullable-forms-v2',
    category: 'requests',
    version: 'v2',
    label: 'safe',
    title: "type: [string, 'null'] rewritten as oneOf with a null alternative",
    head: [
      rep(
        'components/schemas/common/NullableTimestamp.yaml',
        "type: [string, 'null']\nformat: date-time\nmaxLength: 24\npattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$'\n",
        "oneOf:\n  - type: string\n    format: date-time\n    maxLength: 24\n    pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$'\n  - type: 'null'\n",
      ),
    ],
    expect: [],
  },
  {
    id: 'req-digit-class-equivalent',
    category: 'requests',
    version: 'both',
    label: 'safe',
    title: 'a pattern spelled with [0-9] instead of \\d (same language)',
    head: [
      rep(
        'components/schemas/common/Timestamp.yaml',
        "pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$'",
        "pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$'",
      ),
    ],
    expect: [],
  },
];
