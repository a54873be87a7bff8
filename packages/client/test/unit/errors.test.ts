// Every failure is a typed BillingError, through GET/POST and through raw: v2 problem+json and the
// v1 envelope map to one BillingApiError; malformed JSON, an HTML page from a proxy and an empty body
// do too. Codes are kept where the spec documents them for the operation, else http_<status>.
import { describe, expect, it } from 'vitest';
import {
  BillingApiError,
  BillingError,
  BillingNetworkError,
  createBillingClient,
  isBillingApiError,
} from '../../src/index.js';
import { json, networkError, problem, stubFetch } from '../helpers.js';

async function failure(answer: Response | Error, options: { v1?: boolean; raw?: boolean } = {}) {
  const billing = createBillingClient({
    baseUrl: 'https://billing.test',
    apiKey: 'k',
    fetch: stubFetch(answer).fetch,
    retry: false,
  });
  const call = options.v1
    ? billing.POST('/api/billing/invoice/{id}/apply-credit', {
        params: { path: { id: 46376 } },
        body: { amount: '130.00' },
      })
    : billing.POST('/api/v2/billing/invoices/{id}/actions/apply-credit', {
        params: { path: { id: 'inv_1' } },
        body: { amount: 130 },
      });
  return call.then(
    () => undefined,
    (e: unknown) => e as BillingApiError,
  );
}

describe('BillingApiError', () => {
  it('from a v2 problem: code, detail, requestId, field errors', async () => {
    const errors = [{ pointer: '/amount', detail: 'must be greater than 0', code: 'out_of_range' }];
    const body = problem(400, 'invalid_request', 'The request body is invalid.', { errors });
    const error = await failure(json(body, 400, { 'x-request-id': 'req_header' }));
    expect(error).toBeInstanceOf(BillingApiError);
    expect(error).toBeInstanceOf(BillingError);
    expect(error).toMatchObject({
      name: 'BillingApiError',
      status: 400,
      code: 'invalid_request',
      message: 'The request body is invalid.',
      requestId: 'req_01jd8k7s9t1v3w5x7y9z1a3b5c',
      fieldErrors: errors,
      body,
    });
    expect(error?.response.status).toBe(400);
    expect(String(error)).toBe('BillingApiError: The request body is invalid.');
  });

  it('from the v1 envelope: UPPER_SNAKE code, message, requestId', async () => {
    const body = {
      error: 'Bad Request',
      message: 'Failed to apply credit: the invoice is not unpaid',
      code: 'INVOICE_NOT_UNPAID',
      timestamp: '2026-02-10T09:30:00.000Z',
      requestId: '2121ae20-bd9d-41e9-aeeb-5dd1dd1a24ba',
    };
    const error = await failure(json(body, 400), { v1: true });
    expect(error).toMatchObject({
      status: 400,
      code: 'INVOICE_NOT_UNPAID',
      message: body.message,
      requestId: body.requestId,
      fieldErrors: [],
      body,
    });
  });

  it('takes requestId from X-Request-Id when the body has none', async () => {
    const error = await failure(
      new Response('<html>Bad gateway</html>', {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'content-type': 'text/html', 'x-request-id': 'req_proxy' },
      }),
    );
    expect(error?.requestId).toBe('req_proxy');
  });

  it('from an HTML error page: http_502 and a message that says what came back', async () => {
    const html = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    const error = await failure(
      new Response(html, { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } }),
    );
    expect(error).toMatchObject({ status: 502, code: 'http_502', body: html, requestId: undefined, fieldErrors: [] });
    expect(error?.message).toBe('HTTP 502 Bad Gateway with a non-JSON (text/html) body');
  });

  it('from malformed JSON', async () => {
    const error = await failure(
      new Response('{"detail": "cut sho', { status: 500, headers: { 'content-type': 'application/problem+json' } }),
    );
    expect(error).toMatchObject({ status: 500, code: 'http_500', body: '{"detail": "cut sho' });
    expect(error?.message).toContain('non-JSON (application/problem+json)');
  });

  it('from an empty body', async () => {
    const error = await failure(new Response(null, { status: 503, statusText: 'Service Unavailable' }));
    expect(error).toMatchObject({
      status: 503,
      code: 'http_503',
      body: undefined,
      message: 'HTTP 503 Service Unavailable with an empty body',
    });
  });

  it('from JSON that is neither format', async () => {
    const error = await failure(json(['unexpected'], 418));
    expect(error).toMatchObject({
      status: 418,
      code: 'http_418',
      body: ['unexpected'],
      message: 'HTTP 418 with an unexpected JSON body',
    });
  });

  it('from a success whose body is not JSON: malformed_response', async () => {
    const error = await failure(
      new Response('<html>maintenance</html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    );
    expect(error).toMatchObject({ status: 200, code: 'malformed_response', body: '<html>maintenance</html>' });
  });
});

