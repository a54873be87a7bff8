/**
 * One source of truth: a change to the spec, and nothing else, changes the site. Builds the site
 * from a modified copy of the bundle into a temporary folder and finds each change on every page
 * that shows it (twin, samples in the docs bundle, reference, llms.txt, error catalogue).
 */

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../src/build.js';
import { DIST_DIR, rawSpec, siteFiles } from './support/site.js';

describe('a site built from a changed spec', () => {
  const dir = mkdtempSync(join(tmpdir(), 'billing-docs-derived-'));
  const out = join(dir, 'site');
  const read = (path: string) => readFileSync(join(out, path), 'utf8');

  beforeAll(async () => {
    const spec = rawSpec();
    const apply = spec.paths['/api/v2/billing/invoices/{id}/actions/apply-credit'].post;
    apply.summary = 'Spend account credit on an invoice';
    apply.requestBody.content['application/json'].examples.chosenAmount.value = { amount: 77.5 };
    apply.responses['422'].content['application/problem+json'].examples.brandNew = {
      summary: 'A code added to the spec',
      value: {
        type: 'https://docs.billing.example/errors/brand_new_rule',
        title: 'Brand new rule',
        status: 422,
        detail: 'New.',
        code: 'brand_new_rule',
        instance: '/x',
        requestId: 'req_01jd8k7s9t1v3w5x7y9z1a3b5c',
        timestamp: '2026-02-10T09:30:00.000Z',
      },
    };
    writeFileSync(join(dir, 'openapi.json'), JSON.stringify(spec));
    await buildSite({ specPath: join(dir, 'openapi.json'), outDir: out });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('renames the operation everywhere it is listed', () => {
    expect(read('operations/applyCreditToInvoice.md')).toContain('# Spend account credit on an invoice');
    expect(read('llms.txt')).toContain('[Spend account credit on an invoice](operations/applyCreditToInvoice.md)');
    expect(read('index.html')).toContain('Spend account credit on an invoice');
    expect(read('reference.html')).toContain('Spend account credit on an invoice');
  });

  it('regenerates both code samples from the new example', () => {
    const docs = JSON.parse(read('openapi.json'));
    const [curl, ts] = docs.paths['/api/v2/billing/invoices/{id}/actions/apply-credit'].post['x-codeSamples'];
    expect(curl.source).toContain(`-d '{"amount":77.5}'`);
    expect(ts.source).toContain('body: { amount: 77.5 }');
    expect(read('reference.html')).toContain('77.5');
  });

  it('adds a catalogue page for a new error code, linked from the operation', () => {
    const page = read('errors/brand_new_rule.md');
    expect(page).toContain('# `brand_new_rule`: Brand new rule');
    expect(page).toContain('answers **422**');
    expect(read('errors/brand_new_rule.html')).toContain('Brand new rule');
    expect(read('operations/applyCreditToInvoice.md')).toContain('[`brand_new_rule`](../errors/brand_new_rule.md)');
    expect(read('llms.txt')).toContain('](errors/brand_new_rule.md)');
  });
});

describe('a site built again from the same spec', () => {
  it('has the same files with the same bytes (reproducible build)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'billing-docs-again-'));
    try {
      await buildSite({ outDir: join(dir, 'site') });
      const digest = (root: string) =>
        Object.fromEntries(
          siteFiles(root).map((f) => [
            f,
            createHash('sha256')
              .update(readFileSync(join(root, f)))
              .digest('hex'),
          ]),
        );
      expect(digest(join(dir, 'site'))).toEqual(digest(DIST_DIR));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
