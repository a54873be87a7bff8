// Responses and response headers: what clients receive, v2 component schemas, v1 envelopes merged
// through allOf, inline objects in path files, statuses and ranges, and where each edit is located.

import { type Case, rep, x } from '../model.js';

const INV = 'components/schemas/v2/Invoice.yaml';
const INV_V1 = 'components/schemas/v1/InvoiceV1.yaml';
const ENV_V1 = 'components/schemas/v1/SuccessEnvelopeV1.yaml';
const CARD = 'components/schemas/v2/Card.yaml';
const LINE = 'components/schemas/v2/InvoiceLine.yaml';
const KIND = 'components/schemas/v2/InvoiceKind.yaml';
const STATUS_V1 = 'components/schemas/v1/InvoiceStatusV1.yaml';
const MONEY = 'components/schemas/common/Money.yaml';
const TS = 'components/schemas/common/Timestamp.yaml';
const ATTEMPT = 'components/schemas/v2/PaymentAttempt.yaml';
const V2_GET = 'paths/v2/invoices_{id}.yaml';
const V2_LIST = 'paths/v2/invoices.yaml';
const PAY = 'paths/v2/invoices_{id}_actions_pay.yaml';
const PAY_V1 = 'paths/v1/pay.yaml';
const UNAUTH = 'components/responses/Unauthorized.yaml';
const RETRY = 'components/headers/Retry-After.yaml';
const REQ_ID = 'components/headers/X-Request-Id.yaml';

const getInvoiceHeaders =
  '      headers:\n        X-Request-Id:\n          $ref: ../../components/headers/X-Request-Id.yaml\n        X-RateLimit-Limit:\n';

