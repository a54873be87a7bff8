// The pages the API was written from, checked against the sandbox field by field: each page's own
// curl example, run with the real `curl` binary and adapted only in host, key and ids (the ids are the
// spec's own path-parameter examples, which the demo data holds). Each page's fields are written
// down here as the page gives them (name, JSON type, format, and the value where the page's scenario
// determines it); the spec bundle must agree with the page on each field's type, and the sandbox's
// answer must match both. Where we differ from a page on purpose, the test pins our side of the
// difference the spec README's table documents.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { openapi } from '@billing-api/openapi';
import dereferenced from '@billing-api/openapi/openapi.dereferenced.json' with { type: 'json' };
import { findOperation, listOperations } from '@billing-api/openapi-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkResponse, startTestSandbox, type TestSandbox, V2 } from './helpers.js';

const run = promisify(execFile);
const operations = listOperations(openapi);

type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';
interface PageField {
  type: JsonType;
  format?: 'date-time' | 'uuid' | 'date' | 'uri';
  value?: unknown;
}
type Page = Record<string, PageField>;

const FORMATS: Record<NonNullable<PageField['format']>, RegExp> = {
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  uri: /^https?:\/\/\S+$/,
};

interface CurlAnswer {
  status: number;
  headers: Headers;
  body: any;
}

/** Runs a page's curl command line (with `\` continuations) through sh, as a reader would paste it. */
async function curl(command: string): Promise<CurlAnswer> {
  const { stdout } = await run('sh', ['-c', `${command} -sS -i`], { encoding: 'utf8' });
  const split = stdout.indexOf('\r\n\r\n');
  const [statusLine, ...headerLines] = stdout.slice(0, split).split('\r\n');
  const headers = new Headers();
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  const text = stdout.slice(split + 4);
  return { status: Number(statusLine!.split(' ')[1]), headers, body: text === '' ? undefined : JSON.parse(text) };
}

/** The page's command with the sandbox's origin, a demo key and the ids the spec's examples use. */
function adapt(command: string, t: TestSandbox, replacements: Record<string, string>): string {
  let adapted = command.replaceAll('https://cloud.hostup.se', t.url);
  for (const [from, to] of Object.entries(replacements)) adapted = adapted.replaceAll(from, to);
  return adapted;
}

/** Validates a curl answer against the spec, as every sandbox test does. */
function conforms(method: string, path: string, answer: CurlAnswer): void {
  checkResponse(method, path, {
    status: answer.status,
    headers: answer.headers,
    body: answer.body,
    text: answer.body === undefined ? '' : JSON.stringify(answer.body),
    requestId: answer.headers.get('x-request-id'),
  });
}

const at = (value: unknown, path: string): unknown =>
  path.split('.').reduce<any>((node, key) => (node === undefined || node === null ? undefined : node[key]), value);

const jsonType = (value: unknown): string =>
  Array.isArray(value)
    ? 'array'
    : Number.isInteger(value)
      ? 'integer'
      : value === null
        ? 'null'
        : typeof value === 'number'
          ? 'number'
          : typeof value;

/** The schemas the bundle declares at a dotted path of an operation's response body (through allOf). */
function specSchemaAt(operationId: string, status: number, path: string): any {
  const op = findOperation(operations, operationId)!;
  const content = (dereferenced as any).paths[op.path][op.method].responses[String(status)].content;
  const flatten = (schema: any): any[] => [schema, ...(schema.allOf ?? []).flatMap(flatten)];
  let schemas: any[] = [(Object.values(content)[0] as any).schema];
  for (const key of path.split('.')) {
    schemas = schemas.flatMap(flatten).flatMap((s) => (s.properties?.[key] ? [s.properties[key]] : []));
  }
  return schemas.find((s) => s.type !== undefined || s.allOf !== undefined);
}

/** Field by field: the bundle agrees with the page on the type, the answer has the page's type, format and value. */
function compareWithPage(answer: unknown, page: Page, spec: { operationId: string; status: number }): void {
  for (const [path, field] of Object.entries(page)) {
    const declared = specSchemaAt(spec.operationId, spec.status, path);
    expect(declared, `the spec declares ${path}`).toBeDefined();
    const types = [declared.type].flat().filter((x: string) => x !== 'null');
    expect(types, `spec type of ${path}`).toContain(field.type);
    const value = at(answer, path);
    expect(jsonType(value) === field.type || (field.type === 'number' && typeof value === 'number'), path).toBe(true);
    if (field.format) expect(value, `${path} is a ${field.format}`).toMatch(FORMATS[field.format]);
    if ('value' in field) expect(value, path).toEqual(field.value);
  }
}

