// The HTTP surface: authentication and scopes from the spec's security requirements, routes that are
// not operations, malformed bodies, X-Request-Id, CORS, structured logs without keys, no stack traces,
// graceful shutdown, and the test helper itself rejecting a response that breaks the spec.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { account } from './fixtures.js';
import { checkResponse, SpecViolation, startTestSandbox, type TestSandbox, V2 } from './helpers.js';

const lines: Array<Record<string, unknown>> = [];
let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({
    log: (line) => lines.push(line),
    corsOrigins: ['http://127.0.0.1:*', 'https://docs.example.test'],
  });
});
afterAll(() => t.close());

describe('authentication and scopes', () => {
  it('401 for a missing, unknown or misplaced key, in each version', async () => {
    const f = await account(t);
    expect((await t.get(`${V2}/credit`)).body).toMatchObject({
      status: 401,
      code: 'unauthorized',
      detail: 'Send a valid API key as Authorization: Bearer <key>.',
    });
    expect((await t.get(`${V2}/credit`, 'sk_test_unknown')).status).toBe(401);
    expect((await t.call('GET', `${V2}/credit`, { headers: { 'X-API-Key': f.rw } })).status).toBe(401);
    expect(
      (await t.call('GET', '/api/billing/account-summary', { headers: { Authorization: `Bearer ${f.rw}` } })).body,
    ).toMatchObject({
      error: 'Unauthorized',
      code: 'UNAUTHORIZED',
      message: 'Missing or invalid X-API-Key',
    });
  });

  it('403 names the missing scope; read-only keys read', async () => {
    const f = await account(t);
    expect((await t.get(`${V2}/invoices/${f.inv().id}`, f.ro)).status).toBe(200);
    const v2 = await t.post(`${V2}/invoices/${f.inv().id}/actions/apply-credit`, {}, f.ro);
    expect(v2.body).toMatchObject({
      status: 403,
      code: 'insufficient_scope',
      detail: 'This operation needs an API key with the write:billing scope.',
    });
    const v1 = await t.post('/api/credit/add-funds', { amount: '1.00' }, f.ro);
    expect(v1.body).toMatchObject({
      error: 'Forbidden',
      code: 'FORBIDDEN',
      message: 'This API key lacks the write:billing scope',
    });
    expect((await t.get(`${V2}/credit`, f.wo)).body.detail).toBe(
      'This operation needs an API key with the read:billing scope.',
    );
  });
});

