// The mutation catalogue: each case turns the base fixture into a head (by
// editing the bundled document, or by editing files of the split source) and
// states EXACTLY which findings must come out: rule id, severity, side and
// pointer (and for some, the operations and the file:line).

import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleFile } from '../src/bundle-at-ref.js';
import { diffSpecs } from '../src/diff.js';
import { SourceLocator } from '../src/locate.js';
import type { RuleId } from '../src/rules.js';
import { locateFindings } from '../src/run.js';
import type { Finding, OpenAPIDoc, Severity, Side } from '../src/types.js';
import {
  baseDoc,
  copyFixture,
  editFile,
  FIXTURE_DIR,
  FIXTURE_ROOT,
  GET,
  LIST,
  lineOf,
  P_GET,
  P_LIST,
  P_PAY,
  PATH_ID,
  PATH_LIST,
  PATH_PAY,
  PAY,
  PIR,
  removeTemps,
  replaceOnce,
  S,
} from './helpers.js';

afterAll(removeTemps);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

interface Expect {
  ruleId: RuleId;
  severity: Severity;
  pointer: string;
  side: Side;
  ops?: string[];
  /** expected location: file (relative to the source the side is located in) and a regex for the line. */
  at?: { file: string; line: RegExp; after?: RegExp; inBase?: boolean };
}

interface Case {
  name: string;
  /** applied to both sides (the common starting point) */
  both?: (d: Doc) => void;
  /** applied to base only */
  base?: (d: Doc) => void;
  /** applied to head only */
  head?: (d: Doc) => void;
  files?: Record<string, (text: string) => string>;
  expect: Expect[];
}

type Opts = Partial<Pick<Expect, 'side' | 'ops' | 'at'>>;
/** An expected finding; the severity is spelled out (not read from RULES) so a wrong severity table fails here. */
const mk = (severity: Severity, ruleId: RuleId, pointer: string, o: Opts = {}): Expect => ({
  ruleId,
  severity,
  pointer,
  side: o.side ?? 'head',
  ...o,
});
const removed = (severity: Severity, ruleId: RuleId, pointer: string, o: Opts = {}): Expect =>
  mk(severity, ruleId, pointer, { ...o, side: 'base' });

const list = (d: Doc): Doc => d.paths[PATH_LIST].get;
const get = (d: Doc): Doc => d.paths[PATH_ID].get;
const pay = (d: Doc): Doc => d.paths[PATH_PAY].post;
const sc = (d: Doc, name: string): Doc => d.components.schemas[name];
const pir = (d: Doc): Doc => d.components.schemas.PayInvoiceRequest.properties;
const ALL = [LIST, GET, PAY];
const apiKey = (d: Doc): void => {
  d.components.securitySchemes.apiKey = { type: 'apiKey', in: 'header', name: 'X-Api-Key' };
};

