// The API key goes where each operation's security requirement in the spec says, and an
// Idempotency-Key goes on every operation that declares one: checked for every operation of the
// bundled spec, through both billing.GET/POST and billing.raw.
import { openapi } from '@billing-api/openapi';
import { isPublic, listOperations } from '@billing-api/openapi-model';
import { describe, expect, it, vi } from 'vitest';
import { createBillingClient } from '../../src/index.js';
import { json, stubFetch } from '../helpers.js';

// What the spec says each operation needs, read through openapi-model (the test's own reading, not
// the generator's table).
const operations = listOperations(openapi).map((op) => {
  const schemeName = isPublic(op) ? undefined : Object.keys(op.security[0] ?? {})[0];
  const scheme = schemeName ? openapi.components?.securitySchemes?.[schemeName] : undefined;
  const header = !scheme || !('type' in scheme) ? undefined : scheme.type === 'http' ? 'authorization' : scheme.name;
  const idempotent = op.parameters.some(({ parameter }) => parameter.name === 'Idempotency-Key');
  return {
    method: op.method.toUpperCase() as 'GET' | 'POST',
    path: op.path,
    header: header?.toLowerCase(),
    idempotent,
  };
});
const params = { params: { path: { id: 1, uuid: '3f0c' } }, body: undefined as unknown };

describe('authentication decided by the spec', () => {
  it('covers every operation of the spec, each with a key header or public', () => {
    expect(operations.length).toBeGreaterThan(0);
    for (const op of operations) expect(['authorization', 'x-api-key', undefined]).toContain(op.header);
    expect(new Set(operations.map((o) => o.method))).toEqual(new Set(['GET', 'POST']));
  });

  for (const surface of ['GET/POST', 'raw'] as const) {
    it.each(operations)(`${surface}: $method $path`, async ({ method, path, header, idempotent }) => {
      const stub = stubFetch(json({}));
      const billing = createBillingClient({ baseUrl: 'https://billing.test', apiKey: 'sk_test', fetch: stub.fetch });
      const init = method === 'POST' ? { ...params, body: {} } : params;
      const call = (surface === 'raw' ? billing.raw : billing)[method] as (p: string, i: unknown) => Promise<unknown>;
      await call(path, init);
      const sent = stub.requests[0] as Request;
      expect(sent.headers.get('authorization')).toBe(header === 'authorization' ? 'Bearer sk_test' : null);
      expect(sent.headers.get('x-api-key')).toBe(header === 'x-api-key' ? 'sk_test' : null);
      const key = sent.headers.get('idempotency-key');
      if (idempotent) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      else expect(key).toBeNull();
    });
  }
});

describe('idempotency keys', () => {
  it('are new for each call', async () => {
    const stub = stubFetch(json({}));
    const billing = createBillingClient({ baseUrl: 'https://billing.test', apiKey: 'k', fetch: stub.fetch });
    for (let i = 0; i < 2; i++)
      await billing.POST('/api/v2/billing/invoices/{id}/actions/cancel', { params: { path: { id: 'inv_1' } } });
    const [a, b] = stub.requests.map((r) => r.headers.get('idempotency-key'));
    expect(a).toBeTruthy();
    expect(a).not.toBe(b);
  });

  it('are still sent, unique, where the runtime has no crypto.randomUUID (Node 18)', async () => {
    vi.stubGlobal('crypto', undefined);
    try {
      const stub = stubFetch(json({}));
      const billing = createBillingClient({ baseUrl: 'https://billing.test', apiKey: 'k', fetch: stub.fetch });
      for (let i = 0; i < 2; i++)
        await billing.POST('/api/v2/billing/credit/actions/add-funds', { body: { amount: 100 } });
      const [a, b] = stub.requests.map((r) => r.headers.get('idempotency-key'));
      expect(a).toMatch(/^[\x21-\x7E]{10,255}$/);
      expect(a).not.toBe(b);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("keep the caller's own key", async () => {
    const stub = stubFetch(json({}));
    const billing = createBillingClient({ baseUrl: 'https://billing.test', apiKey: 'k', fetch: stub.fetch });
    await billing.POST('/api/v2/billing/invoices/{id}/actions/pay', {
      params: { path: { id: 'inv_1' }, header: { 'Idempotency-Key': 'order-42' } },
    });
    await billing.raw.POST('/api/v2/billing/invoices/{id}/actions/pay', {
      params: { path: { id: 'inv_1' }, header: { 'Idempotency-Key': 'order-43' } },
    });
    expect(stub.requests.map((r) => r.headers.get('idempotency-key'))).toEqual(['order-42', 'order-43']);
  });
});