/** The example of a path parameter in the spec (the demo data holds every such id). */
function pathExample(operationId: string, name: string): string {
  const found = findOperation(operations, operationId)!.parameters.find(
    (p) => p.parameter.in === 'path' && p.parameter.name === name,
  );
  return String(found!.parameter.example);
}

const ENVELOPE_V1: Page = {
  success: { type: 'boolean', value: true },
  timestamp: { type: 'string', format: 'date-time' },
  requestId: { type: 'string', format: 'uuid' },
};

describe('seed 000: HostUp v1 apply-credit', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox();
  });
  afterAll(() => t.close());
  const id = pathExample('applyCreditV1', 'id');
  const page = `curl -X POST "https://cloud.hostup.se/api/billing/invoice/46376/apply-credit" \\
  -H "X-API-Key: YOUR_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{
    "amount": "130.00"
  }'`;

  it("answers the page's example with the page's fields and values", async () => {
    const answer = await curl(adapt(page, t, { YOUR_API_KEY: t.keys.business, '46376': id }));
    expect(answer.status).toBe(200);
    conforms('POST', `/api/billing/invoice/${id}/apply-credit`, answer);
    compareWithPage(
      answer.body,
      {
        ...ENVELOPE_V1,
        'data.message': { type: 'string', value: 'Credit has been applied to invoice' },
        'data.invoiceId': { type: 'string', value: id },
        'data.amount': { type: 'string', value: '130.00' },
      },
      { operationId: 'applyCreditV1', status: 200 },
    );
  });

  it('takes the lenient amounts a legacy client sends and answers in the page format', async () => {
    for (const [sent, answered] of [
      ['130', '130.00'],
      ['130.5', '130.50'],
    ]) {
      const answer = await curl(
        adapt(page, t, { YOUR_API_KEY: t.keys.business, '46376': id, '"130.00"': JSON.stringify(sent) }),
      );
      expect(answer.body.data.amount).toBe(answered);
    }
  });

  it('keeps a specific code where the page has the single BAD_REQUEST (a documented difference)', async () => {
    const { balance } = (await t.get(`/api/billing/invoice/${id}`, t.keys.business)).body.data.invoice;
    const { credit } = (await t.get('/api/billing/account-summary', t.keys.business)).body.data;
    const over = (Number(balance) + 1).toFixed(2);
    expect(Number(over)).toBeLessThan(Number(credit)); // above the invoice's balance, not above the credit
    const answer = await curl(adapt(page, t, { YOUR_API_KEY: t.keys.business, '46376': id, '"130.00"': `"${over}"` }));
    expect(answer.status).toBe(400);
    conforms('POST', `/api/billing/invoice/${id}/apply-credit`, answer);
    compareWithPage(
      answer.body,
      {
        code: { type: 'string', value: 'AMOUNT_EXCEEDS_INVOICE_BALANCE' }, // the page: BAD_REQUEST
        error: { type: 'string', value: 'Bad Request' },
        message: { type: 'string' },
        requestId: { type: 'string', format: 'uuid' },
        timestamp: { type: 'string', format: 'date-time' },
      },
      { operationId: 'applyCreditV1', status: 400 },
    );
    expect(answer.body.message).toMatch(/^Failed to apply credit/); // the page's message, with the reason
  });
});