// ------------------------------------------------------------------ breaking
const BREAKING: Case[] = [
  {
    name: 'operation removed',
    head: (d) => delete d.paths[PATH_ID].get,
    expect: [removed('breaking', 'operation-removed', P_GET, { ops: [GET] })],
  },
  {
    name: 'path changed, same operationId',
    head: (d) => {
      d.paths['/api/v2/billing/invoice-list'] = d.paths[PATH_LIST];
      delete d.paths[PATH_LIST];
    },
    expect: [
      mk('breaking', 'operation-path-changed', '#/paths/~1api~1v2~1billing~1invoice-list/get', {
        ops: ['GET /api/v2/billing/invoice-list (listInvoices)'],
      }),
    ],
  },
  {
    name: 'method changed, same operationId',
    head: (d) => {
      d.paths[PATH_PAY].put = pay(d);
      delete d.paths[PATH_PAY].post;
    },
    expect: [
      mk('breaking', 'operation-method-changed', '#/paths/~1api~1v2~1billing~1invoices~1{id}~1actions~1pay/put'),
    ],
  },
  {
    name: 'path changed without operationId = removed + added',
    head: (d) => {
      d.paths['/api/v2/invoices'] = d.paths[PATH_LIST];
      delete d.paths[PATH_LIST];
      delete d.paths['/api/v2/invoices'].get.operationId;
    },
    expect: [
      removed('breaking', 'operation-removed', P_LIST),
      mk('info', 'operation-added', '#/paths/~1api~1v2~1invoices/get'),
    ],
  },
  {
    name: 'operationId changed',
    head: (d) => {
      get(d).operationId = 'fetchInvoice';
    },
    expect: [
      mk('breaking', 'operation-id-changed', `${P_GET}/operationId`, {
        ops: ['GET /api/v2/billing/invoices/{id} (fetchInvoice)'],
      }),
    ],
  },
  {
    name: 'operationId removed',
    head: (d) => delete pay(d).operationId,
    expect: [mk('breaking', 'operation-id-removed', P_PAY, { ops: [PAY] })],
  },
  {
    name: 'required query parameter added',
    head: (d) =>
      list(d).parameters.push({ name: 'customerId', in: 'query', required: true, schema: { type: 'string' } }),
    expect: [mk('breaking', 'required-parameter-added', `${P_LIST}/parameters/3`, { ops: [LIST] })],
  },
  {
    name: 'parameter made required',
    head: (d) => {
      list(d).parameters[0].required = true;
    },
    expect: [mk('breaking', 'parameter-made-required', `${P_LIST}/parameters/0`)],
  },
  {
    name: 'parameter removed',
    head: (d) => list(d).parameters.splice(1, 1),
    expect: [removed('breaking', 'parameter-removed', `${P_LIST}/parameters/1`)],
  },
  {
    name: 'parameter renamed (same position)',
    head: (d) => {
      list(d).parameters[1].name = 'pageToken';
    },
    expect: [mk('breaking', 'parameter-renamed', `${P_LIST}/parameters/1`)],
  },
  {
    name: 'parameter type changed',
    head: (d) => {
      list(d).parameters[0].schema.type = 'string';
    },
    expect: [mk('breaking', 'parameter-type-changed', `${P_LIST}/parameters/0/schema/type`)],
  },
  {
    name: 'parameter location changed (header -> query)',
    head: (d) => {
      pay(d).parameters[0].in = 'query';
    },
    expect: [mk('breaking', 'parameter-location-changed', `${P_PAY}/parameters/0`)],
  },
  {
    name: 'parameter serialization changed',
    head: (d) => Object.assign(get(d).parameters[0], { style: 'form', explode: false }),
    expect: [mk('breaking', 'parameter-serialization-changed', `${P_GET}/parameters/0`)],
  },
  {
    name: 'path parameter pattern tightened (shared component)',
    head: (d) => {
      d.components.parameters.InvoiceId.schema.pattern = '^inv_[a-z0-9]{16}$';
    },
    expect: [
      mk('breaking', 'request-constraint-tightened', '#/components/parameters/InvoiceId/schema/pattern', {
        ops: [GET, PAY],
      }),
    ],
  },
  {
    name: 'request body removed',
    head: (d) => delete pay(d).requestBody,
    expect: [removed('breaking', 'request-body-removed', `${P_PAY}/requestBody`)],
  },
  {
    name: 'request body made required',
    base: (d) => {
      pay(d).requestBody.required = false;
    },
    expect: [mk('breaking', 'request-body-made-required', `${P_PAY}/requestBody`)],
  },
  {
    name: 'required request body added',
    base: (d) => delete pay(d).requestBody,
    expect: [mk('breaking', 'request-body-added-required', `${P_PAY}/requestBody`)],
  },
  {
    name: 'request content type removed',
    head: (d) => {
      const c = pay(d).requestBody.content;
      c['application/x-www-form-urlencoded'] = c['application/json'];
      delete c['application/json'];
    },
    expect: [
      removed('breaking', 'request-content-type-removed', `${P_PAY}/requestBody/content/application~1json`),
      mk('info', 'request-content-type-added', `${P_PAY}/requestBody/content/application~1x-www-form-urlencoded`),
    ],
  },
  {
    name: 'request property added as required',
    head: (d) => {
      pir(d).reference = { type: 'string' };
      sc(d, 'PayInvoiceRequest').required.push('reference');
    },
    expect: [mk('breaking', 'request-property-added-required', `${PIR}/reference`, { ops: [PAY] })],
  },
  {
    name: 'request property made required',
    head: (d) => sc(d, 'PayInvoiceRequest').required.push('note'),
    expect: [mk('breaking', 'request-property-made-required', `${PIR}/note`)],
  },
  {
    name: 'request property type changed',
    head: (d) => {
      pir(d).sendReceipt.type = 'string';
    },
    expect: [mk('breaking', 'request-property-type-changed', `${PIR}/sendReceipt/type`)],
  },
  {
    name: 'request minimum raised',
    head: (d) => {
      pir(d).amount.minimum = 100;
    },
    expect: [mk('breaking', 'request-constraint-tightened', `${PIR}/amount/minimum`)],
  },
  {
    name: 'request maximum lowered',
    head: (d) => {
      pir(d).amount.maximum = 1000000;
    },
    expect: [mk('breaking', 'request-constraint-tightened', `${PIR}/amount/maximum`)],
  },
  {
    name: 'request exclusiveMinimum added',
    head: (d) => {
      pir(d).amount.exclusiveMinimum = 1;
    },
    expect: [mk('breaking', 'request-constraint-tightened', `${PIR}/amount/exclusiveMinimum`)],
  },
  {
    name: 'request maximum made exclusive',
    head: (d) => {
      delete pir(d).amount.maximum;
      pir(d).amount.exclusiveMaximum = 100000000;
    },
    expect: [mk('breaking', 'request-constraint-tightened', `${PIR}/amount/exclusiveMaximum`)],
  },
  {
    name: 'request minLength raised',
    head: (d) => {
      pir(d).tags.items.minLength = 3;
    },
    expect: [mk('breaking', 'request-constraint-tightened', `${PIR}/tags/items/minLength`)],
  },
  {
    name: 'request maxLength lowered',
    head: (d) => {
      pir(d).note.maxLength = 140;
    },
    expect: [mk('breaking', 'request-constraint-tightened', `${PIR}/note/maxLength`)],
  },
  {
    name: 'request pattern changed',
    head: (d) => {
      pir(d).paymentMethodId.pattern = '^pm_[a-z0-9]{24}$';
    },
    expect: [mk('breaking', 'request-constraint-tightened', `${PIR}/paymentMethodId/pattern`)],
  },
  {
    name: 'request pattern added',
    head: (d) => {
      pir(d).note.pattern = '^[ -~]*$';
    },
    expect: [mk('breaking', 'request-constraint-tightened', `${PIR}/note/pattern`)],
  },
  {
    name: 'parameter format added',
    head: (d) => {
      list(d).parameters[1].schema.format = 'byte';
    },
    expect: [mk('breaking', 'request-constraint-tightened', `${P_LIST}/parameters/1/schema/format`)],
  },
  {
    name: 'parameter format changed',
    head: (d) => {
      pay(d).parameters[0].schema.format = 'ulid';
    },
    expect: [mk('breaking', 'request-constraint-tightened', `${P_PAY}/parameters/0/schema/format`)],
  },
  {
    name: 'request maxItems lowered',
    head: (d) => {
      pir(d).tags.maxItems = 5;
    },
    expect: [mk('breaking', 'request-constraint-tightened', `${PIR}/tags/maxItems`)],
  },
  {
    name: 'request minItems added',
    head: (d) => {
      pir(d).tags.minItems = 1;
    },
    expect: [mk('breaking', 'request-constraint-tightened', `${PIR}/tags/minItems`)],
  },
  {
    name: 'request multipleOf added',
    head: (d) => {
      pir(d).amount.multipleOf = 100;
    },
    expect: [mk('breaking', 'request-constraint-tightened', `${PIR}/amount/multipleOf`)],
  },
  {
    name: 'request additionalProperties: false added',
    base: (d) => delete sc(d, 'PayInvoiceRequest').additionalProperties,
    expect: [mk('breaking', 'request-constraint-tightened', `${S}/PayInvoiceRequest/additionalProperties`)],
  },
  {
    name: 'query enum value removed',
    head: (d) => {
      list(d).parameters[2].schema.enum = ['draft', 'open', 'paid'];
    },
    expect: [mk('breaking', 'request-enum-value-removed', `${P_LIST}/parameters/2/schema/enum`, { ops: [LIST] })],
  },
  {
    name: 'body enum value removed',
    head: (d) => {
      pir(d).currency.enum = ['EUR', 'USD'];
    },
    expect: [mk('breaking', 'request-enum-value-removed', `${PIR}/currency/enum`)],
  },
  {
    name: 'array parameter item enum value removed',
    head: (d) => {
      get(d).parameters[0].schema.items.enum = ['customer'];
    },
    expect: [mk('breaking', 'request-enum-value-removed', `${P_GET}/parameters/0/schema/items/enum`)],
  },
  {
    name: 'response property removed',
    head: (d) => delete sc(d, 'Invoice').properties.amountDue,
    expect: [removed('breaking', 'response-property-removed', `${S}/Invoice/properties/amountDue`, { ops: ALL })],
  },
  {
    name: 'response property removed (allOf base part)',
    head: (d) => {
      delete sc(d, 'Page').properties.hasMore;
      sc(d, 'Page').required = [];
    },
    expect: [removed('breaking', 'response-property-removed', `${S}/Page/properties/hasMore`, { ops: [LIST] })],
  },
  {
    name: 'response property removed (allOf inline part)',
    head: (d) => {
      delete sc(d, 'InvoiceList').allOf[1].properties.data;
      sc(d, 'InvoiceList').allOf[1].required = [];
    },
    expect: [removed('breaking', 'response-property-removed', `${S}/InvoiceList/allOf/1/properties/data`)],
  },
  {
    name: 'response property removed inside a oneOf alternative',
    head: (d) => {
      delete sc(d, 'Invoice').properties.discount.oneOf[0].properties.percent;
    },
    expect: [
      removed('breaking', 'response-property-removed', `${S}/Invoice/properties/discount/oneOf/0/properties/percent`),
    ],
  },
  {
    name: 'response property made optional',
    head: (d) => {
      sc(d, 'Invoice').required = sc(d, 'Invoice').required.filter((x: string) => x !== 'number');
    },
    expect: [mk('breaking', 'response-property-made-optional', `${S}/Invoice/properties/number`, { ops: ALL })],
  },
  {
    name: 'response property type changed (error schema)',
    head: (d) => {
      sc(d, 'Problem').properties.status.type = 'string';
    },
    expect: [mk('breaking', 'response-property-type-changed', `${S}/Problem/properties/status/type`, { ops: ALL })],
  },
  {
    name: 'response property widened integer -> number (array items)',
    head: (d) => {
      sc(d, 'InvoiceLine').properties.quantity.type = 'number';
    },
    expect: [mk('breaking', 'response-property-type-changed', `${S}/InvoiceLine/properties/quantity/type`)],
  },
  {
    name: 'response additionalProperties type changed',
    head: (d) => {
      sc(d, 'Invoice').properties.metadata.additionalProperties.type = 'integer';
    },
    expect: [
      mk('breaking', 'response-property-type-changed', `${S}/Invoice/properties/metadata/additionalProperties/type`),
    ],
  },
  {
    name: 'response property made nullable (3.1 type array)',
    head: (d) => {
      sc(d, 'Invoice').properties.dueDate.type = ['string', 'null'];
    },
    expect: [mk('breaking', 'response-property-made-nullable', `${S}/Invoice/properties/dueDate/type`, { ops: ALL })],
  },
  {
    name: 'response property made nullable (3.0 nullable: true)',
    both: (d) => {
      d.openapi = '3.0.3';
      sc(d, 'Page').properties.nextCursor = { type: 'string', nullable: true };
    },
    head: (d) => {
      sc(d, 'Invoice').properties.dueDate.nullable = true;
    },
    expect: [mk('breaking', 'response-property-made-nullable', `${S}/Invoice/properties/dueDate/nullable`)],
  },
  {
    name: 'response status removed',
    head: (d) => delete get(d).responses['404'],
    expect: [removed('breaking', 'response-status-removed', `${P_GET}/responses/404`, { ops: [GET] })],
  },
  {
    name: 'response content type removed',
    head: (d) => {
      const c = get(d).responses['200'].content;
      c['application/vnd.billing+json'] = c['application/json'];
      delete c['application/json'];
    },
    expect: [
      removed('breaking', 'response-content-type-removed', `${P_GET}/responses/200/content/application~1json`),
      mk('info', 'response-content-type-added', `${P_GET}/responses/200/content/application~1vnd.billing+json`),
    ],
  },
  {
    name: 'response content type removed (shared response component)',
    head: (d) => {
      const c = d.components.responses.NotFound.content;
      c['application/json'] = c['application/problem+json'];
      delete c['application/problem+json'];
    },
    expect: [
      removed(
        'breaking',
        'response-content-type-removed',
        '#/components/responses/NotFound/content/application~1problem+json',
        { ops: [GET, PAY] },
      ),
      mk('info', 'response-content-type-added', '#/components/responses/NotFound/content/application~1json'),
    ],
  },
  {
    name: 'response header removed',
    head: (d) => delete get(d).responses['200'].headers.ETag,
    expect: [removed('breaking', 'response-header-removed', `${P_GET}/responses/200/headers/ETag`)],
  },
  {
    name: 'response header type changed',
    head: (d) => {
      d.components.responses.TooManyRequests.headers['Retry-After'].schema.type = 'string';
    },
    expect: [
      mk(
        'breaking',
        'response-property-type-changed',
        '#/components/responses/TooManyRequests/headers/Retry-After/schema/type',
        { ops: ALL },
      ),
    ],
  },
  {
    name: 'security requirement added to an operation',
    head: (d) => {
      apiKey(d);
      list(d).security = [{ bearerAuth: ['invoices:read'], apiKey: [] }];
    },
    expect: [mk('breaking', 'security-requirement-added', `${P_LIST}/security`, { ops: [LIST] })],
  },
  {
    name: 'security scope added to an operation',
    head: (d) => pay(d).security[0].bearerAuth.push('payments:write'),
    expect: [mk('breaking', 'security-scope-added', `${P_PAY}/security`, { ops: [PAY] })],
  },
  {
    name: 'security scope added at the root',
    head: (d) => d.security[0].bearerAuth.push('billing:read'),
    expect: [mk('breaking', 'security-scope-added', '#/security', { ops: [LIST, GET] })],
  },
  {
    name: 'public operations now need authentication',
    base: (d) => delete d.security,
    expect: [mk('breaking', 'security-requirement-added', '#/security', { ops: [LIST, GET] })],
  },
  {
    name: 'security alternative removed',
    both: apiKey,
    base: (d) => {
      d.security.push({ apiKey: [] });
    },
    expect: [mk('breaking', 'security-requirement-removed', '#/security', { ops: [LIST, GET] })],
  },
  {
    name: 'referenced component removed (schema inlined)',
    head: (d) => {
      sc(d, 'Invoice').properties.status = structuredClone(sc(d, 'InvoiceStatus'));
      delete d.components.schemas.InvoiceStatus;
    },
    expect: [removed('breaking', 'ref-target-removed', `${S}/InvoiceStatus`, { ops: ['(components)'] })],
  },
  {
    name: 'security scheme in use removed',
    head: (d) => {
      delete d.components.securitySchemes.bearerAuth;
    },
    expect: [
      removed('breaking', 'ref-target-removed', '#/components/securitySchemes/bearerAuth', { ops: ['(components)'] }),
    ],
  },
  {
    name: 'head $ref points to a removed component',
    head: (d) => {
      sc(d, 'Invoice').properties.total = { $ref: '#/components/schemas/Monies' };
    },
    expect: [mk('breaking', 'ref-target-removed', `${S}/Invoice/properties/total`, { ops: ALL })],
  },
];

