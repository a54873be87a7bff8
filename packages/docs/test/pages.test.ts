/**
 * The built site as files: a Markdown twin per operation with every fact the reader needs, the
 * error catalogue, llms.txt / llms-full.txt, the docs copy of the spec with x-codeSamples, working
 * relative links everywhere, and an offline reference page.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localizeAssets, remoteResources } from '../src/reference/offline.js';
import { scalarStandalonePath } from '../src/reference/scalar.js';
import { bundledSpecPath } from '../src/spec/load.js';
import { constraintsOf } from '../src/spec/schema.js';
import { model, rawSpec, site, siteFiles } from './support/site.js';

const files = siteFiles();

describe('Markdown twin of every operation', () => {
  it('exists for all operations and gives method, path, auth, parameters, examples, samples and related operations', () => {
    const { operations, document } = model();
    for (const op of operations) {
      const md = site(`operations/${op.operationId}.md`);
      expect(md, op.operationId).toContain(`# ${op.summary}\n`);
      expect(md).toContain(`\`${op.method} ${op.path}\``);
      if (op.security.length === 0) expect(md).toContain('takes no credentials');
      for (const s of op.security) for (const scope of s.scopes) expect(md).toContain(`scope \`${scope}\``);
      for (const p of op.parameters) {
        expect(md).toContain(`- \`${p.name}\` (${p.in}, ${p.required ? '**required**' : 'optional'}`);
        for (const c of constraintsOf(document, p.schema)) expect(md).toContain(c);
        // Provenance: the parameter's own "where does this come from" sentence.
        expect(md).toContain(p.description!.replace(/\s+/g, ' ').trim().slice(0, 60));
      }
      for (const r of op.responses) {
        expect(md).toContain(`### ${r.status}: `);
        for (const e of r.examples) expect(md).toContain(JSON.stringify(e.value, null, 2));
      }
      for (const e of op.requestBody?.examples ?? []) expect(md).toContain(`### Request example \`${e.name}\``);
      const samples = model().samples.get(op.operationId)!;
      expect(md).toContain(samples.curl);
      expect(md).toContain(samples.typescript.trimEnd());
      for (const r of model().related.get(op.operationId)!) expect(md).toContain(`](${r.operation.operationId}.md)`);
    }
  });
});

describe('error catalogue', () => {
  it('has an HTML and a Markdown page per code with status, operations, example and a snippet branching on code', () => {
    for (const entry of model().errors) {
      const md = site(`${entry.slug}.md`);
      const html = site(`${entry.slug}.html`);
      expect(md).toContain(`# \`${entry.code}\`: ${entry.title}`);
      expect(md).toContain(`- HTTP status: ${entry.statuses.join(', ')}`);
      for (const o of entry.occurrences)
        expect(md).toContain(`(${posix.relative(posix.dirname(entry.slug), `operations/${o.operationId}.md`)})`);
      expect(md).toContain(JSON.stringify(entry.example, null, 2));
      expect(md).toContain(`error.code === '${entry.code}'`);
      if (entry.statuses.includes(429)) expect(md).toContain('error.retryAfterMs');
      for (const h of entry.headers) expect(md).toContain(`- \`${h.name}\`: `);
      expect(html).toContain(`<code>${entry.code}</code>`);
    }
    const index = site('errors/index.md');
    for (const entry of model().errors) expect(index).toContain(`\`${entry.code}\``);
  });
});

describe('llms.txt and llms-full.txt', () => {
  it('llms.txt follows the llmstxt.org shape and links every operation twin and error page', () => {
    const txt = site('llms.txt');
    expect(txt.startsWith(`# ${model().title}\n\n> `)).toBe(true);
    for (const op of model().operations) expect(txt).toContain(`](operations/${op.operationId}.md)`);
    for (const e of model().errors) expect(txt).toContain(`](${e.slug}.md)`);
    for (const [, target] of txt.matchAll(/\]\(([^)]+)\)/g)) expect(files, target).toContain(target);
  });
  it('llms-full.txt holds the guide, every operation twin and every error page', () => {
    const full = site('llms-full.txt');
    expect(full).toContain(site('getting-started.md').trim());
    for (const op of model().operations) expect(full).toContain(site(`operations/${op.operationId}.md`).trim());
    for (const e of model().errors) expect(full).toContain(site(`${e.slug}.md`).trim());
  });
});

describe('the docs copy of the spec', () => {
  it('carries cURL and TypeScript x-codeSamples and Markdown/error links on every operation; spec/dist is untouched', () => {
    const docs = JSON.parse(site('openapi.json'));
    const original = readFileSync(bundledSpecPath(), 'utf8');
    expect(original).not.toContain('x-codeSamples');
    for (const op of model().operations) {
      const copy = docs.paths[op.path][op.method.toLowerCase()];
      expect(copy['x-codeSamples'].map((s: any) => s.label)).toEqual(['cURL', 'TypeScript']);
      expect(copy['x-codeSamples'][0].source).toBe(model().samples.get(op.operationId)!.curl);
      expect(copy.description).toContain(`(operations/${op.operationId}.md)`);
    }
    // Apart from the injected samples and descriptions, the copy is the spec.
    const stripped = structuredClone(docs);
    for (const item of Object.values(stripped.paths) as any[])
      for (const op of Object.values(item) as any[]) {
        delete op['x-codeSamples'];
        delete op.description;
      }
    const plain = structuredClone(rawSpec());
    for (const item of Object.values(plain.paths) as any[])
      for (const op of Object.values(item) as any[]) delete op.description;
    expect(stripped).toEqual(plain);
  });
});

describe('links', () => {
  it('every relative link of every generated page points at a file of the site', () => {
    const pages = files.filter((f) => (f.endsWith('.md') || f.endsWith('.html')) && f !== 'reference.html');
    let checked = 0;
    for (const page of pages) {
      const text = site(page);
      const targets = page.endsWith('.md')
        ? [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!)
        : [...text.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]!);
      for (const target of targets) {
        if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
        const path = posix.normalize(posix.join(posix.dirname(page), target.split('#')[0]!));
        expect(files, `${page} -> ${target}`).toContain(path);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('the landing page links every operation in the reference and its Markdown twin', () => {
    const landing = site('index.md');
    for (const op of model().operations) {
      expect(landing).toContain(`/${op.operationId.toLowerCase()}) \`${op.method} ${op.path}\``);
      expect(landing).toContain(`(operations/${op.operationId}.md)`);
    }
    expect(site('index.html')).toContain('href="getting-started.html"');
  });
});

describe('offline pages', () => {
  it('the reference page embeds Redoc and loads nothing from another host', () => {
    const html = site('reference.html');
    expect(remoteResources(html)).toEqual([]);
    expect(html).not.toContain('cdn.redoc.ly');
    expect(html).not.toContain('cdn.redocly.com/redoc/v');
    expect(html).toContain('assets/redocly-logo-full.svg');
  });
  it('localizeAssets refuses a page that would still load a remote script', () => {
    expect(() =>
      localizeAssets('<html><head></head><body><script src="https://cdn.example/x.js"></script></body></html>'),
    ).toThrow(/remote resources/);
  });
  it('the try-it page runs Scalar from the copied npm bundle, against the sandbox, without a proxy', () => {
    const bytes = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
    expect(bytes(`${process.cwd()}/dist/assets/scalar/standalone.js`)).toBe(bytes(scalarStandalonePath()));
    const html = site('try-it.html');
    expect(remoteResources(html)).toEqual([]);
    expect(html).toContain('<script src="assets/scalar/standalone.js"></script>');
    expect(html).not.toMatch(/proxyUrl|proxy\.scalar\.com/);
    expect(html).toContain(`"servers":[{"url":"${model().serverUrl}"`);
    expect(html).toContain('"agent":{"disabled":true}');
  });
});