describe('seed 001: WHMCS ApplyCredit', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox();
  });
  afterAll(() => t.close());
  const id = pathExample('applyCreditV1', 'id');
  // The page's example is PHP curl against `includes/api.php` with `action=ApplyCredit`; the same
  // request to our v1 operation, with the page's `invoiceid` in the path and its `amount` in the body:
  const command = (body: string, invoice = id) =>
    `curl -X POST "${t.url}/api/billing/invoice/${invoice}/apply-credit" -H "X-API-Key: ${t.keys.business}" -H "Content-Type: application/json" -d '${body}'`;

  it("answers the page's request: result, invoiceid, amount, invoicepaid", async () => {
    const answer = await curl(command('{"amount": "10.00"}'));
    conforms('POST', `/api/billing/invoice/${id}/apply-credit`, answer);
    // The page: {"result": "success", "invoiceid": "1", "amount": "10.00", "invoicepaid": "false"}.
    expect(answer.body.success).toBe(true); // result: success
    expect(answer.body.data.invoiceId).toBe(id); // invoiceid, a numeric string
    expect(answer.body.data.amount).toBe('10.00'); // amount, the page's two-decimal string
    expect(answer.body.data.invoicePaid).toBe(false); // invoicepaid: a boolean, where the page has "false"
    expect(String(answer.body.data.invoicePaid)).toBe('false');
  });

  it('omitting amount applies the largest amount allowed; noemail is taken (the page marks both optional)', async () => {
    const invoice = await t.get(`/api/billing/invoice/${id}`, t.keys.business);
    const balance = invoice.body.data.invoice.balance;
    const answer = await curl(command('{"noemail": true}'));
    conforms('POST', `/api/billing/invoice/${id}/apply-credit`, answer);
    expect(answer.body.data).toMatchObject({ amount: balance, invoicePaid: true, balance: '0.00' });
  });

  it("reaches each of the page's five error conditions, in v1 and in v2", async () => {
    const key = t.keys.business;
    const v1 = (invoice: string, body: string) =>
      `curl -X POST "${t.url}/api/billing/invoice/${invoice}/apply-credit" -H "X-API-Key: ${key}" -H "Content-Type: application/json" -d '${body}'`;
    const v2 = (invoice: string, body: string) =>
      `curl -X POST "${t.url}${V2}/invoices/${invoice}/actions/apply-credit" -H "Authorization: Bearer ${key}" -H "Content-Type: application/json" -d '${body}'`;
    const paid = (await t.get('/api/billing/invoices?status=Paid', key)).body.data.invoices[0];
    const unpaid = (await t.get('/api/billing/invoices?status=Unpaid', key)).body.data.invoices.find(
      (i: { type: string; balance: string }) => i.type === 'standard' && Number(i.balance) > 0,
    );
    const credit = Number((await t.get('/api/billing/account-summary', key)).body.data.credit);
    const balance = Number(unpaid.balance);
    expect(balance).toBeLessThan(credit); // so that balance + 1 exceeds the invoice, not the credit
    const cases: Array<[condition: string, v1: string, v2: string, v1Code: string, v2: [number, string]]> = [
      [
        'Invoice ID Not Found',
        v1('999999', '{}'),
        v2('inv_00000000000000000000000000', '{}'),
        'INVOICE_NOT_FOUND',
        [404, 'invoice_not_found'],
      ],
      [
        'Invoice Not in Unpaid Status',
        v1(paid.id, '{}'),
        v2(paid.publicId, '{}'),
        'INVOICE_NOT_UNPAID',
        [409, 'invoice_not_unpaid'],
      ],
      [
        'Amount exceeds customer credit balance',
        v1(unpaid.id, `{"amount": "${credit + 1}"}`),
        v2(unpaid.publicId, `{"amount": ${credit + 1}}`),
        'AMOUNT_EXCEEDS_CREDIT_BALANCE',
        [422, 'amount_exceeds_credit_balance'],
      ],
      [
        'Amount Exceeds Invoice Balance',
        v1(unpaid.id, `{"amount": "${balance + 1}"}`),
        v2(unpaid.publicId, `{"amount": ${balance + 1}}`),
        'AMOUNT_EXCEEDS_INVOICE_BALANCE',
        [422, 'amount_exceeds_invoice_balance'],
      ],
      [
        'Credit Amount to apply must be greater than zero',
        v1(unpaid.id, '{"amount": "0"}'),
        v2(unpaid.publicId, '{"amount": 0}'),
        'AMOUNT_NOT_POSITIVE',
        [400, 'invalid_request'],
      ],
    ];
    for (const [condition, v1Command, v2Command, v1Code, [v2Status, v2Code]] of cases) {
      const one = await curl(v1Command);
      expect({ condition, status: one.status, code: one.body.code }).toEqual({
        condition,
        status: v1Code === 'INVOICE_NOT_FOUND' ? 404 : 400,
        code: v1Code,
      });
      const two = await curl(v2Command);
      expect({ condition, status: two.status, code: two.body.code }).toEqual({
        condition,
        status: v2Status,
        code: v2Code,
      });
    }
  });
});

