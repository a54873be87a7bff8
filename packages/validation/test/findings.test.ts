// Each finding code comes out of a hand-made bad input, with the pointer, expected/actual and the
// wording the spec's examples use; plus operation matching, parameter coercion and defaults.
import { describe, expect, it } from 'vitest';
import { countDecimals, createSpecValidator, FIELD_FINDING_CODES, type Finding } from '../src/index.js';
import { document, validator } from './spec.js';

const INVOICE = '/api/v2/billing/invoices/inv_01jd8k3a5b7c9d1e3f5g7h9j1k';
const pick = (findings: Finding[]) => findings.map(({ pointer, code }) => ({ pointer, code }));
const invoiceExample = () => structuredClone(document.components.examples.InvoiceUnpaid.value);

describe('request findings', () => {
  it('missing_required: a required body field', () => {
    const { findings } = validator.validateRequest({
      method: 'POST',
      path: '/api/credit/add-funds',
      body: {},
    });
    expect(findings).toEqual([
      expect.objectContaining({
        operation: 'addFundsV1',
        location: 'body',
        pointer: '/amount',
        code: 'missing_required',
        actual: '(missing)',
      }),
    ]);
  });

  it('missing_required: a required body', () => {
    const { findings } = validator.validateRequest({
      method: 'POST',
      path: '/api/v2/billing/credit/actions/add-funds',
    });
    expect(pick(findings)).toEqual([{ pointer: '/', code: 'missing_required' }]);
  });

  it('invalid_type: a query parameter that is not an integer', () => {
    const { findings } = validator.validateRequest({
      method: 'GET',
      path: '/api/v2/billing/invoices',
      query: { limit: 'abc' },
    });
    expect(findings).toEqual([
      expect.objectContaining({
        location: 'query',
        pointer: '/query/limit',
        code: 'invalid_type',
        expected: 'integer',
        actual: '"abc"',
      }),
    ]);
  });

  it('invalid_type: a body field of the wrong type', () => {
    const { findings } = validator.validateRequest({
      method: 'POST',
      path: `${INVOICE}/actions/apply-credit`,
      body: { amount: '130' },
    });
    expect(pick(findings)).toEqual([{ pointer: '/amount', code: 'invalid_type' }]);
  });

  it('invalid_format: a malformed path id names the schema', () => {
    const { findings } = validator.validateRequest({ method: 'GET', path: '/api/v2/billing/invoices/inv_123' });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      location: 'path',
      pointer: '/path/id',
      code: 'invalid_format',
      actual: '"inv_123"',
    });
    expect(findings[0]!.message).toContain('InvoiceId');
  });

  it('invalid_format: more than two decimals (x-decimal-places), and 0.07 is fine', () => {
    const bad = validator.validateRequest({
      method: 'POST',
      path: `${INVOICE}/actions/apply-credit`,
      body: { amount: 1.234 },
    });
    expect(bad.findings).toEqual([
      expect.objectContaining({ pointer: '/amount', code: 'invalid_format', expected: 'at most 2 decimals' }),
    ]);
    expect(
      validator.validateRequest({ method: 'POST', path: `${INVOICE}/actions/apply-credit`, body: { amount: 0.07 } })
        .findings,
    ).toEqual([]);
    expect(
      validator.validateRequest({
        method: 'POST',
        path: `${INVOICE}/actions/apply-credit`,
        body: { amount: 0.1 + 0.2 },
      }).findings,
    ).toHaveLength(1);
  });

  it('invalid_format: a string format (uuid)', () => {
    const { findings } = validator.validateRequest({ method: 'GET', path: '/api/billing/payment-link/not-a-uuid' });
    expect(pick(findings)).toEqual([{ pointer: '/path/uuid', code: 'invalid_format' }]);
  });

  it('out_of_range: the wording of the spec examples', () => {
    const limit = validator.validateRequest({
      method: 'GET',
      path: '/api/v2/billing/invoices',
      query: { limit: '101' },
    }).findings;
    expect(limit).toEqual([
      expect.objectContaining({
        pointer: '/query/limit',
        code: 'out_of_range',
        message: '/query/limit must be at most 100',
        actual: '101',
      }),
    ]);
    const amount = validator.validateRequest({
      method: 'POST',
      path: `${INVOICE}/actions/apply-credit`,
      body: { amount: 0 },
    }).findings;
    expect(amount).toEqual([
      expect.objectContaining({ pointer: '/amount', code: 'out_of_range', message: '/amount must be greater than 0' }),
    ]);
  });

  it('too_long: a header parameter', () => {
    const { findings } = validator.validateRequest({
      method: 'POST',
      path: `${INVOICE}/actions/cancel`,
      headers: { 'idempotency-key': 'k'.repeat(256) },
    });
    expect(findings).toEqual([
      expect.objectContaining({ location: 'header', pointer: '/header/Idempotency-Key', code: 'too_long' }),
    ]);
  });

  it('too_short: an empty list and an empty string', () => {
    const { findings } = validator.validateRequest({
      method: 'POST',
      path: `${INVOICE}/actions/credit`,
      body: { lines: [], note: '' },
    });
    expect(pick(findings).sort((a, b) => a.pointer.localeCompare(b.pointer))).toEqual([
      { pointer: '/lines', code: 'too_short' },
      { pointer: '/note', code: 'too_short' },
    ]);
  });

  it('invalid_value: a value outside an enum', () => {
    const { findings } = validator.validateRequest({
      method: 'GET',
      path: '/api/v2/billing/invoices',
      query: { status: 'lost' },
    });
    expect(findings).toEqual([expect.objectContaining({ pointer: '/query/status', code: 'invalid_value' })]);
    expect(findings[0]!.expected).toContain('"unpaid"');
  });

  it('unknown_property: an extra field, and a body where none is taken', () => {
    const extra = validator.validateRequest({
      method: 'POST',
      path: `${INVOICE}/actions/apply-credit`,
      body: { amount: 1, color: 'red' },
    });
    expect(extra.findings).toEqual([
      expect.objectContaining({ pointer: '/color', code: 'unknown_property', actual: '"red"' }),
    ]);
    const none = validator.validateRequest({
      method: 'POST',
      path: `${INVOICE}/actions/cancel`,
      body: { reason: 'x' },
    });
    expect(none.findings).toEqual([
      expect.objectContaining({ pointer: '/', code: 'unknown_property', message: 'this action takes no request body' }),
    ]);
  });

  it('undocumented_content_type: a request body that is not JSON', () => {
    const { findings } = validator.validateRequest({
      method: 'POST',
      path: `${INVOICE}/actions/apply-credit`,
      body: 'amount=1',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(findings).toEqual([
      expect.objectContaining({ location: 'content-type', code: 'undocumented_content_type' }),
    ]);
  });

  it('nested pointers into arrays', () => {
    const { findings } = validator.validateRequest({
      method: 'POST',
      path: `${INVOICE}/actions/credit`,
      body: { lines: [{ lineId: 'line_01jd8k3a5b7c9d1e3f5g7h9j2a', amount: -1 }] },
    });
    expect(pick(findings)).toEqual([{ pointer: '/lines/0/amount', code: 'out_of_range' }]);
  });

  it('the field codes are exactly the spec FieldError.code enum', () => {
    expect([...FIELD_FINDING_CODES].sort()).toEqual(
      [...document.components.schemas.FieldError.properties.code.enum].sort(),
    );
  });
});

