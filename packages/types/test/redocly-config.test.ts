// redocly.yaml is shared by @redocly/cli 2 (the spec build) and openapi-typescript, whose Redocly core
// is 1.x. This proves the 1.x core loads it: the api, the severities and every configurable rule
// (`rule/*`) come through, and its config linter flags nothing but rule names that only 2.x knows.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const configPath = path.join(repoRoot, 'redocly.yaml');

// The @redocly/openapi-core that openapi-typescript itself depends on (1.x), not the repo's 2.x.
const requireFromOpenapiTs = createRequire(createRequire(import.meta.url).resolve('openapi-typescript'));
const core = requireFromOpenapiTs('@redocly/openapi-core') as RedoclyCore1;
const coreVersion = (requireFromOpenapiTs('@redocly/openapi-core/package.json') as { version: string }).version;

/** The part of the 1.x API this test uses (the package is openapi-typescript's dependency, not ours). */
interface RedoclyCore1 {
  loadConfig(options: { configPath: string }): Promise<{
    apis: Record<string, { root: string } | undefined>;
    styleguide: { rules: Record<string, Record<string, unknown>> };
  }>;
  makeDocumentFromString(source: string, absoluteRef: string): unknown;
  lintConfig(options: {
    document: unknown;
    config: unknown;
  }): Promise<Array<{ message: string; location: Array<{ pointer?: string }> }>>;
}

/** Rules of @redocly/cli 2 that 1.x does not know. Empty on purpose: redocly.yaml keeps to keys both accept. */
const RULES_ONLY_IN_2X: string[] = [];

describe(`redocly.yaml under @redocly/openapi-core ${coreVersion}`, () => {
  it('is the 1.x core', () => {
    expect(coreVersion).toMatch(/^1\./);
  });

  it('loads, with its api, severities and configurable rules', async () => {
    const config = await core.loadConfig({ configPath });
    expect(config.apis.billing?.root).toBe('./spec/openapi.yaml');
    const rules = config.styleguide.rules.oas3_1 ?? {};
    expect(rules['operation-4xx-response']).toBe('error');
    const yaml = await readFile(configPath, 'utf8');
    const configurable = yaml.match(/^ {2}rule\/[\w-]+:/gm) ?? [];
    expect(configurable.length).toBeGreaterThan(5);
    expect(rules.assertions).toHaveLength(configurable.length);
  });

  it('passes the 1.x config linter with zero problems', async () => {
    const config = await core.loadConfig({ configPath });
    const document = core.makeDocumentFromString(await readFile(configPath, 'utf8'), configPath);
    const problems = await core.lintConfig({ document, config });
    const unexpected = problems
      .map((p) => `${p.location[0]?.pointer ?? '?'}: ${p.message}`)
      .filter((line) => !RULES_ONLY_IN_2X.some((rule) => line.startsWith(`#/rules/${rule}:`)));
    expect(unexpected).toEqual([]);
  });
});