// ------------------------------------------------------------------ warnings
const WARNINGS: Case[] = [
  {
    name: 'response enum value added',
    head: (d) => sc(d, 'InvoiceStatus').enum.push('refunded'),
    expect: [mk('warning', 'response-enum-value-added', `${S}/InvoiceStatus/enum`, { ops: ALL })],
  },
  {
    name: 'response oneOf alternative added',
    head: (d) =>
      sc(d, 'Invoice').properties.discount.oneOf.push({
        title: 'CreditDiscount',
        type: 'object',
        properties: { credit: { type: 'integer' } },
      }),
    expect: [mk('warning', 'response-variant-added', `${S}/Invoice/properties/discount/oneOf/2`)],
  },
  {
    name: 'response pattern dropped',
    head: (d) => delete sc(d, 'Money').properties.currency.pattern,
    expect: [mk('warning', 'response-constraint-loosened', `${S}/Money/properties/currency`, { ops: ALL })],
  },
  {
    name: 'response format changed',
    head: (d) => {
      sc(d, 'Invoice').properties.createdAt.format = 'date';
    },
    expect: [mk('warning', 'response-constraint-loosened', `${S}/Invoice/properties/createdAt/format`)],
  },
  {
    name: 'request property no longer described',
    head: (d) => delete pir(d).note,
    expect: [removed('warning', 'request-property-removed', `${PIR}/note`)],
  },
];