describe('coercion and defaults', () => {
  it('coerces parameters by schema type and fills defaults', () => {
    const list = validator.validateRequest({
      method: 'GET',
      path: '/api/v2/billing/invoices',
      query: new URLSearchParams('limit=5&status=unpaid'),
    });
    expect(list.findings).toEqual([]);
    expect(list.params.query).toEqual({ limit: 5, status: 'unpaid' });
    const activity = validator.validateRequest({ method: 'GET', path: '/api/v2/billing/activity' });
    expect(activity.params.query).toEqual({ kind: 'transaction', limit: 20 });
    const v1 = validator.validateRequest({ method: 'GET', path: '/api/billing/invoice/46376' });
    expect(v1.params.path).toEqual({ id: 46376 });
  });

  it('fills body defaults into a copy, also for an absent optional body', () => {
    const input = { amount: 5 };
    const given = validator.validateRequest({ method: 'POST', path: `${INVOICE}/actions/apply-credit`, body: input });
    expect(given.body).toEqual({ amount: 5, noEmail: false });
    expect(input).toEqual({ amount: 5 });
    const absent = validator.validateRequest({ method: 'POST', path: `${INVOICE}/actions/credit` });
    expect(absent.body).toEqual({ detailsSource: 'current', hold: false });
  });
});

describe('matching operations', () => {
  it('matches templates, decodes parameters and prefers literal paths', () => {
    const match = validator.matchOperation('post', `${INVOICE}/actions/pay`);
    expect(match).toMatchObject({
      operationId: 'payInvoice',
      pathTemplate: '/api/v2/billing/invoices/{id}/actions/pay',
      pathParams: { id: 'inv_01jd8k3a5b7c9d1e3f5g7h9j1k' },
    });
    expect(validator.matchOperation('GET', '/api/billing/invoice/46%33?x=1')?.pathParams).toEqual({ id: '463' });
    expect(validator.matchOperation('GET', '/api/v2/billing/credit')?.operationId).toBe('getCreditBalance');
    expect(validator.matchOperation('DELETE', INVOICE)).toBeUndefined();
    expect(validator.hasPath(INVOICE)).toBe(true);
    expect(validator.matchOperation('GET', '/api/v2/billing/nothing')).toBeUndefined();
    expect(validator.matchOperation('GET', '/api/v2/billing/invoices/%E0%A4%A')).toBeUndefined();
  });

  it('takes security from the operation, or the document when absent', () => {
    expect(validator.getOperation('applyCreditToInvoice')?.security).toEqual([{ BearerV2: ['write:billing'] }]);
    expect(validator.getOperation('getPaymentLinkV1')?.security).toEqual([]);
    const doc = structuredClone(document);
    delete doc.paths['/api/v2/billing/credit'].get.security;
    expect(createSpecValidator(doc).getOperation('getCreditBalance')?.security).toEqual(document.security);
  });
});

