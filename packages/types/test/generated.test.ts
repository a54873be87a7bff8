// The committed generated files must be exactly what `generate` would write from the current spec:
// this test fails (naming the command to run) when someone changes the spec without regenerating.
// The expectations about what they hold are read from the bundled spec, never typed here.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openapi } from '@billing-api/openapi';
import { deref, type Example, listOperations, type OpenApiDocument } from '@billing-api/openapi-model';
import { describe, expect, it } from 'vitest';
import { render, renderAliases, renderOperations } from '../scripts/render.js';

const generatedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'generated');
const committed = (name: string) => readFile(path.join(generatedDir, name), 'utf8');
const doc = (extra: Partial<OpenApiDocument>): OpenApiDocument => ({
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  ...extra,
});

describe('generated/', () => {
  it('is up to date with spec/dist/openapi.json (else run `pnpm --filter @billing-api/types generate`)', async () => {
    const expected = await render();
    for (const [name, contents] of Object.entries(expected)) {
      expect((await committed(name)) === contents, `generated/${name} is stale`).toBe(true);
    }
  });

  it('has one alias per component schema of the spec, and nothing else', async () => {
    const aliases = [
      ...(await committed('schemas.ts')).matchAll(/^export type (\w+) = components\['schemas'\]\['(\w+)'\];$/gm),
    ];
    expect(aliases.map((m) => m[1])).toEqual(Object.keys(openapi.components?.schemas ?? {}));
    for (const m of aliases) expect(m[1]).toBe(m[2]);
  });

  it('names the operationId of every operation and the code of every error example', async () => {
    const text = await committed('operations.ts');
    const operations = listOperations(openapi);
    expect(operations.length).toBeGreaterThan(0);
    for (const op of operations) {
      expect(text).toContain(`${op.method}: '${op.operationId}'`);
      for (const { status, response } of op.responses.filter((r) => /^[45]/.test(r.status))) {
        for (const media of Object.values(response.content ?? {}))
          for (const example of Object.values(media.examples ?? {})) {
            const code = (deref<Example>(openapi, example).value as { code?: string }).code;
            const block = text.slice(text.indexOf(`  ${op.operationId}: {`));
            const line = block.split('\n').find((l) => l.startsWith(`    ${status}: `));
            expect(line, `${op.operationId} ${status}`).toContain(`'${code}'`);
          }
      }
    }
  });
});

describe('renderAliases', () => {
  it('documents each alias with the first sentence of its description', () => {
    const out = renderAliases(
      doc({ components: { schemas: { Thing: { description: 'A thing. More words.' }, Other: { title: 'Other' } } } }),
    );
    expect(out).toContain("/** A thing. */\nexport type Thing = components['schemas']['Thing'];");
    expect(out).toContain("/** Other */\nexport type Other = components['schemas']['Other'];");
  });

  it('refuses a schema name that cannot be a type name', () => {
    expect(() => renderAliases(doc({ components: { schemas: { 'not-a-name': {} } } }))).toThrow(
      /not-a-name.*PascalCase/,
    );
    expect(() => renderAliases(doc({ components: { schemas: { paths: {} } } }))).toThrow(/paths/);
  });
});

describe('renderOperations', () => {
  const problem = (examples: Record<string, unknown>, schema?: object) => ({
    description: 'x',
    content: { 'application/json': { ...(schema && { schema }), examples } },
  });

  it('collects codes per status from examples (refs followed) and a declared enum, without repeats', () => {
    const out = renderOperations(
      doc({
        paths: {
          '/a/{id}': {
            get: {
              operationId: 'getA',
              responses: {
                '200': { description: 'ok' },
                '404': problem({ one: { $ref: '#/components/examples/NotFound' } }),
                '409': problem(
                  { a: { value: { code: 'a_busy' } }, b: { value: { code: 'a_busy' } } },
                  { properties: { code: { enum: ['a_busy', 'a_locked'] } } },
                ),
                '4XX': problem({ c: { value: { code: 'range_is_skipped' } } }),
              },
            },
            post: { operationId: 'postA', responses: { '204': { description: 'done' } } },
          },
        },
        components: { examples: { NotFound: { value: { code: 'a_not_found' } } } },
      }),
    );
    expect(out).toContain(`"/a/{id}": { get: 'getA'; post: 'postA' };`);
    expect(out).toContain("  getA: {\n    404: 'a_not_found';\n    409: 'a_busy' | 'a_locked';\n  };");
    expect(out).toContain('  postA: {};');
    expect(out).not.toContain('range_is_skipped');
  });
});