describe('every failure, through either surface, is a typed BillingError', () => {
  const answers: [string, () => Response | Error][] = [
    ['network error', () => networkError()],
    ['a thrown string-like error', () => new Error('socket hang up')],
    ['HTML 502', () => new Response('<html/>', { status: 502 })],
    ['truncated JSON 500', () => new Response('{', { status: 500 })],
    ['empty 404', () => new Response(null, { status: 404 })],
    ['empty 504', () => new Response('', { status: 504 })],
    ['504 with Content-Length: 0', () => new Response('', { status: 504, headers: { 'content-length': '0' } })],
    ['binary 200', () => new Response(new Uint8Array([0xff, 0xfe, 0x00]), { status: 200 })],
    ['HTML 200 from a proxy', () => new Response('<html>maintenance</html>', { status: 200 })],
  ];

  it.each(answers)('GET/POST reject with one: %s', async (_, answer) => {
    for (const v1 of [false, true]) expect(await failure(answer(), { v1 })).toBeInstanceOf(BillingError);
  });

  it.each(answers)('raw answers `error` (a BillingApiError) or rejects with one: %s', async (_, answer) => {
    for (const v1 of [false, true]) {
      const billing = createBillingClient({
        baseUrl: 'https://billing.test',
        apiKey: 'k',
        fetch: stubFetch(answer()).fetch,
        retry: false,
      });
      const call = v1
        ? billing.raw.POST('/api/billing/invoice/{id}/apply-credit', {
            params: { path: { id: 46376 } },
            body: { amount: '130.00' },
          })
        : billing.raw.GET('/api/v2/billing/invoices/{id}', { params: { path: { id: 'inv_1' } } });
      const outcome = await call.then(
        (result) => result,
        (rejected: unknown) => ({ rejected }),
      );
      if ('rejected' in outcome) {
        expect(outcome.rejected).toBeInstanceOf(BillingNetworkError);
        continue;
      }
      // The README's `if (error)` must see every failure: a truthy, typed error, never '' or undefined.
      expect(outcome.error).toBeInstanceOf(BillingApiError);
      expect(outcome.data).toBeUndefined();
      expect(outcome.error?.response).toBe(outcome.response);
    }
  });

  it('raw: an error status with an empty body is http_<status>, not a falsy error', async () => {
    const billing = createBillingClient({
      baseUrl: 'https://billing.test',
      apiKey: 'k',
      fetch: stubFetch(new Response(null, { status: 504, statusText: 'Gateway Timeout' })).fetch,
      retry: false,
    });
    const { data, error } = await billing.raw.GET('/api/v2/billing/cards');
    expect(data).toBeUndefined();
    expect(error).toMatchObject({
      status: 504,
      code: 'http_504',
      message: 'HTTP 504 Gateway Timeout with an empty body',
    });
  });

  it('raw: a 2xx that is not JSON is malformed_response, not a SyntaxError', async () => {
    const html = '<html>maintenance</html>';
    const billing = createBillingClient({
      baseUrl: 'https://billing.test',
      apiKey: 'k',
      fetch: stubFetch(new Response(html, { status: 200, headers: { 'content-type': 'text/html' } })).fetch,
    });
    const { error } = await billing.raw.GET('/api/v2/billing/cards');
    expect(error).toBeInstanceOf(BillingApiError);
    expect(error).toMatchObject({ status: 200, code: 'malformed_response', body: html });
  });

  it('a network failure is a BillingNetworkError', async () => {
    expect(await failure(networkError())).toBeInstanceOf(BillingNetworkError);
  });
});

describe('codes the spec does not document', () => {
  it('keep the code where the spec documents it for the operation and status', async () => {
    const error = await failure(json(problem(422, 'no_credit_available', 'none'), 422));
    expect(error).toMatchObject({ code: 'no_credit_available', rawCode: 'no_credit_available' });
    expect(error?.operationId).toBe('applyCreditToInvoice');
  });

  it('become http_<status>, with the server code in rawCode (a newer server, another status)', async () => {
    const newer = await failure(json(problem(409, 'invoice_locked', 'locked'), 409));
    expect(newer).toMatchObject({ status: 409, code: 'http_409', rawCode: 'invoice_locked', message: 'locked' });
    // A real code of the operation, but at a status the spec does not give it.
    const moved = await failure(json(problem(400, 'no_credit_available', 'none'), 400));
    expect(moved).toMatchObject({ code: 'http_400', rawCode: 'no_credit_available' });
  });
});

describe('isBillingApiError', () => {
  it('with an operationId, matches only errors of a call to that operation', async () => {
    const error = await failure(json(problem(409, 'invoice_not_unpaid', 'paid'), 409));
    expect(isBillingApiError(error, 'applyCreditToInvoice')).toBe(true);
    expect(isBillingApiError(error, 'payInvoice')).toBe(false);
    const v1 = await failure(json({ message: 'x', code: 'INVOICE_NOT_UNPAID' }, 400), { v1: true });
    expect(isBillingApiError(v1, 'applyCreditV1')).toBe(true);
  });

  it('recognises the error, also from another copy of the package (ESM and CJS side by side)', async () => {
    const error = await failure(json(problem(409, 'invoice_not_unpaid', 'paid'), 409));
    expect(isBillingApiError(error)).toBe(true);
    const fromOtherCopy = Object.assign(new Error('x'), {
      name: 'BillingApiError',
      status: 409,
      code: 'invoice_not_unpaid',
    });
    expect(isBillingApiError(fromOtherCopy)).toBe(true);
  });

  it('rejects anything else', () => {
    for (const value of [
      new Error('x'),
      new BillingError('x'),
      'BillingApiError',
      { name: 'BillingApiError', status: 1, code: 'x' },
      null,
      undefined,
    ]) {
      expect(isBillingApiError(value)).toBe(false);
    }
  });

  it('narrows the type', async () => {
    const error: unknown = await failure(json(problem(409, 'invoice_not_unpaid', 'paid'), 409));
    if (!isBillingApiError(error)) throw new Error('expected a BillingApiError');
    const code: string = error.code;
    expect(code).toBe('invoice_not_unpaid');
  });
});
