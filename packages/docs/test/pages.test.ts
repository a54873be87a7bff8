/**
 * The built site as files: a page per operation with every fact the reader needs, the error
 * catalogue with cause and fix, the guides (their facts the spec's), llms.txt / llms-full.txt, the
 * docs copy of the spec with x-codeSamples, working relative links everywhere, pages small enough
 * to load fast, every page with a title and a description, and an offline reference page.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { deref } from '@billing-api/openapi-model';
import { describe, expect, it } from 'vitest';
import { buildGuides, GUIDE_SLUGS } from '../src/guides/guides.js';
import { migrationPairs } from '../src/guides/tables.js';
import { errorCodePage } from '../src/pages/error.js';
import { localizeAssets, remoteResources } from '../src/reference/offline.js';
import { scalarStandalonePath } from '../src/reference/scalar.js';
import { buildModel } from '../src/site/model.js';
import { bundledSpecPath, loadSpec } from '../src/spec/load.js';
import { constraintsOf } from '../src/spec/schema.js';
import { DIST_DIR, model, rawSpec, site, siteFiles, sitePagesOnDisk } from './support/site.js';

const files = siteFiles();
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('the page of every operation', () => {
  it('gives method, path, auth, parameters, examples, samples and related operations, as Markdown and HTML', () => {
    const { operations, document } = model();
    for (const op of operations) {
      const md = site(`operations/${op.operationId}.md`);
      expect(site(`operations/${op.operationId}.html`)).toContain(`<h1 id=`);
      expect(md, op.operationId).toContain(`# ${op.summary}\n`);
      expect(md).toContain(`\`${op.method} ${op.path}\``);
      if (op.security.length === 0) expect(md).toContain('takes no credentials');
      for (const s of op.security) for (const scope of s.scopes) expect(md).toContain(`scope \`${scope}\``);
      for (const p of op.parameters) {
        expect(md).toContain(`- \`${p.name}\` (${p.in}, ${p.required ? '**required**' : 'optional'}`);
        for (const c of constraintsOf(document, p.schema)) expect(md).toContain(c);
        // The parameter's own description, whole.
        expect(squash(md)).toContain(squash(p.description!));
      }
      for (const r of op.responses) {
        expect(md).toContain(`### ${r.status}: `);
        for (const e of r.examples) expect(md).toContain(JSON.stringify(e.value, null, 2));
      }
      for (const e of op.requestBody?.examples ?? []) expect(md).toContain(`### Request example \`${e.name}\``);
      const samples = model().samples.get(op.operationId)!;
      expect(md).toContain(samples.curl);
      expect(md).toContain(samples.typescript.trimEnd());
      for (const server of model().servers) expect(md).toContain(`export BILLING_API_URL=${server.url}`);
      for (const r of model().related.get(op.operationId)!) expect(md).toContain(`](${r.operation.operationId}.md)`);
    }
  });

  it('links the operations its description names (Inputs, Feeds), in the page and in the reference', () => {
    const apply = site('operations/applyCreditToInvoice.md');
    expect(apply).toContain('[`GET /invoices`](listInvoices.md)');
    expect(apply).toContain('[`actions/pay`](payInvoice.md)');
    const docs = JSON.parse(site('openapi.json'));
    const description = docs.paths['/api/v2/billing/invoices/{id}/actions/apply-credit'].post.description as string;
    expect(description).toContain('[`GET /invoices`](#/invoices/listinvoices)');
  });

  it('weighs well under 100 KB compressed, like every page of our own', () => {
    for (const page of files.filter((f) => f.endsWith('.html') && f !== 'reference.html' && f !== 'try-it.html')) {
      expect(gzipSync(readFileSync(`${DIST_DIR}/${page}`)).length, page).toBeLessThan(50 * 1024);
      expect(files, `${page} is precompressed`).toContain(`${page}.br`);
    }
  });
});

describe('error catalogue', () => {
  it('has an HTML and a Markdown page per code with status, cause, fix, operations, example and a snippet branching on code', () => {
    for (const entry of model().errors) {
      const md = site(`${entry.slug}.md`);
      const html = site(`${entry.slug}.html`);
      expect(md).toContain(`# \`${entry.code}\`: ${entry.title}`);
      expect(md).toContain(`- HTTP status: ${entry.statuses.join(', ')}`);
      expect(md).toContain('## Cause\n');
      expect(md).toContain('## Fix\n');
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

  it("states each v2 code's problem type URI: its own page at the site's public URL, which the build can set", () => {
    const base = rawSpec().info.contact.url;
    for (const e of model().errors.filter((x) => x.style === 'problem')) {
      expect(site(`${e.slug}.md`)).toContain(`- Problem \`type\`: \`${base}/${e.slug}\` (this page)`);
      expect(site(`${e.slug}.html`)).toContain(`<link rel="canonical" href="${base}/${e.slug}">`);
    }
    const local = buildModel(loadSpec(), { baseUrl: 'http://127.0.0.1:4020/' });
    const entry = local.errors.find((x) => x.style === 'problem')!;
    expect(errorCodePage(local, entry)).toContain(`\`http://127.0.0.1:4020/${entry.slug}\` (this page)`);
  });

  it('names as cause the clause of each response description that is about the code', () => {
    const page = site('errors/amount_exceeds_credit_balance.md');
    const cause = page.split('## Cause\n')[1]!.split('\n## ')[0]!;
    expect(cause).toContain('more than the credit balance');
    expect(cause).not.toContain('no credit at all');
  });
});

describe('guides', () => {
  const guides = buildGuides(model());
  it("exist as Markdown and HTML with a title and a lead, and their facts are the spec's", () => {
    expect(guides.map((g) => g.slug)).toEqual([...GUIDE_SLUGS]);
    for (const g of guides) {
      expect(site(`guides/${g.slug}.md`)).toBe(g.markdown);
      expect(site(`guides/${g.slug}.html`)).toContain(`<title>${g.title} · `);
      expect(g.markdown).not.toMatch(/\{\{/);
    }
    const spec = rawSpec();
    const byName = (slug: string) => guides.find((g) => g.slug === slug)!.markdown;
    expect(byName('authentication')).toContain(spec.components.securitySchemes.BearerV2.description.trim());
    expect(byName('idempotency')).toContain(spec.components.parameters.IdempotencyKey.description.trim());
    expect(byName('pagination')).toContain(spec.components.schemas.CursorPage.description.trim());
    // The rate-limit numbers: every 429 header with its example value, and the spec's own example message.
    const rate = byName('rate-limits');
    for (const [name, ref] of Object.entries<any>(spec.components.responses.TooManyRequests.headers)) {
      const header = deref<any>(spec, ref);
      expect(rate).toContain(`| \`${name}\` | ${squash(header.description)} | \`${header.example}\` |`);
    }
    const limited = model().errors.find((e) => e.code === 'rate_limited')!;
    for (const message of limited.messages) expect(rate).toContain(`> ${message}`);
    expect(byName('getting-started')).toContain('pnpm sandbox');
    expect(byName('authentication')).toMatch(/prints them.*once at\s+start-up/s);
  });

  it('the migration table pairs every v1 operation with its v2 equivalent from the spec', () => {
    const v1 = model().operations.filter((o) => o.group !== model().groups[0]!.name);
    const v2 = model().operations.filter((o) => o.group === model().groups[0]!.name);
    const pairs = migrationPairs(v1, v2);
    const table = site('guides/migrate-v1-to-v2.md');
    for (const pair of pairs) {
      expect(table).toContain(`[\`${pair.v1.method} ${pair.v1.path}\`](../operations/${pair.v1.operationId}.md)`);
      // Where the v1 description names its v2 equivalent, the table says exactly that one.
      const said = /v2 equivalent[^:]*: `(GET|POST) ([^`?]+)/.exec(pair.v1.description);
      if (said) expect(`${pair.v2?.method} ${pair.v2?.path}`, pair.v1.operationId).toBe(`${said[1]} ${said[2]}`);
    }
    expect(pairs.filter((p) => p.v2).length).toBeGreaterThan(pairs.length / 2);
  });
});

describe('llms.txt and llms-full.txt', () => {
  it('llms.txt follows the llmstxt.org shape and links every operation, guide and error page', () => {
    const txt = site('llms.txt');
    expect(txt.startsWith(`# ${model().title}\n\n> `)).toBe(true);
    for (const op of model().operations) expect(txt).toContain(`](operations/${op.operationId}.md)`);
    for (const e of model().errors) expect(txt).toContain(`](${e.slug}.md)`);
    for (const slug of GUIDE_SLUGS) expect(txt).toContain(`](guides/${slug}.md)`);
    for (const [, target] of txt.matchAll(/\]\(([^)]+)\)/g)) expect(files, target).toContain(target);
  });

  it('llms-full.txt holds every guide, operation and error page, with links that resolve from its place', () => {
    const full = site('llms-full.txt');
    const sections = full.split('<!-- source: ').slice(1);
    const sources = sections.map((s) => s.slice(0, s.indexOf(' -->')));
    for (const op of model().operations) expect(sources).toContain(`operations/${op.operationId}.md`);
    for (const e of model().errors) expect(sources).toContain(`${e.slug}.md`);
    for (const slug of GUIDE_SLUGS) expect(sources).toContain(`guides/${slug}.md`);
    let links = 0;
    for (const [, target] of full.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target!)) continue;
      expect(files, target).toContain(target!.split('#')[0]);
      links++;
    }
    expect(links).toBeGreaterThan(model().operations.length);
  });
});

describe('the docs copy of the spec', () => {
  it('carries cURL and TypeScript x-codeSamples and page links on every operation; spec/dist is untouched', () => {
    const docs = JSON.parse(site('openapi.json'));
    const original = readFileSync(bundledSpecPath(), 'utf8');
    expect(original).not.toContain('x-codeSamples');
    for (const op of model().operations) {
      const copy = docs.paths[op.path][op.method.toLowerCase()];
      expect(copy['x-codeSamples'].map((s: any) => s.label)).toEqual(['cURL', 'TypeScript']);
      expect(copy['x-codeSamples'][0].source).toBe(model().samples.get(op.operationId)!.curl);
      expect(copy.description).toContain(`(operations/${op.operationId}.md)`);
      expect(copy.description).toContain(`(operations/${op.operationId}.html)`);
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

describe('links and page metadata', () => {
  it('every relative link of every generated page points at a file of the site', () => {
    const pages = sitePagesOnDisk().filter((f) => f !== 'reference.html');
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
    expect(checked).toBeGreaterThan(model().operations.length * 10);
  });

  it('every HTML page has a title and a meta description', () => {
    for (const page of files.filter((f) => f.endsWith('.html'))) {
      const html = site(page);
      expect(html, page).toMatch(/<title>[^<]{3,}<\/title>/);
      expect(html, page).toMatch(/<meta name="description" content="[^"]{20,}">/);
    }
  });

  it('the landing page links every operation page, every guide and the reference', () => {
    const landing = site('index.md');
    for (const op of model().operations) {
      expect(landing).toContain(`(operations/${op.operationId}.md) \`${op.method} ${op.path}\``);
      expect(landing).toContain(`/${op.operationId.toLowerCase()}))`);
    }
    for (const slug of GUIDE_SLUGS) expect(landing).toContain(`(guides/${slug}.md)`);
    expect(site('index.html')).toContain('href="guides/getting-started.html"');
    expect(site('getting-started.html')).toContain('url=guides/getting-started.html');
  });
});

describe('offline pages', () => {
  it('the reference page embeds Redoc, loads nothing from another host, and its tag links work without a router', () => {
    const html = site('reference.html');
    expect(remoteResources(html)).toEqual([]);
    expect(html).not.toContain('cdn.redoc.ly');
    expect(html).toContain('assets/redocly-logo-full.svg');
    for (const tag of new Set(model().operations.map((o) => o.tag))) {
      const slug = tag.toLowerCase().replace(/\s+/g, '-');
      expect(html).toContain(`href="#/${slug}"`);
      expect(html).not.toContain(`href="/${slug}"`);
    }
    expect(html).toContain('<noscript>');
  });
  it('localizeAssets refuses a page that would still load a remote script', () => {
    expect(() =>
      localizeAssets('<html><head></head><body><script src="https://cdn.example/x.js"></script></body></html>'),
    ).toThrow(/remote resources/);
  });
  it('the try-it page runs Scalar from the copied npm bundle, against the spec servers, sandbox first, without a proxy', () => {
    const bytes = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
    expect(bytes(`${DIST_DIR}/assets/scalar/standalone.js`)).toBe(bytes(scalarStandalonePath()));
    const html = site('try-it.html');
    expect(remoteResources(html)).toEqual([]);
    expect(html).toContain('<script src="assets/scalar/standalone.js"></script>');
    expect(html).not.toMatch(/proxyUrl|proxy\.scalar\.com/);
    expect(html).toContain(`"servers":[{"url":"${model().sandboxUrl}"`);
    for (const server of model().servers) expect(html).toContain(`{"url":"${server.url}"`);
    expect(html).toContain('"agent":{"disabled":true}');
  });
});
