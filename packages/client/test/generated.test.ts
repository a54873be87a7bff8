// generated/operations.ts must be what `generate` would write from the current spec, and the rule
// derivation must give every operation exactly the policy of its own security and parameters.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  bundledSpecPath,
  collectPolicies,
  deriveRules,
  render,
  renderOperations,
  type SpecDoc,
} from '../scripts/render.js';
import { matchRule } from '../src/rules.js';

const generatedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'generated');

describe('generated/operations.ts', () => {
  it('is up to date with spec/dist/openapi.json (else run `pnpm --filter @billing-api/client generate`)', async () => {
    const expected = await render();
    const committed = await readFile(path.join(generatedDir, 'operations.ts'), 'utf8');
    expect(committed === expected['operations.ts'], 'generated/operations.ts is stale').toBe(true);
  });

  it('gives each operation of the bundled spec the policy its security and Idempotency-Key say', async () => {
    const spec = JSON.parse(await readFile(bundledSpecPath(), 'utf8')) as SpecDoc;
    const { entries } = collectPolicies(spec);
    const rules = deriveRules(entries);
    expect(entries).toHaveLength(29);
    for (const e of entries) expect(matchRule(rules, e.method, e.path)?.slice(2), e.where).toEqual(e.policy);
  });
});

const scheme = { Key: { type: 'apiKey', in: 'header', name: 'X-Key' }, Bearer: { type: 'http', scheme: 'bearer' } };
const op = (security?: Record<string, string[]>[], idempotent = false) => ({
  ...(security && { security }),
  ...(idempotent && { parameters: [{ name: 'Idempotency-Key', in: 'header' }] }),
});

describe('rule derivation', () => {
  it('handles an exception at a path that also has children, and root-level security', () => {
    const spec: SpecDoc = {
      security: [{ Bearer: [] }],
      components: { securitySchemes: scheme },
      paths: {
        '/a': { get: op([]) },
        '/a/b': { get: op(), post: op(undefined, true) },
        '/a/b/c': { get: op([{ Key: [] }]) },
        '/z': { get: op([{}, { Key: [] }]) },
      },
    };
    const { entries } = collectPolicies(spec);
    expect(entries.map((e) => [e.where.split(' (')[0], e.policy])).toEqual([
      ['GET /a', [-1, 0]],
      ['GET /a/b', [0, 0]],
      ['POST /a/b', [0, 1]],
      ['GET /a/b/c', [1, 0]],
      ['GET /z', [-1, 0]],
    ]);
    const rules = deriveRules(entries);
    for (const e of entries) expect(matchRule(rules, e.method, e.path)?.slice(2)).toEqual(e.policy);
    expect(renderOperations(spec)).toContain('GET /a/b/c (?)');
  });

  it('refuses schemes the client cannot fill, naming them', () => {
    const spec = (s: object): SpecDoc => ({
      components: { securitySchemes: { S: s } as never },
      paths: { '/x': { get: op([{ S: [] }]) } },
    });
    expect(() => renderOperations(spec({ type: 'oauth2' }))).toThrow('security scheme "S" is oauth2');
    expect(() => renderOperations(spec({ type: 'apiKey', in: 'query', name: 'k' }))).toThrow(/apiKey\/query/);
    expect(() =>
      renderOperations({
        ...spec({ type: 'http', scheme: 'bearer' }),
        paths: { '/x': { get: op([{ S: [], T: [] }]) } },
      }),
    ).toThrow(/2 schemes at once/);
  });
});
