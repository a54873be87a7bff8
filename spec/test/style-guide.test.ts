// The style guide states conventions and error codes in prose; this keeps that prose honest against
// what enforces and implements it: every lint rule it names is configured in redocly.yaml, and every
// error code it names is one the spec's error examples actually give.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deref, listOperations } from '@billing-api/openapi-model';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openapi } from '../dist/index.js';

const specDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const guide = readFileSync(path.join(specDir, 'STYLE.md'), 'utf8');
const config = parse(readFileSync(path.join(specDir, '..', 'redocly.yaml'), 'utf8')) as {
  rules: Record<string, unknown>;
};

function documentedCodes(): Set<string> {
  const codes = new Set<string>();
  for (const operation of listOperations(openapi))
    for (const { response } of operation.responses)
      for (const media of Object.values(response.content ?? {}))
        for (const example of Object.values(media.examples ?? {})) {
          const code = (deref(openapi, example).value as { code?: unknown } | undefined)?.code;
          if (typeof code === 'string') codes.add(code);
        }
  return codes;
}

describe('spec/STYLE.md', () => {
  it('names only lint rules that redocly.yaml configures', () => {
    const named = [...guide.matchAll(/`(rule\/[a-z0-9-]+)`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((rule) => !(rule in config.rules))).toEqual([]);
  });

  it('names only error codes that the spec documents', () => {
    const section = guide.slice(guide.indexOf('## Resources and rules'));
    const named = [...section.matchAll(/`([a-z]+(?:_[a-z]+)+|[A-Z]+(?:_[A-Z]+)+)`/g)].map((m) => m[1]!);
    const codes = documentedCodes();
    // Field names in snake case are not codes; codes are what the examples give.
    const candidates = named.filter((word) =>
      /_(unpaid|balance|available|progress|declined|unavailable|positive)$/i.test(word),
    );
    expect(candidates.length).toBeGreaterThan(8);
    expect(candidates.filter((code) => !codes.has(code))).toEqual([]);
  });
});
