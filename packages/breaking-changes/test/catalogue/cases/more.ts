// Security, servers, webhooks, composition (oneOf/anyOf and discriminators) and component renames.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { all, app, type Case, del, rep, x } from '../model.js';
import { filesContaining, SPEC_DIR } from '../run.js';

const ROOT = 'openapi.yaml';
const CARDS = 'paths/v2/cards.yaml';
const CARDS_V1 = 'paths/v1/cards.yaml';
const V2_GET = 'paths/v2/invoices_{id}.yaml';
const BEARER = 'components/securitySchemes/BearerV2.yaml';
const APIKEY = 'components/securitySchemes/ApiKeyV1.yaml';
const ATTEMPT = 'components/schemas/v2/PaymentAttempt.yaml';
const PIR = 'components/schemas/v2/PayInvoiceRequest.yaml';
const EVENT = 'components/schemas/v2/InvoicePaidEvent.yaml';
const ACK = 'components/schemas/v2/WebhookAck.yaml';

const servers =
  "servers:\n  - url: https://api.billing.example\n    description: Production (placeholder host)\n  - url: http://127.0.0.1:4010\n    description: 'Local sandbox (`pnpm sandbox`)'\n";

// A webhook the base version already has: the API posts InvoicePaidEvent, the receiver answers with WebhookAck.
const webhookBase = [
  rep(
    ROOT,
    'paths:\n',
    "webhooks:\n  invoicePaid:\n    post:\n      operationId: invoicePaidWebhook\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n              $ref: components/schemas/v2/InvoicePaidEvent.yaml\n      responses:\n        '200':\n          description: Received.\n          content:\n            application/json:\n              schema:\n                $ref: components/schemas/v2/WebhookAck.yaml\npaths:\n",
  ),
  app(
    EVENT,
    'title: InvoicePaidEvent\ntype: object\nrequired: [type, invoiceId, paidAt]\nproperties:\n  type:\n    type: string\n    enum: [invoice.paid]\n  invoiceId:\n    $ref: ./InvoiceId.yaml\n  paidAt:\n    $ref: ../common/Timestamp.yaml\n  channel:\n    type: string\n',
  ),
  app(ACK, 'title: WebhookAck\ntype: object\nproperties:\n  received:\n    type: boolean\n'),
];

// The base version pays with a method chosen by a discriminator (request) and reports it back (response).
const methods = [
  app(
    'components/schemas/v2/CardMethod.yaml',
    'title: CardMethod\ntype: object\nrequired: [type]\nproperties:\n  type:\n    const: card\n  savedCardId:\n    $ref: ./CardId.yaml\n',
  ),
  app(
    'components/schemas/v2/CreditMethod.yaml',
    'title: CreditMethod\ntype: object\nrequired: [type]\nproperties:\n  type:\n    const: credit\n  amount:\n    type: number\n',
  ),
  app(
    'components/schemas/v2/LinkMethod.yaml',
    'title: LinkMethod\ntype: object\nrequired: [type, url]\nproperties:\n  type:\n    const: link\n  url:\n    type: string\n',
  ),
  rep(
    PIR,
    '  savedCardId:\n',
    '  method:\n    oneOf:\n      - $ref: ./CardMethod.yaml\n      - $ref: ./CreditMethod.yaml\n    discriminator:\n      propertyName: type\n      mapping:\n        card: ./CardMethod.yaml\n        credit: ./CreditMethod.yaml\n  savedCardId:\n',
  ),
  rep(
    ATTEMPT,
    '  invoice:\n',
    '  method:\n    oneOf:\n      - $ref: ./CardMethod.yaml\n      - $ref: ./CreditMethod.yaml\n    discriminator:\n      propertyName: type\n  invoice:\n',
  ),
];

const moneyFiles = filesContaining('Money.yaml');
const bearerFiles = filesContaining('BearerV2');