// ------------------------------------------------------------- not breaking
const reverseKeys = (o: Doc): Doc => Object.fromEntries(Object.entries(o).reverse());
const SAFE: Case[] = [
  {
    name: 'description edits',
    head: (d) => {
      d.info.description = 'Something else.';
      list(d).description = 'New words.';
      list(d).parameters[0].description = 'How many.';
      sc(d, 'Invoice').properties.number.description = 'The number.';
      d.components.responses.NotFound.description = 'Gone fishing.';
    },
    expect: [],
  },
  {
    name: 'summary edits',
    head: (d) => {
      get(d).summary = 'Fetch one invoice';
      pay(d).summary = 'Settle';
    },
    expect: [],
  },
  {
    name: 'example edits',
    head: (d) => {
      get(d).responses['200'].content['application/json'].example = { id: 'inv_999' };
      sc(d, 'Money').properties.value.examples = [100, 2500];
    },
    expect: [],
  },
  {
    name: 'reordered keys',
    head: (d) => {
      sc(d, 'Invoice').properties = reverseKeys(sc(d, 'Invoice').properties);
      d.paths[PATH_PAY].post = reverseKeys(pay(d));
      d.components.schemas = reverseKeys(d.components.schemas);
      d.paths = reverseKeys(d.paths);
    },
    expect: [],
  },
  {
    name: 'reordered enum values',
    head: (d) => {
      sc(d, 'InvoiceStatus').enum.reverse();
      list(d).parameters[2].schema.enum.reverse();
    },
    expect: [],
  },
  {
    name: 'reordered required lists',
    head: (d) => {
      sc(d, 'Invoice').required.reverse();
      sc(d, 'PayInvoiceRequest').required.reverse();
    },
    expect: [],
  },
  {
    name: 'a new tag',
    head: (d) => {
      d.tags.push({ name: 'payments' });
      pay(d).tags.push('payments');
    },
    expect: [],
  },
  {
    name: 'info, servers and contact edits',
    head: (d) => {
      d.info.version = '2.5.0';
      d.servers.push({ url: 'https://sandbox.example.com' });
      d.info.contact.name = 'Payments';
    },
    expect: [],
  },
  {
    name: 'new optional request field',
    head: (d) => {
      pir(d).memo = { type: 'string' };
    },
    expect: [mk('info', 'request-property-added', `${PIR}/memo`)],
  },
  {
    name: 'new response property',
    head: (d) => {
      sc(d, 'Invoice').properties.hostedUrl = { type: 'string', format: 'uri' };
    },
    expect: [mk('info', 'response-property-added', `${S}/Invoice/properties/hostedUrl`, { ops: ALL })],
  },
  {
    name: 'new operation',
    head: (d) => {
      d.paths[PATH_ID].delete = { operationId: 'voidInvoice', responses: { '204': { description: 'Voided.' } } };
    },
    expect: [
      mk('info', 'operation-added', '#/paths/~1api~1v2~1billing~1invoices~1{id}/delete', {
        ops: ['DELETE /api/v2/billing/invoices/{id} (voidInvoice)'],
      }),
    ],
  },
  {
    name: 'request maximum raised',
    head: (d) => {
      pir(d).amount.maximum = 500000000;
    },
    expect: [mk('info', 'request-constraint-loosened', `${PIR}/amount/maximum`)],
  },
  {
    name: 'request minLength dropped',
    head: (d) => delete pir(d).tags.items.minLength,
    expect: [mk('info', 'request-constraint-loosened', `${PIR}/tags/items`)],
  },
  {
    name: 'request pattern dropped',
    head: (d) => delete pir(d).paymentMethodId.pattern,
    expect: [mk('info', 'request-constraint-loosened', `${PIR}/paymentMethodId`)],
  },
  {
    name: 'request integer widened to number',
    head: (d) => {
      pir(d).amount.type = 'number';
    },
    expect: [mk('info', 'request-constraint-loosened', `${PIR}/amount/type`)],
  },
  {
    name: 'new status code',
    head: (d) => {
      pay(d).responses['422'] = { $ref: '#/components/responses/BadRequest' };
    },
    expect: [mk('info', 'response-status-added', `${P_PAY}/responses/422`)],
  },
  {
    name: 'new optional parameter',
    head: (d) => list(d).parameters.push({ name: 'customerId', in: 'query', schema: { type: 'string' } }),
    expect: [mk('info', 'optional-parameter-added', `${P_LIST}/parameters/3`)],
  },
  {
    name: 'request enum value added',
    head: (d) => list(d).parameters[2].schema.enum.push('uncollectible'),
    expect: [mk('info', 'request-enum-value-added', `${P_LIST}/parameters/2/schema/enum`)],
  },
  {
    name: 'parameter made optional',
    base: (d) => {
      pay(d).parameters[0].required = true;
    },
    expect: [mk('info', 'parameter-made-optional', `${P_PAY}/parameters/0`)],
  },
  {
    name: 'request body made optional',
    head: (d) => {
      pay(d).requestBody.required = false;
    },
    expect: [mk('info', 'request-body-made-optional', `${P_PAY}/requestBody`)],
  },
  {
    name: 'response property now always present',
    head: (d) => sc(d, 'Invoice').required.push('dueDate'),
    expect: [mk('info', 'response-property-made-required', `${S}/Invoice/properties/dueDate`)],
  },
  {
    name: 'response enum value removed',
    head: (d) => {
      sc(d, 'InvoiceStatus').enum = sc(d, 'InvoiceStatus').enum.filter((x: string) => x !== 'uncollectible');
    },
    expect: [mk('info', 'response-enum-value-removed', `${S}/InvoiceStatus/enum`)],
  },
  {
    name: 'response header added',
    head: (d) => {
      get(d).responses['200'].headers['X-Request-Id'] = { schema: { type: 'string' } };
    },
    expect: [mk('info', 'response-header-added', `${P_GET}/responses/200/headers/X-Request-Id`)],
  },
  {
    name: 'response media type added',
    head: (d) => {
      get(d).responses['200'].content['application/xml'] = { schema: { $ref: '#/components/schemas/Invoice' } };
    },
    expect: [mk('info', 'response-content-type-added', `${P_GET}/responses/200/content/application~1xml`)],
  },
  {
    name: 'response constraint tightened',
    head: (d) => {
      sc(d, 'Problem').properties.title.maxLength = 200;
    },
    expect: [mk('info', 'response-constraint-tightened', `${S}/Problem/properties/title/maxLength`)],
  },
  {
    name: 'operation deprecated',
    head: (d) => {
      get(d).deprecated = true;
    },
    expect: [mk('info', 'operation-deprecated', `${P_GET}/deprecated`)],
  },
  {
    name: 'inline schema extracted into a component',
    head: (d) => {
      d.components.schemas.Metadata = sc(d, 'Invoice').properties.metadata;
      sc(d, 'Invoice').properties.metadata = { $ref: '#/components/schemas/Metadata' };
    },
    expect: [],
  },
  {
    name: 'unreferenced component removed',
    base: (d) => {
      d.components.schemas.Legacy = { type: 'object' };
    },
    expect: [],
  },
  {
    name: 'new required readOnly property (not sent by clients)',
    head: (d) => {
      pir(d).id = { type: 'string', readOnly: true };
      sc(d, 'PayInvoiceRequest').required.push('id');
    },
    expect: [],
  },
  {
    name: 'security alternative added',
    head: (d) => {
      apiKey(d);
      list(d).security = [{ bearerAuth: ['invoices:read'] }, { apiKey: [] }];
    },
    expect: [],
  },
  {
    name: 'path template variable renamed',
    head: (d) => {
      for (const p of [PATH_ID, PATH_PAY]) {
        d.paths[p.replace('{id}', '{invoiceId}')] = d.paths[p];
        delete d.paths[p];
      }
      d.components.parameters.InvoiceId.name = 'invoiceId';
    },
    expect: [
      mk('info', 'path-parameter-renamed', '#/paths/~1api~1v2~1billing~1invoices~1{invoiceId}/parameters/0'),
      mk(
        'info',
        'path-parameter-renamed',
        '#/paths/~1api~1v2~1billing~1invoices~1{invoiceId}~1actions~1pay/parameters/0',
      ),
    ],
  },
  {
    name: 'x-draft operation removed',
    base: (d) => {
      pay(d)['x-draft'] = true;
    },
    head: (d) => delete d.paths[PATH_PAY],
    expect: [],
  },
  {
    name: 'x-internal operation changed',
    base: (d) => {
      list(d)['x-internal'] = true;
    },
    head: (d) => {
      list(d).parameters = [];
      delete list(d).responses['400'];
      list(d).security = [{ bearerAuth: ['admin'] }];
    },
    expect: [],
  },
];