describe('seed 002: HostUp v2 credit note', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox();
  });
  afterAll(() => t.close());
  const id = pathExample('getCreditNote', 'id');
  const page = `curl -X GET "https://cloud.hostup.se/api/v2/billing/invoices/inv_01hxa3b4c5d6e7f8g9h0j1k2m3/credit-note" \\
-H "Authorization: Bearer YOUR_API_KEY" \\
-H "Accept: application/json"`;

  it("answers the page's example with the page's four fields", async () => {
    const answer = await curl(adapt(page, t, { YOUR_API_KEY: t.keys.business, inv_01hxa3b4c5d6e7f8g9h0j1k2m3: id }));
    expect(answer.status).toBe(200);
    conforms('GET', `${V2}/invoices/${id}/credit-note`, answer);
    compareWithPage(
      answer.body,
      {
        contentBase64: { type: 'string' },
        contentType: { type: 'string', value: 'application/pdf' },
        filename: { type: 'string' },
        byteLength: { type: 'integer' },
      },
      { operationId: 'getCreditNote', status: 200 },
    );
    const bytes = Buffer.from(answer.body.contentBase64, 'base64');
    expect(answer.body.contentBase64).toMatch(/^JVBERi0/); // the page's "JVBERi0xLjQK...": "%PDF-"
    expect(answer.body.byteLength).toBe(bytes.byteLength);
    const invoice = await t.get(`${V2}/invoices/${id}`, t.keys.business);
    expect(answer.body.filename).toBe(`credit-note-${invoice.body.number}.pdf`);
  });

  const PROBLEM: Page = {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer', value: 409 },
    detail: { type: 'string' },
    code: { type: 'string', value: 'credit_note_unavailable' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    timestamp: { type: 'string', format: 'date-time' },
  };

  it('answers an unavailable credit note with the problem fields of the page', async () => {
    const unpaid = pathExample('getInvoice', 'id');
    const answer = await curl(
      adapt(page, t, { YOUR_API_KEY: t.keys.business, inv_01hxa3b4c5d6e7f8g9h0j1k2m3: unpaid }),
    );
    expect(answer.status).toBe(409);
    conforms('GET', `${V2}/invoices/${unpaid}/credit-note`, answer);
    compareWithPage(answer.body, PROBLEM, { operationId: 'getCreditNote', status: 409 });
    expect(answer.body.instance).toBe(`${V2}/invoices/${unpaid}/credit-note`);
    expect(answer.body.requestId).toMatch(/^req_[0-9a-z]{26}$/); // the page's req_01hx... form
    expect(answer.body.type).toMatch(/\/errors\/credit_note_unavailable$/);
  });

  it('fills extensions where it has something to act on (the page types it as an object)', async () => {
    const unpaid = pathExample('getInvoice', 'id');
    const answer = await curl(
      `curl -X POST "${t.url}${V2}/invoices/${unpaid}/actions/apply-credit" -H "Authorization: Bearer ${t.keys.business}" -H "Content-Type: application/json" -d '{"amount": 99999}'`,
    );
    conforms('POST', `${V2}/invoices/${unpaid}/actions/apply-credit`, answer);
    compareWithPage(
      answer.body,
      { extensions: { type: 'object' } },
      { operationId: 'applyCreditToInvoice', status: 422 },
    );
    const credit = (await t.get(`${V2}/credit`, t.keys.business)).body;
    const invoice = (await t.get(`${V2}/invoices/${unpaid}`, t.keys.business)).body;
    expect(answer.body.extensions).toEqual({
      maxAmount: Math.min(credit.amount, invoice.balance),
      creditBalance: credit.amount,
      invoiceBalance: invoice.balance,
      currencyCode: invoice.currencyCode,
    });
  });

  it('a 401 says how to authenticate (WWW-Authenticate)', async () => {
    const answer = await curl(
      adapt(page, t, { 'Bearer YOUR_API_KEY': 'Bearer sk_test_unknown', inv_01hxa3b4c5d6e7f8g9h0j1k2m3: id }),
    );
    expect(answer.status).toBe(401);
    conforms('GET', `${V2}/invoices/${id}/credit-note`, answer);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm="[^"]+"/);
    const v1 = await curl(`curl "${t.url}/api/billing/invoices" -H "X-API-Key: sk_test_unknown"`);
    expect(v1.status).toBe(401);
    expect(v1.headers.get('www-authenticate')).toMatch(/^ApiKey realm="[^"]+", header="X-API-Key"/);
  });
});