export const MORE: Case[] = [
  // ---------------------------------------------------------------- security
  {
    id: 'sec-scope-added-v2',
    category: 'security',
    version: 'v2',
    label: 'breaking',
    title: 'an operation needs one more scope',
    head: [rep(V2_GET, "    - BearerV2: ['read:billing']\n", "    - BearerV2: ['read:billing', 'read:invoices']\n")],
    expect: [x('breaking', 'safe', 'security-scope-added', V2_GET, 'security:')],
  },
  {
    id: 'sec-requirement-added-v2',
    category: 'security',
    version: 'v2',
    label: 'breaking',
    title: 'an operation needs a second credential as well',
    head: [
      rep(
        CARDS,
        "    - BearerV2: ['read:billing']\n",
        "    - BearerV2: ['read:billing']\n      ApiKeyV1: ['read:billing']\n",
      ),
    ],
    expect: [x('breaking', 'safe', 'security-requirement-added', CARDS, 'security:')],
  },
  {
    id: 'sec-alternative-added-v2',
    category: 'security',
    version: 'v2',
    label: 'safe',
    title: 'an alternative way to authenticate added',
    head: [
      rep(
        CARDS,
        "    - BearerV2: ['read:billing']\n",
        "    - BearerV2: ['read:billing']\n    - ApiKeyV1: ['read:billing']\n",
      ),
    ],
    expect: [],
  },
  {
    id: 'sec-alternative-removed-v2',
    category: 'security',
    version: 'v2',
    label: 'breaking',
    title: 'an alternative way to authenticate removed',
    base: [
      rep(
        CARDS,
        "    - BearerV2: ['read:billing']\n",
        "    - BearerV2: ['read:billing']\n    - ApiKeyV1: ['read:billing']\n",
      ),
    ],
    head: [rep(CARDS, "    - ApiKeyV1: ['read:billing']\n", '')],
    expect: [x('breaking', 'safe', 'security-requirement-removed', CARDS, 'security:')],
  },
  {
    id: 'sec-public-now-v1',
    category: 'security',
    version: 'v1',
    label: 'safe',
    title: 'an operation no longer needs credentials',
    head: [rep(CARDS_V1, "    - ApiKeyV1: ['read:billing']\n", '    - {}\n')],
    expect: [],
  },
  {
    id: 'sec-public-now-authenticated-v1',
    category: 'security',
    version: 'v1',
    label: 'breaking',
    title: 'a public operation now needs an API key',
    head: [rep('paths/v1/payment-link_{uuid}.yaml', 'security: []', "security:\n    - ApiKeyV1: ['read:billing']")],
    expect: [x('breaking', 'safe', 'security-requirement-added', 'paths/v1/payment-link_{uuid}.yaml', 'security:')],
  },
  {
    id: 'sec-scheme-type-changed-v2',
    category: 'security',
    version: 'v2',
    label: 'breaking',
    title: 'the bearer scheme became an API key header',
    head: [rep(BEARER, 'type: http\nscheme: bearer\n', 'type: apiKey\nin: header\nname: X-Api-Key\n')],
    expect: [
      x('breaking', 'safe', 'security-scheme-changed', BEARER, 'type: apiKey'),
      x('breaking', 'safe', 'security-scheme-changed', BEARER, 'in: header'),
      x('breaking', 'safe', 'security-scheme-changed', BEARER, 'name: X-Api-Key'),
    ],
  },
  {
    id: 'sec-header-name-changed-v1',
    category: 'security',
    version: 'v1',
    label: 'breaking',
    title: 'the API key header renamed',
    head: [rep(APIKEY, 'name: X-API-Key\n', 'name: X-Api-Token\n')],
    expect: [x('breaking', 'safe', 'security-scheme-changed', APIKEY, 'name: X-Api-Token')],
  },
  {
    id: 'sec-header-name-case-v1',
    category: 'security',
    version: 'v1',
    label: 'safe',
    title: 'the API key header name in another case (headers are case-insensitive)',
    head: [rep(APIKEY, 'name: X-API-Key\n', 'name: x-api-key\n')],
    expect: [],
  },
  {
    id: 'sec-bearer-format-added-v2',
    category: 'security',
    version: 'v2',
    label: 'safe',
    title: 'bearerFormat documented',
    head: [rep(BEARER, 'scheme: bearer\n', 'scheme: bearer\nbearerFormat: opaque\n')],
    expect: [],
  },
  {
    id: 'sec-scheme-renamed-v2',
    category: 'security',
    version: 'v2',
    label: 'safe',
    title: 'a security scheme renamed with every requirement updated (names are not on the wire)',
    head: bearerFiles.map((f) => all(f, 'BearerV2:', 'Bearer:')),
    expect: [x('info', 'safe', 'security-scheme-renamed', ROOT, '    Bearer:')],
  },
  // ---------------------------------------------------------------- servers
  {
    id: 'srv-root-removed',
    category: 'servers',
    version: 'both',
    label: 'breaking',
    title: 'the production server removed',
    head: [
      rep(
        ROOT,
        '  - url: https://api.billing.example\n    description: Production (placeholder host), for every integrator on the public internet.\n    x-internal: false\n',
        '',
      ),
    ],
    expect: [x('breaking', 'safe', 'server-removed', ROOT, 'servers:')],
  },
  {
    id: 'srv-root-host-changed',
    category: 'servers',
    version: 'both',
    label: 'breaking',
    title: 'the production host changed',
    head: [rep(ROOT, '  - url: https://api.billing.example\n', '  - url: https://billing-api.example\n')],
    expect: [
      x('breaking', 'safe', 'server-removed', ROOT, 'servers:'),
      x('info', 'safe', 'server-added', ROOT, 'https://billing-api.example'),
    ],
  },
  {
    id: 'srv-root-added',
    category: 'servers',
    version: 'both',
    label: 'safe',
    title: 'a server added',
    head: [
      rep(
        ROOT,
        '  - url: http://127.0.0.1:4010\n',
        '  - url: https://eu.api.billing.example\n  - url: http://127.0.0.1:4010\n',
      ),
    ],
    expect: [x('info', 'safe', 'server-added', ROOT, 'https://eu.api.billing.example')],
  },
  {
    id: 'srv-trailing-slash',
    category: 'servers',
    version: 'both',
    label: 'safe',
    title: 'a server URL written with a trailing slash, descriptions edited',
    head: [
      rep(
        ROOT,
        '  - url: https://api.billing.example\n    description: Production (placeholder host), for every integrator on the public internet.\n',
        '  - url: https://api.billing.example/\n    description: Production\n',
      ),
    ],
    expect: [],
  },
  {
    id: 'srv-path-level-v1',
    category: 'servers',
    version: 'v1',
    label: 'breaking',
    title: 'a v1 path moved to its own server (path-level servers)',
    head: [rep(CARDS_V1, 'get:\n', 'servers:\n  - url: https://legacy.billing.example\nget:\n')],
    expect: [
      x('breaking', 'safe', 'server-removed', CARDS_V1, 'servers:'),
      x('info', 'safe', 'server-added', CARDS_V1, 'https://legacy.billing.example'),
    ],
  },
  {
    id: 'srv-operation-level-same',
    category: 'servers',
    version: 'v2',
    label: 'safe',
    title: 'operation-level servers that list the same URLs as the root',
    head: [
      rep(
        CARDS,
        '  summary: List saved cards\n',
        `  summary: List saved cards\n${servers.replace(/^/gm, '  ').replace(/ +$/, '')}`,
      ),
    ],
    expect: [],
  },
  {
    id: 'srv-variable-enum-value-removed',
    category: 'servers',
    version: 'both',
    label: 'breaking',
    title: 'a server variable value removed',
    base: [
      rep(
        ROOT,
        '  - url: https://api.billing.example\n',
        '  - url: https://{region}.api.billing.example\n    variables:\n      region:\n        default: eu\n        enum: [eu, us]\n',
      ),
    ],
    head: [rep(ROOT, '        enum: [eu, us]\n', '        enum: [eu]\n')],
    expect: [x('breaking', 'safe', 'server-removed', ROOT, 'servers:')],
  },
  {
    id: 'srv-variable-default-changed',
    category: 'servers',
    version: 'both',
    label: 'breaking',
    title: 'a server variable default changed (no enum: the URL changes)',
    base: [
      rep(
        ROOT,
        '  - url: https://api.billing.example\n',
        '  - url: https://api.billing.example/{basePath}\n    variables:\n      basePath:\n        default: v1\n',
      ),
    ],
    head: [rep(ROOT, '        default: v1\n', '        default: v2\n')],
    expect: [
      x('breaking', 'safe', 'server-removed', ROOT, 'servers:'),
      x('info', 'safe', 'server-added', ROOT, 'https://api.billing.example/{basePath}'),
    ],
  },
  // ---------------------------------------------------------------- webhooks
  {
    id: 'wh-removed',
    category: 'webhooks',
    version: 'v2',
    label: 'breaking',
    title: 'a webhook removed',
    base: webhookBase,
    head: [rep(ROOT, '  invoicePaid:\n    post:\n', '  invoicePaid:\n    x-post:\n')],
    expect: [
      x('breaking', 'breaking', 'webhook-removed', ROOT, '  invoicePaid:'),
      x('info', 'breaking', 'component-removed', EVENT, 'title: InvoicePaidEvent', { inBase: true }),
      x('info', 'breaking', 'component-removed', ACK, 'title: WebhookAck', { inBase: true }),
    ],
  },
  {
    id: 'wh-added',
    category: 'webhooks',
    version: 'v2',
    label: 'safe',
    title: 'a new webhook',
    base: webhookBase,
    head: [
      rep(
        ROOT,
        '  invoicePaid:\n    post:\n',
        "  invoiceVoided:\n    post:\n      operationId: invoiceVoidedWebhook\n      responses:\n        '200':\n          description: Received.\n  invoicePaid:\n    post:\n",
      ),
    ],
    expect: [x('info', 'safe', 'webhook-added', ROOT, 'post:', { after: '  invoiceVoided:' })],
  },
  {
    id: 'wh-payload-field-removed',
    category: 'webhooks',
    version: 'v2',
    label: 'breaking',
    title: 'a webhook payload field removed (receivers read it)',
    base: webhookBase,
    head: [
      rep(EVENT, 'required: [type, invoiceId, paidAt]\n', 'required: [type, invoiceId]\n'),
      rep(EVENT, '  paidAt:\n    $ref: ../common/Timestamp.yaml\n', ''),
    ],
    expect: [x('breaking', 'breaking', 'response-property-removed', EVENT, 'properties:')],
  },
  {
    id: 'wh-payload-field-added',
    category: 'webhooks',
    version: 'v2',
    label: 'safe',
    title: 'a webhook payload field added (receivers get more)',
    base: webhookBase,
    head: [
      rep(EVENT, 'required: [type, invoiceId, paidAt]\n', 'required: [type, invoiceId, paidAt, amount]\n'),
      rep(EVENT, '  channel:\n', '  amount:\n    type: number\n  channel:\n'),
    ],
    expect: [x('info', 'safe', 'response-property-added', EVENT, '  amount:')],
  },
  {
    id: 'wh-payload-enum-added',
    category: 'webhooks',
    version: 'v2',
    label: 'warning',
    title: 'a webhook payload enum value added',
    base: webhookBase,
    head: [rep(EVENT, '    enum: [invoice.paid]\n', '    enum: [invoice.paid, invoice.partially_paid]\n')],
    expect: [x('warning', 'safe', 'response-enum-value-added', EVENT, 'enum: [invoice.paid, invoice.partially_paid]')],
  },
  {
    id: 'wh-payload-made-optional',
    category: 'webhooks',
    version: 'v2',
    label: 'breaking',
    title: 'a webhook payload field no longer always sent',
    base: webhookBase,
    head: [rep(EVENT, 'required: [type, invoiceId, paidAt]\n', 'required: [type, invoiceId]\n')],
    expect: [x('breaking', 'breaking', 'response-property-made-optional', EVENT, '  paidAt:')],
  },
  {
    id: 'wh-payload-narrowed',
    category: 'webhooks',
    version: 'v2',
    label: 'safe',
    title: 'a webhook payload field narrowed (receivers accept it)',
    base: webhookBase,
    head: [
      rep(
        EVENT,
        '  channel:\n    type: string\n',
        '  channel:\n    type: string\n    enum: [card, credit, transfer]\n',
      ),
    ],
    expect: [x('info', 'safe', 'response-constraint-tightened', EVENT, 'enum: [card, credit, transfer]')],
  },
  {
    id: 'wh-ack-required-field',
    category: 'webhooks',
    version: 'v2',
    label: 'breaking',
    title: "the receiver's reply needs a new required field (receivers send it)",
    base: webhookBase,
    head: [
      rep(
        ACK,
        'type: object\nproperties:\n',
        'type: object\nrequired: [eventId]\nproperties:\n  eventId:\n    type: string\n',
      ),
    ],
    expect: [x('breaking', 'breaking', 'request-property-added-required', ACK, '  eventId:')],
  },
  {
    id: 'wh-ack-field-loosened',
    category: 'webhooks',
    version: 'v2',
    label: 'safe',
    title: "the receiver's reply accepts more",
    base: webhookBase,
    head: [rep(ACK, '    type: boolean\n', "    type: [boolean, 'null']\n")],
    expect: [x('info', 'safe', 'request-constraint-loosened', ACK, "type: [boolean, 'null']")],
  },
  // ---------------------------------------------------------------- composition
  {
    id: 'cmp-response-variant-added',
    category: 'composition',
    version: 'v2',
    label: 'warning',
    title: 'a response oneOf gains an alternative',
    base: methods,
    head: [
      rep(
        ATTEMPT,
        '      - $ref: ./CreditMethod.yaml\n    discriminator:\n',
        '      - $ref: ./CreditMethod.yaml\n      - $ref: ./LinkMethod.yaml\n    discriminator:\n',
      ),
    ],
    expect: [x('warning', 'safe', 'response-variant-added', ATTEMPT, '$ref: ./LinkMethod.yaml')],
  },
  {
    id: 'cmp-response-variant-removed',
    category: 'composition',
    version: 'v2',
    label: 'safe',
    title: 'a response oneOf loses an alternative (clients receive less)',
    base: methods,
    head: [
      rep(
        ATTEMPT,
        '      - $ref: ./CardMethod.yaml\n      - $ref: ./CreditMethod.yaml\n    discriminator:\n      propertyName: type\n  invoice:\n',
        '      - $ref: ./CardMethod.yaml\n    discriminator:\n      propertyName: type\n  invoice:\n',
      ),
    ],
    expect: [x('info', 'breaking', 'response-variant-removed', ATTEMPT, 'oneOf:')],
  },
  {
    id: 'cmp-request-variant-removed',
    category: 'composition',
    version: 'v2',
    label: 'breaking',
    title: 'a request oneOf loses an alternative and its discriminator value',
    base: methods,
    head: [
      rep(PIR, '      - $ref: ./CreditMethod.yaml\n    discriminator:\n', '    discriminator:\n'),
      rep(PIR, '        credit: ./CreditMethod.yaml\n', ''),
    ],
    expect: [
      x('breaking', 'breaking', 'request-variant-removed', PIR, 'oneOf:'),
      x('breaking', 'breaking', 'request-discriminator-changed', PIR, 'discriminator:'),
    ],
  },
  {
    id: 'cmp-request-variant-added',
    category: 'composition',
    version: 'v2',
    label: 'safe',
    title: 'a request oneOf gains an alternative',
    base: methods,
    head: [
      rep(
        PIR,
        '      - $ref: ./CreditMethod.yaml\n    discriminator:\n',
        '      - $ref: ./CreditMethod.yaml\n      - $ref: ./LinkMethod.yaml\n    discriminator:\n',
      ),
      rep(
        PIR,
        '        credit: ./CreditMethod.yaml\n',
        '        credit: ./CreditMethod.yaml\n        link: ./LinkMethod.yaml\n',
      ),
    ],
    expect: [x('info', 'safe', 'request-variant-added', PIR, '$ref: ./LinkMethod.yaml')],
  },
  {
    id: 'cmp-discriminator-key-renamed',
    category: 'composition',
    version: 'v2',
    label: 'breaking',
    title: 'a discriminator mapping key renamed (the wire tag changes)',
    base: methods,
    head: [rep(PIR, '        card: ./CardMethod.yaml\n', '        saved_card: ./CardMethod.yaml\n')],
    expect: [x('breaking', 'breaking', 'request-discriminator-changed', PIR, 'discriminator:')],
  },
  {
    id: 'cmp-discriminator-property-changed',
    category: 'composition',
    version: 'v2',
    label: 'breaking',
    title: 'the discriminator property renamed',
    base: methods,
    head: [rep(PIR, '      propertyName: type\n', '      propertyName: kind\n')],
    expect: [x('breaking', 'breaking', 'request-discriminator-changed', PIR, 'discriminator:')],
  },
  {
    id: 'cmp-variants-reordered',
    category: 'composition',
    version: 'v2',
    label: 'safe',
    title: 'oneOf alternatives reordered',
    base: methods,
    head: [
      rep(
        ATTEMPT,
        '      - $ref: ./CardMethod.yaml\n      - $ref: ./CreditMethod.yaml\n',
        '      - $ref: ./CreditMethod.yaml\n      - $ref: ./CardMethod.yaml\n',
      ),
    ],
    expect: [],
  },
  {
    id: 'cmp-variant-field-removed',
    category: 'composition',
    version: 'v2',
    label: 'breaking',
    title: 'a field removed inside one response alternative',
    base: methods,
    head: [rep('components/schemas/v2/CreditMethod.yaml', '  amount:\n    type: number\n', '')],
    expect: [
      x('breaking', 'breaking', 'response-property-removed', 'components/schemas/v2/CreditMethod.yaml', 'properties:'),
      x('warning', 'breaking', 'request-property-removed', 'components/schemas/v2/CreditMethod.yaml', 'properties:'),
    ],
  },
  {
    id: 'cmp-inline-middle-variant-removed',
    category: 'composition',
    version: 'v2',
    label: 'safe',
    title: 'the middle of three inline response alternatives removed (the others are not reported as changed)',
    base: [
      rep(
        ATTEMPT,
        '  invoice:\n',
        '  receipt:\n    anyOf:\n      - type: object\n        properties:\n          pdfUrl:\n            type: string\n      - type: object\n        properties:\n          emailSentTo:\n            type: string\n          emailSentAt:\n            type: string\n      - type: object\n        properties:\n          smsSentTo:\n            type: string\n  invoice:\n',
      ),
    ],
    head: [
      rep(
        ATTEMPT,
        '      - type: object\n        properties:\n          emailSentTo:\n            type: string\n          emailSentAt:\n            type: string\n',
        '',
      ),
    ],
    expect: [x('info', 'breaking', 'response-variant-removed', ATTEMPT, 'anyOf:')],
  },
  {
    id: 'cmp-oneof-collapsed',
    category: 'composition',
    version: 'v2',
    label: 'safe',
    title: 'a single-alternative oneOf written as a plain $ref',
    base: [
      rep(ATTEMPT, '  invoice:\n    $ref: ./Invoice.yaml\n', '  invoice:\n    oneOf:\n      - $ref: ./Invoice.yaml\n'),
    ],
    head: [
      rep(ATTEMPT, '  invoice:\n    oneOf:\n      - $ref: ./Invoice.yaml\n', '  invoice:\n    $ref: ./Invoice.yaml\n'),
    ],
    expect: [],
  },
  // ---------------------------------------------------------------- components
  {
    id: 'cmp-schema-renamed-everywhere',
    category: 'components',
    version: 'both',
    label: 'safe',
    title: 'a schema component renamed with every $ref updated: wire-safe, types-breaking',
    head: [
      ...moneyFiles.map((f) => all(f, 'Money.yaml', 'Amount.yaml')),
      del('components/schemas/common/Money.yaml'),
      app(
        'components/schemas/common/Amount.yaml',
        readFileSync(path.join(SPEC_DIR, 'components/schemas/common/Money.yaml'), 'utf8'),
      ),
    ],
    expect: [x('info', 'breaking', 'component-renamed', 'components/schemas/common/Amount.yaml', 'title: Money')],
  },
  {
    id: 'cmp-inline-extracted',
    category: 'components',
    version: 'v1',
    label: 'safe',
    title: 'an inline v1 payload extracted into a component (same shape)',
    head: [
      rep(
        'paths/v1/pay.yaml',
        "                  data:\n                    type: object\n                    required: [success, message, invoiceId]\n                    properties:\n                      success:\n                        description: 'Always `true` here.'\n                        type: boolean\n                      message:\n                        description: Human-readable confirmation.\n                        type: string\n                        maxLength: 500\n                        examples: [Function has been scheduled for execution]\n                      invoiceId:\n                        $ref: ../../components/schemas/v1/LegacyId.yaml\n",
        '                  data:\n                    $ref: ../../components/schemas/v1/PayResultV1.yaml\n',
      ),
      app(
        'components/schemas/v1/PayResultV1.yaml',
        'title: PayResultV1\ntype: object\nrequired: [success, message, invoiceId]\nproperties:\n  success:\n    type: boolean\n  message:\n    type: string\n    maxLength: 500\n  invoiceId:\n    $ref: ./LegacyId.yaml\n',
      ),
    ],
    expect: [],
  },
];