// ----------------------------------------------------- split-source overrides
const AMOUNT_DUE = '  amountDue:\n    $ref: ./Money.yaml\n';
const NEW_PARAM =
  '    - name: customerId\n      in: query\n      required: true\n      schema:\n        type: string\n  responses:\n';
const FILES: Case[] = [
  {
    name: 'file: response property removed -> parent object in head source',
    files: { 'components/schemas/Invoice.yaml': replaceOnce(AMOUNT_DUE, '') },
    expect: [
      removed('breaking', 'response-property-removed', `${S}/Invoice/properties/amountDue`, {
        ops: ALL,
        at: { file: 'components/schemas/Invoice.yaml', line: /^properties:/ },
      }),
    ],
  },
  {
    name: 'file: request maximum lowered',
    files: { 'components/schemas/PayInvoiceRequest.yaml': replaceOnce('maximum: 100000000', 'maximum: 1000000') },
    expect: [
      mk('breaking', 'request-constraint-tightened', `${PIR}/amount/maximum`, {
        at: { file: 'components/schemas/PayInvoiceRequest.yaml', line: /^ {4}maximum: 1000000$/ },
      }),
    ],
  },
  {
    name: 'file: required parameter added',
    files: { 'paths/invoices.yaml': replaceOnce('  responses:\n', NEW_PARAM) },
    expect: [
      mk('breaking', 'required-parameter-added', `${P_LIST}/parameters/3`, {
        at: { file: 'paths/invoices.yaml', line: /- name: customerId/ },
      }),
    ],
  },
  {
    name: 'file: change in a component the root does not list (InvoiceLine)',
    files: {
      'components/schemas/InvoiceLine.yaml': replaceOnce(
        '  quantity:\n    type: integer',
        '  quantity:\n    type: number',
      ),
    },
    expect: [
      mk('breaking', 'response-property-type-changed', `${S}/InvoiceLine/properties/quantity/type`, {
        at: { file: 'components/schemas/InvoiceLine.yaml', line: /^ {4}type: number/ },
      }),
    ],
  },
  {
    name: 'file: path parameter pattern tightened',
    files: {
      'components/parameters/InvoiceId.yaml': replaceOnce(
        "pattern: '^inv_[A-Za-z0-9]+$'",
        "pattern: '^inv_[a-z0-9]{16}$'",
      ),
    },
    expect: [
      mk('breaking', 'request-constraint-tightened', '#/components/parameters/InvoiceId/schema/pattern', {
        ops: [GET, PAY],
        at: { file: 'components/parameters/InvoiceId.yaml', line: /^ {2}pattern:/ },
      }),
    ],
  },
  {
    name: 'file: response status removed -> responses map in head source',
    files: {
      'paths/invoice-by-id.yaml': replaceOnce("    '404':\n      $ref: ../components/responses/NotFound.yaml\n", ''),
    },
    expect: [
      removed('breaking', 'response-status-removed', `${P_GET}/responses/404`, {
        at: { file: 'paths/invoice-by-id.yaml', line: /^ {2}responses:/ },
      }),
    ],
  },
  {
    name: 'file: response enum value added',
    files: {
      'components/schemas/InvoiceStatus.yaml': replaceOnce('  - uncollectible\n', '  - uncollectible\n  - refunded\n'),
    },
    expect: [
      mk('warning', 'response-enum-value-added', `${S}/InvoiceStatus/enum`, {
        at: { file: 'components/schemas/InvoiceStatus.yaml', line: /^enum:/ },
      }),
    ],
  },
  {
    name: 'file: security scope added',
    files: {
      'paths/invoice-pay.yaml': replaceOnce(
        '        - invoices:write\n',
        '        - invoices:write\n        - payments:write\n',
      ),
    },
    expect: [
      mk('breaking', 'security-scope-added', `${P_PAY}/security`, {
        at: { file: 'paths/invoice-pay.yaml', line: /^ {2}security:/ },
      }),
    ],
  },
  {
    name: 'file: response property made nullable',
    files: {
      'components/schemas/Page.yaml': replaceOnce(
        '  hasMore:\n    type: boolean',
        "  hasMore:\n    type: [boolean, 'null']",
      ),
    },
    expect: [
      mk('breaking', 'response-property-made-nullable', `${S}/Page/properties/hasMore/type`, {
        at: { file: 'components/schemas/Page.yaml', line: /type: \[boolean/ },
      }),
    ],
  },
  {
    name: 'file: path removed from the root -> located in the base source',
    files: {
      'openapi.yaml': replaceOnce(
        '  /api/v2/billing/invoices/{id}/actions/pay:\n    $ref: ./paths/invoice-pay.yaml\n',
        '',
      ),
    },
    expect: [
      removed('breaking', 'operation-removed', P_PAY, {
        at: { file: 'paths/invoice-pay.yaml', line: /^post:/, inBase: true },
      }),
    ],
  },
  {
    name: 'file: response header replaced',
    files: { 'components/responses/TooManyRequests.yaml': replaceOnce('  Retry-After:', '  X-RateLimit-Reset:') },
    expect: [
      removed('breaking', 'response-header-removed', '#/components/responses/TooManyRequests/headers/Retry-After', {
        at: { file: 'components/responses/TooManyRequests.yaml', line: /^headers:/ },
      }),
      mk('info', 'response-header-added', '#/components/responses/TooManyRequests/headers/X-RateLimit-Reset', {
        at: { file: 'components/responses/TooManyRequests.yaml', line: /^ {2}X-RateLimit-Reset:/ },
      }),
    ],
  },
  {
    name: 'file: operationId changed',
    files: { 'paths/invoice-by-id.yaml': replaceOnce('operationId: getInvoice', 'operationId: fetchInvoice') },
    expect: [
      mk('breaking', 'operation-id-changed', `${P_GET}/operationId`, {
        at: { file: 'paths/invoice-by-id.yaml', line: /operationId: fetchInvoice/ },
      }),
    ],
  },
  {
    name: 'file: reformatted component (flow style, comments, quoting) is not a change',
    files: {
      'components/schemas/Money.yaml': () =>
        '# Money in minor units\n{ "type": "object", "required": ["value", "currency"],\n  "properties": { "value": { "type": "integer" }, "currency": { "type": "string", "pattern": "^[A-Z]{3}$" } } }\n',
    },
    expect: [],
  },
  {
    name: 'file: keys moved around inside a file is not a change',
    files: {
      'components/schemas/Invoice.yaml': (t) =>
        t.replace('type: object\ndescription: An invoice issued to a customer.\n', '') +
        'description: An invoice.\ntype: object\n',
    },
    expect: [],
  },
];

async function runCase(c: Case): Promise<{ findings: Finding[]; headDir?: string }> {
  if (c.files) {
    const dir = copyFixture();
    for (const [rel, edit] of Object.entries(c.files)) editFile(dir, rel, edit);
    const head = await bundleFile(path.join(dir, 'openapi.yaml'));
    const findings = diffSpecs(await baseDoc(), head);
    locateFindings(
      findings,
      new SourceLocator(path.join(dir, 'openapi.yaml'), dir),
      new SourceLocator(FIXTURE_ROOT, FIXTURE_DIR),
    );
    return { findings, headDir: dir };
  }
  const base = await baseDoc();
  c.both?.(base);
  const head = structuredClone(base) as OpenAPIDoc;
  c.base?.(base);
  c.head?.(head);
  return { findings: diffSpecs(base, head) };
}

const key = (x: { severity: Severity; ruleId: string; side: Side; pointer: string }): string =>
  `${x.severity} ${x.ruleId} ${x.side} ${x.pointer}`;

async function check(c: Case): Promise<Finding[]> {
  const { findings, headDir } = await runCase(c);
  const got = [...new Set(findings.map(key))].sort();
  const want = [...new Set(c.expect.map(key))].sort();
  expect(got).toEqual(want);
  for (const e of c.expect) {
    const hits = findings.filter((f) => key(f) === key(e));
    if (e.ops) expect(hits.map((f) => f.operation).sort()).toEqual([...e.ops].sort());
    if (e.at) {
      const dir = e.at.inBase ? FIXTURE_DIR : headDir!;
      for (const f of hits)
        expect(f.location).toEqual({ file: e.at.file, line: lineOf(dir, e.at.file, e.at.line, e.at.after) });
    }
    for (const f of hits) expect(f.message.length).toBeGreaterThan(5);
  }
  return findings;
}

describe('mutation catalogue: breaking', () => {
  it('has at least 30 breaking cases', () => {
    const n = [...BREAKING, ...FILES].filter((c) => c.expect.some((e) => e.severity === 'breaking')).length;
    expect(n).toBeGreaterThanOrEqual(30);
  });
  it.each(BREAKING.map((c) => [c.name, c] as const))('%s', async (_n, c) => {
    const findings = await check(c);
    expect(findings.some((f) => f.severity === 'breaking')).toBe(true);
  });
});

describe('mutation catalogue: warnings', () => {
  it.each(WARNINGS.map((c) => [c.name, c] as const))('%s', async (_n, c) => {
    const findings = await check(c);
    expect(findings.filter((f) => f.severity === 'breaking')).toEqual([]);
    expect(findings.some((f) => f.severity === 'warning')).toBe(true);
  });
});

describe('mutation catalogue: not breaking', () => {
  it('has at least 20 non-breaking cases', () => {
    const n = [...SAFE, ...FILES].filter((c) => c.expect.every((e) => e.severity === 'info')).length;
    expect(n).toBeGreaterThanOrEqual(20);
  });
  it.each(SAFE.map((c) => [c.name, c] as const))('%s', async (_n, c) => {
    const findings = await check(c);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

describe('mutation catalogue: split-source overrides with file:line', () => {
  it('has at least 8 located cases', () => {
    expect(FILES.filter((c) => c.expect.some((e) => e.at)).length).toBeGreaterThanOrEqual(8);
  });
  it.each(FILES.map((c) => [c.name, c] as const))('%s', async (_n, c) => {
    await check(c);
  });
});

describe('diffSpecs sanity', () => {
  it('a document compared with itself has no findings', async () => {
    expect(diffSpecs(await baseDoc(), await baseDoc())).toEqual([]);
  });
  it('reports removed things with side "base" and changed things with side "head"', async () => {
    const base = await baseDoc();
    const head: Doc = structuredClone(base);
    delete head.components.schemas.Invoice.properties.amountDue;
    head.components.schemas.PayInvoiceRequest.properties.note.maxLength = 10;
    const f = diffSpecs(base, head);
    expect(f.find((x) => x.ruleId === 'response-property-removed')?.side).toBe('base');
    expect(f.find((x) => x.ruleId === 'request-constraint-tightened')?.side).toBe('head');
  });
  it('survives cyclic schemas', async () => {
    const base: Doc = await baseDoc();
    base.components.schemas.InvoiceLine.properties.invoice = { $ref: '#/components/schemas/Invoice' };
    const head: Doc = structuredClone(base);
    delete head.components.schemas.Invoice.properties.paidAt;
    const f = diffSpecs(base, head);
    expect([...new Set(f.map((x) => `${x.ruleId} ${x.pointer}`))]).toEqual([
      `response-property-removed ${S}/Invoice/properties/paidAt`,
    ]);
  });
});