describe('response findings', () => {
  const headers = { 'X-Request-Id': 'req_01jd8k7s9t1v3w5x7y9z1a3b5c' };

  it('accepts a documented response', () => {
    expect(
      validator.validateResponse({
        operationId: 'getInvoice',
        status: 200,
        headers,
        contentType: 'application/json; charset=utf-8',
        body: invoiceExample(),
      }),
    ).toEqual([]);
  });

  it('undocumented_status', () => {
    expect(
      validator.validateResponse({
        operationId: 'getInvoice',
        status: 418,
        headers,
        contentType: 'application/json',
        body: {},
      }),
    ).toEqual([
      expect.objectContaining({
        operation: 'getInvoice',
        status: 418,
        location: 'status',
        code: 'undocumented_status',
        actual: '418',
      }),
    ]);
    expect(validator.validateResponse({ method: 'GET', path: '/nowhere', status: 200 })).toEqual([
      expect.objectContaining({ code: 'undocumented_status', operation: 'GET /nowhere' }),
    ]);
  });

  it('undocumented_content_type', () => {
    expect(
      validator.validateResponse({
        operationId: 'getInvoice',
        status: 200,
        headers,
        contentType: 'text/html',
        body: '<p>',
      }),
    ).toEqual([
      expect.objectContaining({ location: 'content-type', code: 'undocumented_content_type', actual: 'text/html' }),
    ]);
  });

  it('missing_header, and a header of the wrong shape', () => {
    expect(
      validator.validateResponse({
        operationId: 'getInvoice',
        status: 200,
        contentType: 'application/json',
        body: invoiceExample(),
      }),
    ).toEqual([
      expect.objectContaining({ location: 'header', pointer: '/header/X-Request-Id', code: 'missing_header' }),
    ]);
    const limited = validator.validateResponse({
      method: 'GET',
      path: INVOICE,
      status: 429,
      headers: {
        ...headers,
        'Retry-After': '0',
        'X-RateLimit-Limit': '100',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': '1700000000',
      },
      contentType: 'application/problem+json',
      body: document.components.examples.ProblemRateLimited.value,
    });
    expect(pick(limited)).toEqual([
      { pointer: '/header/Retry-After', code: 'out_of_range' },
      { pointer: '/header/X-RateLimit-Reset', code: 'invalid_format' },
    ]);
  });

  it('body findings: a dropped required field and a wrong type, with the operation and status', () => {
    const body = invoiceExample();
    delete body.balance;
    body.isOverdue = 'no';
    const findings = validator.validateResponse({
      operationId: 'getInvoice',
      status: 200,
      headers,
      contentType: 'application/json',
      body,
    });
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          operation: 'getInvoice',
          status: 200,
          location: 'body',
          pointer: '/balance',
          code: 'missing_required',
        }),
        expect.objectContaining({ pointer: '/isOverdue', code: 'invalid_type', expected: 'boolean', actual: '"no"' }),
      ]),
    );
    expect(findings).toHaveLength(2);
  });

  it('a missing body where one is documented', () => {
    expect(
      pick(
        validator.validateResponse({
          operationId: 'getInvoice',
          status: 200,
          headers,
          contentType: 'application/json',
        }),
      ),
    ).toEqual([{ pointer: '/', code: 'missing_required' }]);
  });

  it('handles 3.1 null unions, const and content annotations', () => {
    const state = {
      hasActiveLink: false,
      linkId: null,
      paymentUrl: null,
      expiresAt: null,
      viewCount: 0,
      lastViewedAt: null,
      previousLinks: [],
    };
    expect(
      validator.validateResponse({
        operationId: 'getPaymentLinkState',
        status: 200,
        headers,
        contentType: 'application/json',
        body: state,
      }),
    ).toEqual([]);
    const pdf = {
      contentBase64: 'JVBERi0x',
      contentType: 'text/plain',
      filename: 'invoice-202600017.pdf',
      byteLength: 6,
    };
    expect(
      pick(
        validator.validateResponse({
          operationId: 'getInvoicePdf',
          status: 200,
          headers,
          contentType: 'application/json',
          body: pdf,
        }),
      ),
    ).toEqual([{ pointer: '/contentType', code: 'invalid_value' }]);
  });

  it('validateValue checks any component schema', () => {
    expect(validator.validateValue('#/components/schemas/Money', 10.5)).toEqual([]);
    expect(pick(validator.validateValue('#/components/schemas/Money', 10.555))).toEqual([
      { pointer: '/', code: 'invalid_format' },
    ]);
  });
});

describe('decimal places', () => {
  it('counts decimals on the decimal string form', () => {
    expect([130, 0.07, 98.75, 0.1 + 0.2, 1e-7, 1.5e3, -2.25].map(countDecimals)).toEqual([0, 2, 2, 17, 7, 0, 2]);
  });
});