describe('routes and bodies', () => {
  it('404 for paths and methods that are no operation, in the version envelope', async () => {
    const f = await account(t);
    expect((await t.get(`${V2}/nothing`, f.rw)).body).toMatchObject({
      status: 404,
      code: 'not_found',
      detail: 'No operation matches GET /api/v2/billing/nothing.',
    });
    expect((await t.call('DELETE', `${V2}/invoices/${f.inv().id}`, { key: f.rw })).body.detail).toBe(
      `DELETE is not an operation of /api/v2/billing/invoices/${f.inv().id}.`,
    );
    expect((await t.get('/api/billing/nothing', f.rw)).body).toMatchObject({ error: 'Not Found', code: 'NOT_FOUND' });
  });

  it('400 for malformed JSON and for a body that is not JSON', async () => {
    const f = await account(t);
    const path = `${V2}/invoices/${f.inv().id}/actions/apply-credit`;
    const broken = await t.call('POST', path, {
      key: f.rw,
      raw: '{"amount": ',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(broken.body.errors).toEqual([{ pointer: '/', detail: 'the body is not valid JSON', code: 'invalid_type' }]);
    const form = await t.call('POST', path, {
      key: f.rw,
      raw: 'amount=1',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(form.body.errors).toEqual([
      {
        pointer: '/header/Content-Type',
        detail: 'Content-Type application/x-www-form-urlencoded is not accepted; send application/json',
        code: 'invalid_value',
      },
    ]);
    const v1 = await t.call('POST', '/api/billing/pay', {
      key: f.rw,
      raw: '[1,',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(v1.body).toMatchObject({ code: 'BAD_REQUEST', message: 'Invalid request: the body is not valid JSON' });
  });

  it('reports every invalid field at once with its pointer', async () => {
    const f = await account(t);
    const res = await t.post(
      `${V2}/invoices/${f.inv().id}/actions/credit`,
      { note: '', lines: [{ lineId: 'line_1', amount: -1, extra: true }], hold: 'yes' },
      f.rw,
    );
    expect(res.body.errors.map((e: any) => `${e.pointer} ${e.code}`).sort()).toEqual([
      '/hold invalid_type',
      '/lines/0/amount out_of_range',
      '/lines/0/extra unknown_property',
      '/lines/0/lineId invalid_format',
      '/note too_short',
    ]);
  });

  it('never shows a stack trace: a fault is a plain 500 in the version envelope', async () => {
    const f = await account(t);
    await t.control('POST', '/sandbox/faults', { operationId: 'getInvoiceV1' });
    try {
      const res = await t.get(`/api/billing/invoice/${f.inv().legacyId}`, f.rw);
      expect(res.body).toMatchObject({
        error: 'Internal Server Error',
        code: 'INTERNAL_ERROR',
        message: 'Something went wrong; retry later and quote the requestId',
      });
      expect(res.text).not.toMatch(/fault injected|\.ts:|at /);
    } finally {
      await t.control('POST', '/sandbox/faults', { operationId: 'getInvoiceV1', enabled: false });
    }
  });
});

describe('cross-cutting headers and logs', () => {
  it('CORS for allowed origins only, with the headers a browser must read', async () => {
    const f = await account(t);
    const allowed = await t.call('GET', `${V2}/credit`, { key: f.rw, headers: { Origin: 'http://127.0.0.1:5173' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('X-RateLimit-Reset');
    const configured = await t.call('GET', `${V2}/credit`, {
      key: f.rw,
      headers: { Origin: 'https://docs.example.test' },
    });
    expect(configured.headers.get('access-control-allow-origin')).toBe('https://docs.example.test');
    const denied = await t.call('GET', `${V2}/credit`, { key: f.rw, headers: { Origin: 'http://localhost:3000' } });
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await t.call('OPTIONS', `${V2}/invoices`, {
      headers: {
        Origin: 'http://127.0.0.1:8080',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,idempotency-key',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('logs one JSON line per request, never a key or a payment-link uuid', async () => {
    const f = await account(t);
    const link = await t.post(`/api/billing/invoice/${f.inv().legacyId}/payment-link`, undefined, f.rw);
    const page = await t.get(`/api/billing/payment-link/${link.body.data.uuid}`);
    await t.get(`${V2}/credit`, 'sk_test_not_a_key');
    const line = lines.find((l) => l.requestId === page.requestId);
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'GET',
      path: '/api/billing/payment-link/{uuid}',
      status: 200,
      operationId: 'getPaymentLinkV1',
    });
    expect(typeof line!.ms).toBe('number');
    const everything = JSON.stringify(lines);
    for (const secret of [f.rw, f.ro, 'sk_test_not_a_key', link.body.data.uuid])
      expect(everything).not.toContain(secret);
  });

  it('the test helper rejects a response that breaks the spec', () => {
    const headers = new Headers({
      'content-type': 'application/json',
      'x-request-id': 'req_01jd8k7s9t1v3w5x7y9z1a3b5c',
    });
    const body = {
      accountId: 'acct_01jd8k2m4n6p8r0s2t4v6w8x9y',
      accountType: 'business',
      amount: 1.005,
      currencyCode: 'SEK',
    };
    expect(() =>
      checkResponse('GET', `${V2}/credit`, {
        status: 200,
        headers,
        body,
        text: JSON.stringify(body),
        requestId: 'req_01jd8k7s9t1v3w5x7y9z1a3b5c',
      }),
    ).toThrow(SpecViolation);
    expect(() =>
      checkResponse('GET', `${V2}/credit`, {
        status: 404,
        headers,
        body,
        text: '{}',
        requestId: 'req_01jd8k7s9t1v3w5x7y9z1a3b5c',
      }),
    ).toThrow(/undocumented_status/);
  });
});

describe('graceful shutdown', () => {
  it('finishes in-flight requests, then refuses new connections', async () => {
    const s = await startTestSandbox();
    const f = await account(s);
    await s.control('POST', '/sandbox/latency', { ms: 300 });
    const inFlight = s.get(`${V2}/invoices/${f.inv().id}`, f.rw);
    while (s.sandbox.inFlight === 0) await new Promise((r) => setTimeout(r, 5)); // the server has it
    const closed = s.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    await closed;
    await expect(fetch(`${s.url}/sandbox/health`)).rejects.toThrow();
  });
});
