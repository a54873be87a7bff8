// Operations and parameters: existence, identity, where they live and how values are written.

import { app, type Case, rep, x } from '../model.js';

const ROOT = 'openapi.yaml';
const V2_LIST = 'paths/v2/invoices.yaml';
const V2_GET = 'paths/v2/invoices_{id}.yaml';
const V1_LIST = 'paths/v1/invoices.yaml';
const V1_GET = 'paths/v1/invoice_{id}.yaml';
const LIMIT = 'components/parameters/Limit.yaml';
const LIMIT_V1 = 'components/parameters/LimitV1.yaml';
const PAGE_V1 = 'components/parameters/PageV1.yaml';
const ID_PATH = 'components/parameters/InvoiceIdPath.yaml';
const IDEM = 'components/parameters/IdempotencyKey.yaml';
const UUID = 'components/parameters/PaymentLinkUuidPath.yaml';
const STATUS = 'components/schemas/v2/InvoiceStatus.yaml';
const STATUS_V1 = 'components/schemas/v1/InvoiceStatusV1.yaml';

const customerParam = (required: boolean): string =>
  `    - name: customerId\n      in: query\n      required: ${required}\n      schema:\n        type: string\n`;

export const OPERATIONS: Case[] = [
  {
    id: 'op-removed-v2',
    category: 'operations',
    version: 'v2',
    label: 'breaking',
    title: 'an operation removed (its path dropped from the root)',
    head: [rep(ROOT, '  /api/v2/billing/invoices/{id}/pdf:\n    $ref: paths/v2/invoices_{id}_pdf.yaml\n', '')],
    expect: [
      x('breaking', 'breaking', 'operation-removed', 'paths/v2/invoices_{id}_pdf.yaml', 'get:', { inBase: true }),
    ],
  },
  {
    id: 'op-path-changed-v1',
    category: 'operations',
    version: 'v1',
    label: 'breaking',
    title: 'a path renamed, same operationId',
    head: [rep(ROOT, '  /api/billing/cards:\n', '  /api/billing/saved-cards:\n')],
    expect: [x('breaking', 'breaking', 'operation-path-changed', 'paths/v1/cards.yaml', 'get:')],
  },
  {
    id: 'op-trailing-slash-v2',
    category: 'operations',
    version: 'v2',
    label: 'breaking',
    title: 'a path gains a trailing slash',
    head: [rep(ROOT, '  /api/v2/billing/cards:\n', '  /api/v2/billing/cards/:\n')],
    expect: [x('breaking', 'breaking', 'operation-path-changed', 'paths/v2/cards.yaml', 'get:')],
  },
  {
    id: 'op-method-changed-v2',
    category: 'operations',
    version: 'v2',
    label: 'breaking',
    title: 'POST becomes PUT, same operationId',
    head: [rep('paths/v2/invoices_{id}_actions_resend-email.yaml', 'post:\n', 'put:\n')],
    expect: [
      x('breaking', 'breaking', 'operation-method-changed', 'paths/v2/invoices_{id}_actions_resend-email.yaml', 'put:'),
    ],
  },
  {
    id: 'op-id-changed-v2',
    category: 'operations',
    version: 'v2',
    label: 'safe',
    title: 'operationId renamed: wire-safe, types-breaking',
    head: [rep(V2_GET, 'operationId: getInvoice\n', 'operationId: fetchInvoice\n')],
    expect: [x('info', 'breaking', 'operation-id-changed', V2_GET, 'operationId: fetchInvoice')],
  },
  {
    id: 'op-id-changed-v1',
    category: 'operations',
    version: 'v1',
    label: 'safe',
    title: 'v1 operationId renamed: wire-safe, types-breaking',
    head: [rep(V1_GET, 'operationId: getInvoiceV1\n', 'operationId: getLegacyInvoice\n')],
    expect: [x('info', 'breaking', 'operation-id-changed', V1_GET, 'operationId: getLegacyInvoice')],
  },
  {
    id: 'op-deprecated-v1',
    category: 'operations',
    version: 'v1',
    label: 'safe',
    title: 'an operation marked deprecated',
    head: [rep(V1_LIST, '  summary: List invoices (v1)\n', '  summary: List invoices (v1)\n  deprecated: true\n')],
    expect: [x('info', 'safe', 'operation-deprecated', V1_LIST, 'deprecated: true')],
  },
  {
    id: 'op-added-v2',
    category: 'operations',
    version: 'v2',
    label: 'safe',
    title: 'a new operation',
    head: [
      rep(
        ROOT,
        '  /api/v2/billing/cards:\n',
        '  /api/v2/billing/cards/{cardId}:\n    $ref: paths/v2/cards_{cardId}.yaml\n  /api/v2/billing/cards:\n',
      ),
      app(
        'paths/v2/cards_{cardId}.yaml',
        "get:\n  operationId: getCard\n  summary: Get a saved card\n  tags: [Cards]\n  parameters:\n    - name: cardId\n      in: path\n      required: true\n      schema:\n        $ref: ../../components/schemas/v2/CardId.yaml\n  responses:\n    '200':\n      description: The card.\n      content:\n        application/json:\n          schema:\n            $ref: ../../components/schemas/v2/Card.yaml\n",
      ),
    ],
    expect: [x('info', 'safe', 'operation-added', 'paths/v2/cards_{cardId}.yaml', 'get:')],
  },
  {
    id: 'op-internal-removed',
    category: 'operations',
    version: 'v2',
    label: 'safe',
    title: 'an x-internal operation removed',
    base: [rep('paths/v2/invoices_{id}_actions_resend-email.yaml', 'post:\n', 'post:\n  x-internal: true\n')],
    head: [
      rep(
        ROOT,
        '  /api/v2/billing/invoices/{id}/actions/resend-email:\n    $ref: paths/v2/invoices_{id}_actions_resend-email.yaml\n',
        '',
      ),
    ],
    expect: [
      x('info', 'breaking', 'component-removed', 'components/schemas/v2/EmailQueued.yaml', 'title: EmailQueued', {
        inBase: true,
      }),
    ],
  },
  {
    id: 'op-docs-only',
    category: 'operations',
    version: 'both',
    label: 'safe',
    title: 'summaries, descriptions, tags and examples edited',
    head: [
      rep(V2_LIST, '  summary: List invoices\n', '  summary: List the invoices of the account\n'),
      rep(
        V1_LIST,
        '      description: Only invoices in this status (title case).\n',
        '      description: Filter by status.\n',
      ),
      rep(V2_GET, '  tags: [Invoices]\n', '  tags: [Invoices, Payments]\n'),
      rep(LIMIT, 'example: 20\n', 'example: 50\n'),
    ],
    expect: [],
  },
  {
    id: 'op-reformatted',
    category: 'operations',
    version: 'v2',
    label: 'safe',
    title: 'a file reformatted (flow style, quoting, key order)',
    head: [
      rep(
        LIMIT,
        'schema:\n  type: integer\n  format: int32\n  minimum: 1\n  maximum: 100\n  default: 20\n',
        'schema: { maximum: 100, \'minimum\': 1, format: int32, type: "integer", default: 20 }\n',
      ),
    ],
    expect: [],
  },
  // ------------------------------------------------------------------ parameters
  {
    id: 'param-required-added-v2',
    category: 'parameters',
    version: 'v2',
    label: 'breaking',
    title: 'a required query parameter added',
    head: [
      rep(
        V2_LIST,
        '    - $ref: ../../components/parameters/Limit.yaml\n',
        `${customerParam(true)}    - $ref: ../../components/parameters/Limit.yaml\n`,
      ),
    ],
    expect: [x('breaking', 'breaking', 'required-parameter-added', V2_LIST, '- name: customerId')],
  },
  {
    id: 'param-optional-added-v1',
    category: 'parameters',
    version: 'v1',
    label: 'safe',
    title: 'an optional query parameter added',
    head: [
      rep(
        V1_LIST,
        '    - $ref: ../../components/parameters/PageV1.yaml\n',
        `${customerParam(false)}    - $ref: ../../components/parameters/PageV1.yaml\n`,
      ),
    ],
    expect: [x('info', 'safe', 'optional-parameter-added', V1_LIST, '- name: customerId')],
  },
  {
    id: 'param-made-required-shared',
    category: 'parameters',
    version: 'v2',
    label: 'breaking',
    title: 'a shared parameter made required: located in the parameter file',
    head: [rep(LIMIT, 'required: false\n', 'required: true\n')],
    expect: [x('breaking', 'breaking', 'parameter-made-required', LIMIT, 'required: true')],
  },
  {
    id: 'param-made-optional-v2',
    category: 'parameters',
    version: 'v2',
    label: 'safe',
    title: 'a required parameter made optional',
    base: [
      rep(
        V2_LIST,
        '      required: false\n      description: Only invoices of this kind.\n',
        '      required: true\n      description: Only invoices of this kind.\n',
      ),
    ],
    head: [
      rep(
        V2_LIST,
        '      required: true\n      description: Only invoices of this kind.\n',
        '      required: false\n      description: Only invoices of this kind.\n',
      ),
    ],
    expect: [x('info', 'safe', 'parameter-made-optional', V2_LIST, 'required: false', { after: '- name: kind' })],
  },
  {
    id: 'param-removed-v2',
    category: 'parameters',
    version: 'v2',
    label: 'breaking',
    title: 'a query parameter removed',
    head: [
      rep(
        V2_LIST,
        '    - name: kind\n      in: query\n      required: false\n      description: Only invoices of this kind.\n      schema:\n        $ref: ../../components/schemas/v2/InvoiceKind.yaml\n      example: standard\n',
        '',
      ),
    ],
    expect: [x('breaking', 'breaking', 'parameter-removed', V2_LIST, '  parameters:')],
  },
  {
    id: 'param-renamed-v1',
    category: 'parameters',
    version: 'v1',
    label: 'breaking',
    title: 'a query parameter renamed at the same position',
    head: [rep(V1_LIST, '    - name: status\n', '    - name: state\n')],
    expect: [x('breaking', 'breaking', 'parameter-renamed', V1_LIST, '- name: state')],
  },
  {
    id: 'param-path-renamed-v1',
    category: 'parameters',
    version: 'v1',
    label: 'safe',
    title: 'a path template variable renamed: URLs unchanged, params.path keys change',
    head: [
      rep(UUID, 'name: uuid\n', 'name: linkId\n'),
      rep(ROOT, '  /api/billing/payment-link/{uuid}:\n', '  /api/billing/payment-link/{linkId}:\n'),
      rep(ROOT, '  /api/billing/payment-link/{uuid}/pay:\n', '  /api/billing/payment-link/{linkId}/pay:\n'),
    ],
    expect: [x('info', 'breaking', 'path-parameter-renamed', UUID, 'name: linkId')],
  },
  {
    id: 'param-location-changed-v1',
    category: 'parameters',
    version: 'v1',
    label: 'breaking',
    title: 'a parameter moved from the query to a header',
    head: [rep(PAGE_V1, 'in: query\n', 'in: header\n')],
    expect: [x('breaking', 'breaking', 'parameter-location-changed', PAGE_V1, 'in: header')],
  },
  {
    id: 'param-type-changed-shared',
    category: 'parameters',
    version: 'v2',
    label: 'breaking',
    title: 'a shared parameter integer -> string',
    head: [rep(LIMIT, '  type: integer\n', '  type: string\n')],
    expect: [x('breaking', 'breaking', 'parameter-type-changed', LIMIT, 'type: string')],
  },
  {
    id: 'param-max-lowered',
    category: 'parameters',
    version: 'v2',
    label: 'breaking',
    title: 'a parameter maximum lowered',
    head: [rep(LIMIT, '  maximum: 100\n', '  maximum: 50\n')],
    expect: [x('breaking', 'safe', 'request-constraint-tightened', LIMIT, 'maximum: 50')],
  },
  {
    id: 'param-max-raised',
    category: 'parameters',
    version: 'v1',
    label: 'safe',
    title: 'a parameter maximum raised',
    head: [rep(LIMIT_V1, '  maximum: 100\n', '  maximum: 500\n')],
    expect: [x('info', 'safe', 'request-constraint-loosened', LIMIT_V1, 'maximum: 500')],
  },
  {
    id: 'param-min-exclusive-equivalent',
    category: 'parameters',
    version: 'v2',
    label: 'safe',
    title: 'integer minimum: 1 rewritten as exclusiveMinimum: 0',
    head: [rep(LIMIT, '  minimum: 1\n', '  exclusiveMinimum: 0\n')],
    expect: [],
  },
  {
    id: 'param-default-changed',
    category: 'parameters',
    version: 'v2',
    label: 'breaking',
    title: 'a parameter default changed (clients that omit it get other pages)',
    head: [rep(LIMIT, '  default: 20\n', '  default: 50\n')],
    expect: [x('breaking', 'safe', 'request-default-changed', LIMIT, 'default: 50')],
  },
  {
    id: 'param-default-removed',
    category: 'parameters',
    version: 'v2',
    label: 'warning',
    title: 'a parameter default removed',
    head: [rep(LIMIT, '  default: 20\n', '')],
    expect: [x('warning', 'safe', 'request-default-removed', LIMIT, 'schema:')],
  },
  {
    id: 'param-enum-value-removed-shared',
    category: 'parameters',
    version: 'v2',
    label: 'breaking',
    title: 'a value removed from an enum used by a filter and by responses',
    head: [
      rep(
        STATUS,
        'enum: [draft, unpaid, payment_pending, paid, cancelled, refunded, collections]',
        'enum: [draft, unpaid, payment_pending, paid, cancelled, refunded]',
      ),
    ],
    expect: [
      x('breaking', 'breaking', 'request-enum-value-removed', STATUS, 'enum:'),
      x('info', 'breaking', 'response-enum-value-removed', STATUS, 'enum:'),
    ],
  },
  {
    id: 'param-enum-value-added-v1',
    category: 'parameters',
    version: 'v1',
    label: 'warning',
    title: 'an enum value added to a filter that responses use too',
    head: [rep(STATUS_V1, 'Refunded, Collections]', 'Refunded, Collections, Disputed]')],
    expect: [
      x('info', 'safe', 'request-enum-value-added', STATUS_V1, 'enum:'),
      x('warning', 'safe', 'response-enum-value-added', STATUS_V1, 'enum:'),
    ],
  },
  {
    id: 'param-explode-scalar',
    category: 'parameters',
    version: 'v2',
    label: 'safe',
    title: 'explode: false on a scalar query parameter (same wire)',
    head: [
      rep(
        V2_LIST,
        '      description: Only invoices in this status.\n',
        '      description: Only invoices in this status.\n      style: form\n      explode: false\n',
      ),
    ],
    expect: [],
  },
  {
    id: 'param-style-label-path',
    category: 'parameters',
    version: 'v2',
    label: 'breaking',
    title: 'a path parameter switched to label style (`.inv_...`)',
    head: [rep(ID_PATH, 'required: true\n', 'required: true\nstyle: label\n')],
    expect: [x('breaking', 'safe', 'parameter-serialization-changed', ID_PATH, 'style: label')],
  },
  {
    id: 'param-array-explode',
    category: 'parameters',
    version: 'v2',
    label: 'breaking',
    title: 'explode: false on an array query parameter (ids=a,b instead of ids=a&ids=b)',
    base: [
      rep(
        V2_LIST,
        '    - $ref: ../../components/parameters/Limit.yaml\n',
        '    - name: ids\n      in: query\n      schema:\n        type: array\n        items:\n          type: string\n    - $ref: ../../components/parameters/Limit.yaml\n',
      ),
    ],
    head: [
      rep(V2_LIST, '    - name: ids\n      in: query\n', '    - name: ids\n      in: query\n      explode: false\n'),
    ],
    expect: [x('breaking', 'safe', 'parameter-serialization-changed', V2_LIST, 'explode: false')],
  },
  {
    id: 'param-schema-to-content',
    category: 'parameters',
    version: 'v2',
    label: 'breaking',
    title: 'a query parameter switched from schema to JSON content (values get quotes)',
    head: [
      rep(
        V2_LIST,
        '      description: Only invoices of this kind.\n      schema:\n        $ref: ../../components/schemas/v2/InvoiceKind.yaml\n',
        '      description: Only invoices of this kind.\n      content:\n        application/json:\n          schema:\n            $ref: ../../components/schemas/v2/InvoiceKind.yaml\n',
      ),
    ],
    expect: [x('breaking', 'safe', 'parameter-serialization-changed', V2_LIST, 'content:', { after: '- name: kind' })],
  },
  {
    id: 'param-deprecated-v1',
    category: 'parameters',
    version: 'v1',
    label: 'safe',
    title: 'a parameter deprecated',
    head: [rep(PAGE_V1, 'required: false\n', 'required: false\ndeprecated: true\n')],
    expect: [x('info', 'safe', 'parameter-deprecated', PAGE_V1, 'deprecated: true')],
  },
  {
    id: 'param-pattern-tightened-shared',
    category: 'parameters',
    version: 'v2',
    label: 'breaking',
    title: 'the invoice id pattern narrowed (path parameter and response ids)',
    head: [
      rep(
        'components/schemas/v2/InvoiceId.yaml',
        "pattern: '^inv_[0-9a-hjkmnp-tv-z]{26}$'",
        "pattern: '^inv_[0-9a-h]{26}$'",
      ),
    ],
    expect: [
      x('breaking', 'safe', 'request-constraint-tightened', 'components/schemas/v2/InvoiceId.yaml', 'pattern:'),
      x('info', 'safe', 'response-constraint-tightened', 'components/schemas/v2/InvoiceId.yaml', 'pattern:'),
    ],
  },
  {
    id: 'param-pattern-widened-alternative',
    category: 'parameters',
    version: 'v2',
    label: 'safe',
    title: 'a header pattern widened by an alternative',
    head: [rep(IDEM, "pattern: '^[\\x21-\\x7E]+$'", "pattern: '^([\\x21-\\x7E]+|[0-9a-f]{8}( [0-9a-f]{4}){3})$'")],
    expect: [x('info', 'safe', 'request-constraint-loosened', IDEM, 'pattern:')],
  },
  {
    id: 'param-pattern-equivalent',
    category: 'parameters',
    version: 'v2',
    label: 'safe',
    title: 'a pattern rewritten to an equivalent one',
    head: [rep(IDEM, "pattern: '^[\\x21-\\x7E]+$'", "pattern: '^(?:[!-~])+$'")],
    expect: [],
  },
  {
    id: 'param-pattern-lookahead',
    category: 'parameters',
    version: 'v2',
    label: 'warning',
    title: 'a pattern with a lookahead (not regular for the decision procedure): sampled',
    head: [rep(IDEM, "pattern: '^[\\x21-\\x7E]+$'", "pattern: '^(?![0-9])[\\x21-\\x7E]+$'")],
    expect: [x('warning', 'safe', 'request-pattern-counterexample', IDEM, 'pattern:')],
  },
];
