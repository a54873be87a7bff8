// generated/operations.ts must be what `generate` would write from the current spec, and its table
// must give every operation of the spec exactly what the spec says: its operationId, the header of
// its security scheme, whether it takes an Idempotency-Key, and the codes of its error examples.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openapi } from '@billing-api/openapi';
import { deref, type Example, listOperations, type OpenApiDocument } from '@billing-api/openapi-model';
import { describe, expect, it } from 'vitest';
import { OPERATIONS, SCHEMES } from '../generated/operations.js';
import { render, renderOperations } from '../scripts/render.js';

const generatedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'generated');
const doc = (extra: Partial<OpenApiDocument>): OpenApiDocument => ({
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  ...extra,
});

describe('generated/operations.ts', () => {
  it('is up to date with spec/dist/openapi.json (else run `pnpm --filter @billing-api/client generate`)', async () => {
    const expected = await render();
    const committed = await readFile(path.join(generatedDir, 'operations.ts'), 'utf8');
    expect(committed === expected['operations.ts'], 'generated/operations.ts is stale').toBe(true);
  });

  it('has one row per operation of the spec, with what its security, parameters and examples say', () => {
    const operations = listOperations(openapi);
    expect(Object.keys(OPERATIONS)).toEqual(operations.map((op) => `${op.method.toUpperCase()} ${op.path}`));
    for (const op of operations) {
      const [operationId, scheme, idempotent, codes] = OPERATIONS[`${op.method.toUpperCase()} ${op.path}`]!;
      expect(operationId).toBe(op.operationId);
      const name = Object.keys(op.security[0] ?? {})[0];
      const defined = name ? deref(openapi, openapi.components?.securitySchemes?.[name]) : undefined;
      const header = defined?.type === 'http' ? 'authorization' : defined?.name?.toLowerCase();
      expect(SCHEMES[scheme]?.[0], op.id).toBe(header);
      expect(idempotent === 1, op.id).toBe(op.parameters.some((p) => p.parameter.name === 'Idempotency-Key'));
      for (const { status, response } of op.responses.filter((r) => /^[45]/.test(r.status)))
        for (const media of Object.values(response.content ?? {}))
          for (const example of Object.values(media.examples ?? {})) {
            const code = (deref<Example>(openapi, example).value as { code: string }).code;
            expect(codes, op.id).toContain(` ${status}:${code} `);
          }
    }
  });
});

const scheme = { Key: { type: 'apiKey', in: 'header', name: 'X-Key' }, Bearer: { type: 'http', scheme: 'bearer' } };

describe('renderOperations', () => {
  it('follows root-level and per-operation security, public operations and shared Idempotency-Key parameters', () => {
    const out = renderOperations(
      doc({
        security: [{ Bearer: [] }],
        components: { securitySchemes: scheme as never },
        paths: {
          '/a': { get: { operationId: 'a', security: [], responses: {} } },
          '/a/b': {
            parameters: [{ name: 'Idempotency-Key', in: 'header' }],
            post: { operationId: 'b', responses: {} },
          },
          '/z': { get: { operationId: 'z', security: [{}, { Key: [] }], responses: {} } },
          '/k': { get: { security: [{ Key: [] }], responses: {} } },
        },
      }),
    );
    expect(out).toContain(`"GET /a": ["a", -1, 0, ""],`);
    expect(out).toContain(`"POST /a/b": ["b", 0, 1, ""],`);
    expect(out).toContain(`"GET /z": ["z", -1, 0, ""],`);
    expect(out).toContain(`"GET /k": ["", 1, 0, ""],`);
    expect(out).toContain('[["authorization","Bearer "],["x-key",""]]');
  });

  it('refuses schemes the client cannot fill, naming them', () => {
    const spec = (s: object, security: object[] = [{ S: [] }]) =>
      doc({
        components: { securitySchemes: { S: s, T: s } as never },
        paths: { '/x': { get: { security: security as never, responses: {} } } },
      });
    expect(() => renderOperations(spec({ type: 'oauth2' }))).toThrow('security scheme "S" is oauth2');
    expect(() => renderOperations(spec({ type: 'apiKey', in: 'query', name: 'k' }))).toThrow(/apiKey\/query/);
    expect(() => renderOperations(spec({ type: 'http', scheme: 'bearer' }, [{ S: [], T: [] }]))).toThrow(
      'GET /x: a security requirement with 2 schemes at once is not supported',
    );
  });
});
