// The committed generated files must be exactly what `generate` would write from the current spec:
// this test fails (naming the command to run) when someone changes the spec without regenerating.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundledSpecPath, render, renderAliases } from '../scripts/render.js';

const generatedDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'generated');

describe('generated/', () => {
  it('is up to date with spec/dist/openapi.json (else run `pnpm --filter @billing-api/types generate`)', async () => {
    const expected = await render();
    for (const [name, contents] of Object.entries(expected)) {
      const committed = await readFile(path.join(generatedDir, name), 'utf8');
      expect(committed === contents, `generated/${name} is stale`).toBe(true);
    }
  });

  it('has one alias per component schema of the spec', async () => {
    const spec = JSON.parse(await readFile(bundledSpecPath(), 'utf8')) as { components: { schemas: object } };
    const aliases = await readFile(path.join(generatedDir, 'schemas.ts'), 'utf8');
    const names = Object.keys(spec.components.schemas);
    expect(names.length).toBeGreaterThan(40);
    for (const name of names) expect(aliases).toContain(`export type ${name} = components['schemas']['${name}'];`);
  });
});

describe('renderAliases', () => {
  it('documents each alias with the first sentence of its description', () => {
    const out = renderAliases({
      components: { schemas: { Thing: { description: 'A thing. More words.' }, Other: { title: 'Other' } } },
    });
    expect(out).toContain("/** A thing. */\nexport type Thing = components['schemas']['Thing'];");
    expect(out).toContain("/** Other */\nexport type Other = components['schemas']['Other'];");
  });

  it('refuses a schema name that cannot be a type name', () => {
    expect(() => renderAliases({ components: { schemas: { 'not-a-name': {} } } })).toThrow(/not-a-name.*PascalCase/);
    expect(() => renderAliases({ components: { schemas: { paths: {} } } })).toThrow(/paths/);
  });
});