describe('seed 003: Solvimon credit invoice', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox();
  });
  afterAll(() => t.close());
  const id = pathExample('createCreditInvoice', 'id');
  // The page shows no curl example; its request is `POST /v{version}/invoices/{resourceId}/credit`
  // with `note` and `delivery_date`. Ours, with the same fields in our naming:
  const command = (body: string) =>
    `curl -X POST "${t.url}${V2}/invoices/${id}/actions/credit" -H "Authorization: Bearer ${t.keys.business}" -H "Content-Type: application/json" -d '${body}'`;

  it('returns the credit invoice with its type, payment status, delivery date and original', async () => {
    const answer = await curl(command('{"note": "Tjänsten avslutades i förtid", "deliveryDate": "2026-02-10"}'));
    expect(answer.status).toBe(201);
    conforms('POST', `${V2}/invoices/${id}/actions/credit`, answer);
    // Page field -> ours: type -> kind, invoice_number -> number, payment_status -> paymentStatus,
    // delivery_date -> credit.deliveryDate, credit.original_invoice_id -> credit.originalInvoiceId,
    // linked_invoices -> linkedInvoices.
    compareWithPage(
      answer.body,
      {
        id: { type: 'string' },
        kind: { type: 'string', value: 'credit' },
        number: { type: 'string' },
        status: { type: 'string', value: 'paid' },
        paymentStatus: { type: 'string', value: 'paid' },
        issuedAt: { type: 'string', format: 'date-time' },
        'credit.deliveryDate': { type: 'string', format: 'date', value: '2026-02-10' },
        'credit.originalInvoiceId': { type: 'string', value: id },
        'credit.note': { type: 'string', value: 'Tjänsten avslutades i förtid' },
        linkedInvoices: { type: 'array' },
      },
      { operationId: 'createCreditInvoice', status: 201 },
    );
    expect(answer.body.linkedInvoices[0]).toMatchObject({ id, linkType: 'credited_invoice' });
    const again = await t.get(`${V2}/invoices/${answer.body.id}`, t.keys.business);
    expect(again.body.credit.deliveryDate).toBe('2026-02-10');
    const original = await t.get(`${V2}/invoices/${id}`, t.keys.business);
    expect(original.body).toMatchObject({ status: 'cancelled', paymentStatus: 'unpaid' });
  });

  it('has no periods to credit by (our lines carry none): the page field is refused by name', async () => {
    const answer = await curl(command('{"periods": [{"period_order": 0}]}'));
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ pointer: '/periods' })]);
  });
});

describe('seed 004: HostUp v1 payment link', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox();
  });
  afterAll(() => t.close());
  const id = pathExample('createPaymentLinkV1', 'id');
  const page = `curl -X POST "https://cloud.hostup.se/api/billing/invoice/46090/payment-link" \\
  -H "X-API-Key: YOUR_API_KEY" \\
  -H "Content-Type: application/json"`;

  it("answers the page's example with the page's fields, types and message", async () => {
    const answer = await curl(adapt(page, t, { YOUR_API_KEY: t.keys.business, '46090': id }));
    expect(answer.status).toBe(200);
    conforms('POST', `/api/billing/invoice/${id}/payment-link`, answer);
    compareWithPage(
      answer.body,
      {
        ...ENVELOPE_V1,
        'data.created': { type: 'string', format: 'date-time' },
        'data.expiresAt': { type: 'string', format: 'date-time' },
        'data.invoice.currency': { type: 'string', value: 'SEK' },
        'data.invoice.id': { type: 'string', value: id },
        'data.invoice.status': { type: 'string', value: 'Unpaid' },
        'data.invoice.total': { type: 'integer' },
        'data.message': { type: 'string', value: 'Using existing active payment link' },
        'data.paymentUrl': { type: 'string', format: 'uri' },
        'data.uuid': { type: 'string', format: 'uuid' },
      },
      { operationId: 'createPaymentLinkV1', status: 200 },
    );
    expect(answer.body.data.paymentUrl.endsWith(`/${answer.body.data.uuid}`)).toBe(true);
    const invoice = await t.get(`/api/billing/invoice/${id}`, t.keys.business);
    expect(answer.body.data.invoice.total).toBe(Math.round(Number(invoice.body.data.invoice.total)));
  });
});
