// validateResponse / validateRequest: each check of issue 5 §1 (status documented, content type
// documented, required headers, body schema) plus the kit's own (Idempotent-Replayed only where
// declared, X-Request-Id equal to the body's requestId), with precise operation/status/pointer.
import { describe, expect, it } from 'vitest';
import { type Finding, validateRequest, validateResponse } from '../src/index.js';
import { example } from './helpers/spec.js';

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'x-request-id': 'req_01jd8k7s9t1v3w5x7y9z1a3b5c',
};
const PROBLEM_HEADERS = { ...JSON_HEADERS, 'content-type': 'application/problem+json' };
const pick = (f: Finding) => ({ operation: f.operation, status: f.status, pointer: f.pointer, code: f.code });

describe('validateResponse', () => {
  it('accepts the spec’s own examples with their documented headers', () => {
    expect(validateResponse('getInvoice', 200, JSON_HEADERS, example('InvoiceUnpaid'))).toEqual([]);
    expect(validateResponse('listInvoices', 200, JSON_HEADERS, example('InvoiceList'))).toEqual([]);
    const problem = { ...example('ProblemInvoiceNotFound'), requestId: JSON_HEADERS['x-request-id'] };
    expect(validateResponse('getInvoice', 404, PROBLEM_HEADERS, problem)).toEqual([]);
  });

  it('reports a body that breaks the schema at its pointer, with expected and actual', () => {
    const invoice = example('InvoiceUnpaid');
    delete invoice.total;
    invoice.lines[0].amount = 'lots';
    const findings = validateResponse('getInvoice', 200, JSON_HEADERS, invoice);
    expect(findings.map(pick)).toEqual(
      expect.arrayContaining([
        { operation: 'getInvoice', status: 200, pointer: '/total', code: 'missing_required' },
        { operation: 'getInvoice', status: 200, pointer: '/lines/0/amount', code: 'invalid_type' },
      ]),
    );
    const amount = findings.find((f) => f.pointer === '/lines/0/amount')!;
    expect([amount.expected, amount.actual]).toEqual(['number', '"lots"']);
  });

  it('reports an undocumented status and an undocumented content type', () => {
    expect(validateResponse('listCards', 404, PROBLEM_HEADERS, example('ProblemInvoiceNotFound')).map(pick)).toEqual([
      { operation: 'listCards', status: 404, pointer: '/status', code: 'undocumented_status' },
    ]);
    const html = validateResponse('getInvoice', 200, { ...JSON_HEADERS, 'content-type': 'text/html' }, '<html>');
    expect(html.map(pick)).toEqual([
      { operation: 'getInvoice', status: 200, pointer: '/header/Content-Type', code: 'undocumented_content_type' },
    ]);
    expect(html[0]!.expected).toBe('application/json');
  });

  it('requires X-Request-Id everywhere and the rate-limit headers on a 429', () => {
    const { 'x-request-id': _id, ...noId } = JSON_HEADERS;
    expect(validateResponse('getInvoice', 200, noId, example('InvoiceUnpaid')).map(pick)).toEqual([
      { operation: 'getInvoice', status: 200, pointer: '/header/X-Request-Id', code: 'missing_header' },
    ]);
    const limited = { ...example('ProblemRateLimited'), requestId: JSON_HEADERS['x-request-id'] };
    const full = {
      ...PROBLEM_HEADERS,
      'retry-after': '30',
      'x-ratelimit-limit': '100',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '2026-02-10T09:31:00.000Z',
    };
    expect(validateResponse('getInvoice', 429, full, limited)).toEqual([]);
    const { 'retry-after': _r, 'x-ratelimit-reset': _reset, ...partial } = full;
    expect(
      validateResponse('getInvoice', 429, partial, limited)
        .map((f) => f.pointer)
        .sort(),
    ).toEqual(['/header/Retry-After', '/header/X-RateLimit-Reset']);
    expect(
      validateResponse('getInvoice', 429, { ...full, 'x-ratelimit-reset': '1739179860' }, limited).map(pick),
    ).toEqual([{ operation: 'getInvoice', status: 429, pointer: '/header/X-RateLimit-Reset', code: 'invalid_format' }]);
  });

  it('accepts Idempotent-Replayed only where the response declares it', () => {
    const added = example('AddFundsCreated');
    expect(validateResponse('addFunds', 201, { ...JSON_HEADERS, 'idempotent-replayed': 'true' }, added)).toEqual([]);
    expect(
      validateResponse(
        'getInvoice',
        200,
        { ...JSON_HEADERS, 'idempotent-replayed': 'true' },
        example('InvoiceUnpaid'),
      ).map(pick),
    ).toEqual([
      { operation: 'getInvoice', status: 200, pointer: '/header/Idempotent-Replayed', code: 'undeclared_header' },
    ]);
    expect(
      validateResponse('addFunds', 201, { ...JSON_HEADERS, 'idempotent-replayed': 'yes' }, added).map(pick),
    ).toEqual([{ operation: 'addFunds', status: 201, pointer: '/header/Idempotent-Replayed', code: 'invalid_value' }]);
  });

  it('requires X-Request-Id to equal the body’s requestId', () => {
    const problem = example('ProblemInvoiceNotFound');
    const findings = validateResponse(
      'getInvoice',
      404,
      { ...PROBLEM_HEADERS, 'x-request-id': 'req_01jd8k7s9t1v3w5x7y9z1a3b5d' },
      problem,
    );
    expect(findings.map(pick)).toEqual([
      { operation: 'getInvoice', status: 404, pointer: '/header/X-Request-Id', code: 'request_id_mismatch' },
    ]);
    expect(findings[0]!.expected).toBe(JSON.stringify(problem.requestId));
  });

  it('takes a Headers object as well as a plain object', () => {
    expect(validateResponse('getInvoice', 200, new Headers(JSON_HEADERS), example('InvoiceUnpaid'))).toEqual([]);
  });
});

describe('validateRequest', () => {
  it('accepts a valid request built from path parameters', () => {
    expect(
      validateRequest('applyCreditToInvoice', {
        pathParams: { id: 'inv_01jd8k3a5b7c9d1e3f5g7h9j1k' },
        body: { amount: 130 },
      }),
    ).toEqual([]);
    expect(validateRequest('listInvoices', { query: { limit: '100', status: 'unpaid' } })).toEqual([]);
  });

  it('names each broken input by its pointer', () => {
    expect(
      validateRequest('listInvoices', { query: { limit: '101' } }).map((f) => [
        f.pointer,
        f.code,
        f.expected,
        f.actual,
      ]),
    ).toEqual([['/query/limit', 'out_of_range', '<= 100', '101']]);
    expect(
      validateRequest('applyCreditToInvoice', { pathParams: { id: 'inv_1' }, body: { amount: 0.001 } }).map((f) => [
        f.pointer,
        f.code,
      ]),
    ).toEqual([
      ['/path/id', 'invalid_format'],
      ['/amount', 'invalid_format'],
    ]);
    expect(validateRequest('addFunds', { headers: { 'Idempotency-Key': '' } }).map((f) => [f.pointer, f.code])).toEqual(
      [
        ['/header/Idempotency-Key', 'too_short'],
        ['/header/Idempotency-Key', 'invalid_format'],
        ['/', 'missing_required'],
      ],
    );
  });

  it('reports a path that reaches another operation', () => {
    expect(validateRequest('getInvoice', { path: '/api/v2/billing/credit' }).map((f) => f.code)).toEqual([
      'wrong_operation',
    ]);
  });
});
