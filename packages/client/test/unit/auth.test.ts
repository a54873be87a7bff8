// The API key goes where each operation's security requirement in the spec says, and an
// Idempotency-Key goes on every operation that declares one: checked for every operation of the
// bundled spec, through both billing.GET/POST and billing.raw.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { createBillingClient } from '../../src/index.js';
import { json, stubFetch } from '../helpers.js';

interface Op {
  security?: Record<string, string[]>[];
  parameters?: { $ref?: string; name?: string; in?: string }[];
}
const spec = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('@billing-api/openapi/openapi.json'), 'utf8'),
) as {
  security: Record<string, string[]>[];
  paths: Record<string, Record<string, Op>>;
  components: {
    securitySchemes: Record<string, { type: string; name?: string }>;
    parameters: Record<string, { name: string; in: string }>;
  };
};

const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([m]) => m === 'get' || m === 'post')
    .map(([method, op]) => {
      const requirement = (op.security ?? spec.security)[0];
      const scheme = requirement ? spec.components.securitySchemes[Object.keys(requirement)[0] as string] : undefined;
      const header = !scheme ? undefined : scheme.type === 'http' ? 'authorization' : scheme.name?.toLowerCase();
      const idempotent = (op.parameters ?? []).some(
        (p) => (p.$ref ? spec.components.parameters[p.$ref.split('/').pop() as string] : p)?.name === 'Idempotency-Key',
      );
      return { method: method.toUpperCase() as 'GET' | 'POST', path, header, idempotent };
    }),
);
const params = { params: { path: { id: 1, uuid: '3f0c' } }, body: undefined as unknown };

describe('authentication decided by the spec', () => {
  it('covers the 29 operations, v2 with bearer, v1 with X-API-Key, two public ones', () => {
    expect(operations).toHaveLength(29);
    expect(operations.filter((o) => o.header === 'authorization').length).toBe(16);
    expect(operations.filter((o) => o.header === 'x-api-key').length).toBe(11);
    expect(operations.filter((o) => o.header === undefined).map((o) => o.path)).toEqual([
      '/api/billing/payment-link/{uuid}',
      '/api/billing/payment-link/{uuid}/pay',
    ]);
  });

  for (const surface of ['GET/POST', 'raw'] as const) {
    it.each(operations)(`${surface}: $method $path`, async ({ method, path, header, idempotent }) => {
      const stub = stubFetch(json({}));
      const billing = createBillingClient({ baseUrl: 'https://billing.test', apiKey: 'sk_test', fetch: stub.fetch });
      const init = method === 'POST' ? { ...params, body: {} } : params;
      const call =
        surface === 'raw'
          ? (billing.raw.request as (m: string, p: string, i: unknown) => Promise<unknown>)
          : (m: string, p: string, i: unknown) =>
              (billing[m as 'GET'] as (p: string, i: unknown) => Promise<unknown>)(p, i);
      await call(method, path, init);
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