export const RESPONSES: Case[] = [
  {
    id: 'resp-prop-removed-v2',
    category: 'responses',
    version: 'v2',
    label: 'breaking',
    title: 'a response property removed',
    head: [
      rep(INV, '  - isOverdue\n', ''),
      rep(
        INV,
        "  isOverdue:\n    description: 'Derived, never stored; `true` when the invoice is `unpaid` and `dueAt` is in the past.'\n    type: boolean\n",
        '',
      ),
    ],
    expect: [x('breaking', 'breaking', 'response-property-removed', INV, 'properties:')],
  },
  {
    id: 'resp-prop-removed-v1-envelope',
    category: 'responses',
    version: 'v1',
    label: 'breaking',
    title: 'a v1 payload field removed (merged through the SuccessEnvelopeV1 allOf)',
    head: [
      rep(INV_V1, ', amountpaid, balance, items]', ', amountpaid, items]'),
      rep(INV_V1, '  balance:\n    description: Amount still due.\n    $ref: ./DecimalString.yaml\n', ''),
    ],
    expect: [x('breaking', 'breaking', 'response-property-removed', INV_V1, 'properties:')],
  },
  {
    id: 'resp-prop-removed-v1-inline',
    category: 'responses',
    version: 'v1',
    label: 'breaking',
    title: 'a field of an inline v1 payload (inside a path file) removed',
    head: [
      rep(PAY_V1, 'required: [success, message, invoiceId]', 'required: [success, invoiceId]'),
      rep(
        PAY_V1,
        '                      message:\n                        description: Human-readable confirmation.\n                        type: string\n                        maxLength: 500\n                        examples: [Function has been scheduled for execution]\n',
        '',
      ),
    ],
    expect: [
      x('breaking', 'breaking', 'response-property-removed', PAY_V1, 'properties:', {
        after: 'required: [success, invoiceId]',
      }),
    ],
  },
  {
    id: 'resp-prop-renamed-v1-snake-camel',
    category: 'responses',
    version: 'v1',
    label: 'breaking',
    title: 'a v1 response field renamed snake_case -> camelCase',
    head: [
      rep(INV_V1, 'publicId, formatted_id, type', 'publicId, formattedId, type'),
      rep(INV_V1, '  formatted_id:\n', '  formattedId:\n'),
    ],
    expect: [x('breaking', 'breaking', 'response-property-renamed', INV_V1, '  formattedId:')],
  },
  {
    id: 'resp-prop-renamed-v2-same-schema',
    category: 'responses',
    version: 'v2',
    label: 'breaking',
    title: 'a response field renamed to another word with the same schema',
    head: [rep(INV, '  - isOverdue\n', '  - overdue\n'), rep(INV, '  isOverdue:\n', '  overdue:\n')],
    expect: [x('breaking', 'breaking', 'response-property-renamed', INV, '  overdue:')],
  },
  {
    id: 'resp-prop-made-optional-v2',
    category: 'responses',
    version: 'v2',
    label: 'breaking',
    title: 'a response property no longer required',
    head: [rep(INV, '  - paidAt\n', '')],
    expect: [x('breaking', 'breaking', 'response-property-made-optional', INV, '  paidAt:')],
  },
  {
    id: 'resp-prop-made-required-v2',
    category: 'responses',
    version: 'v2',
    label: 'safe',
    title: 'a response property now always present',
    head: [rep(INV, '  - linkedInvoices\n', '  - linkedInvoices\n  - credit\n')],
    expect: [x('info', 'safe', 'response-property-made-required', INV, 'required:')],
  },
  {
    id: 'resp-prop-added-v2',
    category: 'responses',
    version: 'v2',
    label: 'safe',
    title: 'a new response property',
    head: [rep(INV, 'properties:\n  id:\n', 'properties:\n  memo:\n    type: string\n  id:\n')],
    expect: [x('info', 'safe', 'response-property-added', INV, '  memo:')],
  },
  {
    id: 'resp-type-changed-v2',
    category: 'responses',
    version: 'v2',
    label: 'breaking',
    title: 'a response number -> string',
    head: [
      rep(
        LINE,
        '    description: Tax rate of the line in percent.\n    type: number\n',
        '    description: Tax rate of the line in percent.\n    type: string\n',
      ),
    ],
    expect: [x('breaking', 'breaking', 'response-property-type-changed', LINE, 'type: string', { after: 'taxRate:' })],
  },
  {
    id: 'resp-made-nullable-v2',
    category: 'responses',
    version: 'v2',
    label: 'breaking',
    title: 'a response property may now be null',
    head: [
      rep(
        CARD,
        '    description: Last four digits of the card number.\n    type: string\n',
        "    description: Last four digits of the card number.\n    type: [string, 'null']\n",
      ),
    ],
    expect: [x('breaking', 'breaking', 'response-property-made-nullable', CARD, "type: [string, 'null']")],
  },
  {
    id: 'resp-enum-value-added-v2',
    category: 'responses',
    version: 'v2',
    label: 'warning',
    title: 'a response enum value added (also a filter value)',
    head: [rep(KIND, 'enum: [standard, add_funds, credit]', 'enum: [standard, add_funds, credit, refund]')],
    expect: [
      x('info', 'safe', 'request-enum-value-added', KIND, 'enum:'),
      x('warning', 'safe', 'response-enum-value-added', KIND, 'enum:'),
    ],
  },
  {
    id: 'resp-enum-value-renamed-v1',
    category: 'responses',
    version: 'v1',
    label: 'breaking',
    title: 'a v1 status spelled differently (Payment Pending -> PaymentPending)',
    head: [rep(STATUS_V1, 'Payment Pending', 'PaymentPending')],
    expect: [
      x('breaking', 'breaking', 'request-enum-value-renamed', STATUS_V1, 'enum:'),
      x('breaking', 'breaking', 'response-enum-value-renamed', STATUS_V1, 'enum:'),
    ],
  },
  {
    id: 'resp-format-datetime-to-date',
    category: 'responses',
    version: 'both',
    label: 'breaking',
    title: 'a response format date-time -> date',
    head: [rep(TS, 'format: date-time\n', 'format: date\n')],
    expect: [x('breaking', 'safe', 'response-format-changed', TS, 'format: date')],
  },
  {
    id: 'resp-max-raised',
    category: 'responses',
    version: 'v2',
    label: 'warning',
    title: 'a response maximum raised (clients validating the old range may reject)',
    head: [rep(MONEY, 'maximum: 100000000\n', 'maximum: 1000000000\n')],
    expect: [x('warning', 'safe', 'response-constraint-loosened', MONEY, 'maximum: 1000000000')],
  },
  {
    id: 'resp-max-lowered',
    category: 'responses',
    version: 'v2',
    label: 'safe',
    title: 'a response maximum lowered',
    head: [rep(MONEY, 'maximum: 100000000\n', 'maximum: 10000000\n')],
    expect: [x('info', 'safe', 'response-constraint-tightened', MONEY, 'maximum: 10000000')],
  },
  {
    id: 'resp-error-status-removed-v2',
    category: 'responses',
    version: 'v2',
    label: 'safe',
    title: 'an error status no longer documented (the server stops sending it)',
    head: [
      rep(
        PAY,
        "    '422':\n      description: 'The account has no saved card, or `savedCardId` is not one of its cards (`no_saved_card`).'\n",
        "    x-was-422:\n      description: 'The account has no saved card, or `savedCardId` is not one of its cards (`no_saved_card`).'\n",
      ),
    ],
    expect: [x('info', 'safe', 'response-error-status-removed', PAY, '  responses:')],
  },
  {
    id: 'resp-success-status-removed-v2',
    category: 'responses',
    version: 'v2',
    label: 'breaking',
    title: 'the success status changed 202 -> 200',
    head: [rep(PAY, "    '202':\n", "    '200':\n")],
    expect: [
      x('breaking', 'breaking', 'response-status-removed', PAY, '  responses:'),
      x('warning', 'safe', 'response-success-status-added', PAY, "'200':"),
    ],
  },
  {
    id: 'resp-4xx-range-equivalent',
    category: 'responses',
    version: 'v2',
    label: 'safe',
    title: 'an explicit 400 replaced by a 4XX range with the same body',
    head: [
      rep(
        V2_LIST,
        "    '400':\n      description: 'A query parameter is invalid",
        "    '4XX':\n      description: 'A query parameter is invalid",
      ),
    ],
    expect: [],
  },
  {
    id: 'resp-error-status-added-v2',
    category: 'responses',
    version: 'v2',
    label: 'safe',
    title: 'a new error status',
    head: [
      rep(
        V2_GET,
        "    '401':\n      $ref: ../../components/responses/Unauthorized.yaml\n",
        "    '401':\n      $ref: ../../components/responses/Unauthorized.yaml\n    '410':\n      $ref: ../../components/responses/InvoiceNotFound.yaml\n",
      ),
    ],
    expect: [x('info', 'safe', 'response-status-added', V2_GET, "'410':")],
  },
  {
    id: 'resp-content-type-changed-shared',
    category: 'responses',
    version: 'v2',
    label: 'breaking',
    title: 'a shared error response switched from application/problem+json to application/json',
    head: [rep(UNAUTH, 'content:\n  application/problem+json:\n', 'content:\n  application/json:\n')],
    expect: [
      x('breaking', 'breaking', 'response-content-type-removed', UNAUTH, 'content:'),
      x('info', 'safe', 'response-content-type-added', UNAUTH, 'application/json:'),
    ],
  },
  {
    id: 'resp-content-type-added-v2',
    category: 'responses',
    version: 'v2',
    label: 'safe',
    title: 'a response media type added',
    head: [
      rep(
        V2_GET,
        '      content:\n        application/json:\n          schema:\n            $ref: ../../components/schemas/v2/Invoice.yaml\n',
        '      content:\n        text/csv:\n          schema:\n            type: string\n        application/json:\n          schema:\n            $ref: ../../components/schemas/v2/Invoice.yaml\n',
      ),
    ],
    expect: [x('info', 'safe', 'response-content-type-added', V2_GET, 'text/csv:')],
  },
  {
    id: 'resp-write-only-added-v2',
    category: 'responses',
    version: 'v2',
    label: 'breaking',
    title: 'a response property became writeOnly (no longer returned)',
    head: [
      rep(
        INV,
        "    pattern: '^[1-9][0-9]{0,17}$'\n    examples: ['46376']\n",
        "    pattern: '^[1-9][0-9]{0,17}$'\n    writeOnly: true\n    examples: ['46376']\n",
      ),
    ],
    expect: [x('breaking', 'safe', 'response-property-write-only', INV, 'writeOnly: true')],
  },
  {
    id: 'resp-read-only-added-v2',
    category: 'responses',
    version: 'v2',
    label: 'safe',
    title: 'readOnly added to a response-only property',
    head: [
      rep(
        INV,
        "    pattern: '^[1-9][0-9]{0,17}$'\n    examples: ['46376']\n",
        "    pattern: '^[1-9][0-9]{0,17}$'\n    readOnly: true\n    examples: ['46376']\n",
      ),
    ],
    expect: [],
  },
  {
    id: 'resp-inline-type-changed-v1',
    category: 'responses',
    version: 'v1',
    label: 'breaking',
    title: 'an inline v1 field switched from a string id to an integer',
    head: [
      rep(
        PAY_V1,
        '                      invoiceId:\n                        $ref: ../../components/schemas/v1/LegacyId.yaml\n',
        '                      invoiceId:\n                        type: integer\n',
      ),
    ],
    expect: [x('breaking', 'breaking', 'response-property-type-changed', PAY_V1, 'type: integer')],
  },
  {
    id: 'resp-ref-retargeted-v2',
    category: 'responses',
    version: 'v2',
    label: 'breaking',
    title: 'a $ref retargeted to another existing component: located at the $ref, not in the target',
    head: [
      rep(
        INV,
        "  subtotal:\n    description: Sum of the lines' amounts, before tax.\n    $ref: ../common/Money.yaml\n",
        "  subtotal:\n    description: Sum of the lines' amounts, before tax.\n    $ref: ../v1/DecimalString.yaml\n",
      ),
    ],
    expect: [x('breaking', 'breaking', 'response-property-type-changed', INV, '$ref: ../v1/DecimalString.yaml')],
  },
  {
    id: 'resp-ref-retargeted-not-null',
    category: 'responses',
    version: 'v2',
    label: 'safe',
    title: 'a $ref retargeted from NullableTimestamp to Timestamp (never null now)',
    head: [
      rep(
        INV,
        "    description: 'When the invoice became `paid`; `null` otherwise.'\n    $ref: ../common/NullableTimestamp.yaml\n",
        "    description: 'When the invoice became `paid`; `null` otherwise.'\n    $ref: ../common/Timestamp.yaml\n",
      ),
    ],
    expect: [x('info', 'safe', 'response-constraint-tightened', INV, '$ref: ../common/Timestamp.yaml')],
  },
  {
    id: 'resp-envelope-data-refactor-v1',
    category: 'composition',
    version: 'v1',
    label: 'safe',
    title: "the v1 envelope's generic data member dropped (every response still defines data)",
    head: [
      rep(ENV_V1, 'required: [success, timestamp, requestId, data]', 'required: [success, timestamp, requestId]'),
      rep(ENV_V1, '  data:\n    description: The payload; its shape depends on the operation.\n    type: object\n', ''),
    ],
    expect: [],
  },
  {
    id: 'resp-envelope-field-removed-v1',
    category: 'composition',
    version: 'v1',
    label: 'breaking',
    title: 'a field removed from the v1 envelope (every v1 success response)',
    head: [
      rep(ENV_V1, 'required: [success, timestamp, requestId, data]', 'required: [success, timestamp, data]'),
      rep(ENV_V1, '  requestId:\n    $ref: ./RequestIdV1.yaml\n', ''),
    ],
    expect: [x('breaking', 'breaking', 'response-property-removed', ENV_V1, 'properties:')],
  },
  {
    id: 'resp-enum-null-only-by-type',
    category: 'responses',
    version: 'v2',
    label: 'safe',
    title: "type gains 'null' but the enum does not list null (null is still invalid)",
    head: [
      rep(
        CARD,
        '    description: Card network.\n    type: string\n',
        "    description: Card network.\n    type: [string, 'null']\n",
      ),
    ],
    expect: [],
  },
  {
    id: 'resp-prop-moved-into-allof',
    category: 'composition',
    version: 'v2',
    label: 'safe',
    title: 'a response property moved into an allOf member (same object)',
    head: [
      rep(ATTEMPT, '  invoice:\n    $ref: ./Invoice.yaml\n', ''),
      rep(
        ATTEMPT,
        'type: object\n',
        'type: object\nallOf:\n  - properties:\n      invoice:\n        $ref: ./Invoice.yaml\n',
      ),
    ],
    expect: [],
  },
  // ---------------------------------------------------------------- headers
  {
    id: 'hdr-required-removed-v2',
    category: 'headers',
    version: 'v2',
    label: 'breaking',
    title: 'a required response header removed',
    head: [rep(V2_GET, getInvoiceHeaders, '      headers:\n        X-RateLimit-Limit:\n')],
    expect: [x('breaking', 'safe', 'response-header-removed', V2_GET, 'headers:', { after: "'200':" })],
  },
  {
    id: 'hdr-optional-removed-v2',
    category: 'headers',
    version: 'v2',
    label: 'warning',
    title: 'an optional response header removed',
    head: [
      rep(PAY, '        Idempotent-Replayed:\n          $ref: ../../components/headers/Idempotent-Replayed.yaml\n', ''),
    ],
    expect: [x('warning', 'safe', 'response-optional-header-removed', PAY, 'headers:', { after: "'202':" })],
  },
  {
    id: 'hdr-made-optional-shared',
    category: 'headers',
    version: 'v2',
    label: 'breaking',
    title: 'a shared response header made optional: located in the header file',
    head: [rep(RETRY, 'required: true\n', 'required: false\n')],
    expect: [x('breaking', 'safe', 'response-header-made-optional', RETRY, 'required: false')],
  },
  {
    id: 'hdr-type-changed-shared',
    category: 'headers',
    version: 'both',
    label: 'breaking',
    title: 'a shared response header integer -> string',
    head: [rep(RETRY, '  type: integer\n', '  type: string\n')],
    expect: [x('breaking', 'breaking', 'response-property-type-changed', RETRY, 'type: string')],
  },
  {
    id: 'hdr-added-v2',
    category: 'headers',
    version: 'v2',
    label: 'safe',
    title: 'a new response header',
    head: [
      rep(
        V2_GET,
        getInvoiceHeaders,
        getInvoiceHeaders.replace(
          '        X-RateLimit-Limit:\n',
          '        ETag:\n          schema:\n            type: string\n        X-RateLimit-Limit:\n',
        ),
      ),
    ],
    expect: [x('info', 'safe', 'response-header-added', V2_GET, 'ETag:')],
  },
  {
    id: 'hdr-maxlength-raised-shared',
    category: 'headers',
    version: 'both',
    label: 'warning',
    title: 'a response header maxLength raised',
    head: [rep(REQ_ID, '  maxLength: 64\n', '  maxLength: 128\n')],
    expect: [x('warning', 'safe', 'response-constraint-loosened', REQ_ID, 'maxLength: 128')],
  },
  {
    id: 'hdr-name-case-v2',
    category: 'headers',
    version: 'v2',
    label: 'safe',
    title: 'a response header name written in another case',
    head: [rep(V2_GET, getInvoiceHeaders, getInvoiceHeaders.replace('X-Request-Id:', 'x-request-id:'))],
    expect: [],
  },
];
