/**
 * Our own pages in Chromium, as readers get them: a crawler finds no broken link on the site or in
 * llms*.txt; axe-core finds no critical or serious violation (light and dark scheme); nothing
 * overflows a 390 px wide phone; every page has a title and a description; the pages read without
 * JavaScript; the search ranks v2 before v1; copy buttons and the server picker work.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGuides } from '../src/guides/guides.js';
import { searchDocuments } from '../src/search/documents.js';
import { type StaticServer, startStaticServer } from '../src/server/serve.js';
import { redocAnchor, redocTagSlug } from '../src/site/paths.js';
import { type BrowserSession, launchBrowser } from './support/browser.js';
import { crawl } from './support/crawl.js';
import { DIST_DIR, model, site, siteFiles } from './support/site.js';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
/** Pages of third-party views (Redoc, Scalar): checked for links, titles and descriptions, not for axe or overflow. */
const THIRD_PARTY = new Set(['reference.html', 'try-it.html']);
/** Our pages, without the ones that only send the browser on to where a page moved (pages.test checks those). */
const ownPages = siteFiles().filter(
  (f) => f.endsWith('.html') && !THIRD_PARTY.has(f) && !site(f).includes('http-equiv="refresh"'),
);

let server: StaticServer;
let browser: BrowserSession;
let page: Page;

beforeAll(async () => {
  server = await startStaticServer({ root: DIST_DIR });
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface AxeViolation {
  id: string;
  impact: string;
  nodes: unknown[];
}

/** Scrolls through the page, as a reader does, so blocks laid out only near the viewport are all laid out. */
async function scrollThrough(target: Page): Promise<void> {
  await target.evaluate(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight) {
      window.scrollTo(0, y);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    window.scrollTo(0, 0);
  });
}

async function axe(target: Page): Promise<AxeViolation[]> {
  await target.addScriptTag({ path: AXE });
  return target.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } }
    ).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(() => 0) }));
  });
}

describe('links', () => {
  it('a crawler from the landing page, the llms files and every page finds no broken link', async () => {
    const hashRoutes = new Map<string, Set<string>>([
      [
        'reference.html',
        new Set([
          '/',
          ...model().operations.map((op) => decodeURIComponent(redocAnchor(op).slice(1))),
          ...model().operations.map((op) => `/${redocTagSlug(op.tag)}`),
        ]),
      ],
    ]);
    const start = ['index.html', 'llms.txt', 'llms-full.txt', ...siteFiles().filter((f) => /\.(html|md)$/.test(f))].map(
      (p) => `${server.url}/${p}`,
    );
    const result = await crawl(page, server.url, start, { hashRoutes, leaves: new Set(['try-it.html']) });
    console.log(
      `crawler: ${result.pages} pages and files, ${result.links} links on 127.0.0.1 checked, ${result.broken.length} broken, ${result.external.size} to other hosts not followed`,
    );
    const reasons = [...new Set(result.broken.map((b) => `${b.to} (${b.why}) from ${b.from.replace(server.url, '')}`))];
    expect(reasons.slice(0, 40)).toEqual([]);
    expect(result.links).toBeGreaterThan(ownPages.length * 10);
  }, 600_000);

  it("the reference's tag links open their section when loaded directly", async () => {
    for (const tag of new Set(model().operations.map((op) => op.tag))) {
      await page.goto(`${server.url}/reference.html#/${redocTagSlug(tag)}`);
      const section = page.locator(`[data-section-id="/${redocTagSlug(tag)}"]`).first();
      await section.waitFor({ state: 'visible' });
      await expect
        .poll(() => section.evaluate((el) => el.getBoundingClientRect().top), { message: tag })
        .toBeLessThan(400);
    }
  });
});

describe('accessibility, phones and metadata', () => {
  it('every page of ours: 0 critical or serious axe violations, no overflow at 390 px, a title and a description', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    const problems: string[] = [];
    try {
      for (const path of ownPages) {
        await page.goto(`${server.url}/${path}`, { waitUntil: 'load' });
        await scrollThrough(page);
        const facts = await page.evaluate(() => ({
          title: document.title,
          description: document.querySelector('meta[name="description"]')?.getAttribute('content') ?? '',
          width: document.documentElement.scrollWidth,
        }));
        if (facts.title.trim().length < 3) problems.push(`${path}: no title`);
        if (facts.description.trim().length < 20) problems.push(`${path}: no description`);
        if (facts.width > 390) problems.push(`${path}: ${facts.width}px wide at 390px`);
        for (const v of await axe(page))
          if (v.impact === 'critical' || v.impact === 'serious')
            problems.push(`${path}: axe ${v.impact} ${v.id} x${v.nodes.length}`);
      }
      // The dark scheme has its own colours: one page of each kind again.
      await page.emulateMedia({ colorScheme: 'dark' });
      const kinds = [
        'index.html',
        'guides/errors.html',
        'operations/applyCreditToInvoice.html',
        'errors/rate_limited.html',
        'search.html',
      ];
      for (const path of kinds) {
        await page.goto(`${server.url}/${path}`, { waitUntil: 'load' });
        await scrollThrough(page);
        for (const v of await axe(page))
          if (v.impact === 'critical' || v.impact === 'serious')
            problems.push(`${path} (dark): axe ${v.impact} ${v.id}`);
      }
    } finally {
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    console.log(`checked ${ownPages.length} pages of ours at 390 px with axe-core`);
    expect(problems).toEqual([]);
  }, 600_000);

  it('the reference and try-it pages have a title and a description too (their axe and width results are printed)', async () => {
    for (const path of THIRD_PARTY) {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${server.url}/${path}`, { waitUntil: 'load' });
      await page.waitForTimeout(500);
      const facts = await page.evaluate(() => ({
        title: document.title,
        description: document.querySelector('meta[name="description"]')?.getAttribute('content') ?? '',
        width: document.documentElement.scrollWidth,
      }));
      const violations = (await axe(page)).filter((v) => v.impact === 'critical' || v.impact === 'serious');
      console.log(
        `${path}: ${facts.width}px wide at 390px; axe critical/serious: ${violations.map((v) => `${v.id} x${v.nodes.length}`).join(', ') || 'none'}`,
      );
      expect(facts.title.length, path).toBeGreaterThan(3);
      expect(facts.description.length, path).toBeGreaterThan(20);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 120_000);
});

describe('without JavaScript', () => {
  it('an operation page shows its summary, fields and both samples, and a deep link lands on its section', async () => {
    const context = await browser.context.browser()?.newContext({ javaScriptEnabled: false });
    const noJs = context ? await context.newPage() : await browser.newPage();
    try {
      const op = model().operations.find((o) => o.operationId === 'applyCreditToInvoice')!;
      await noJs.goto(`${server.url}/operations/${op.operationId}.html#request-body`);
      expect(await noJs.locator('h1').innerText()).toBe(op.summary);
      const samples = model().samples.get(op.operationId)!;
      // Text content: blocks below the first screen are laid out only when scrolled to.
      const code = await noJs.locator('pre code').allTextContents();
      expect(code.map((c) => c.trim())).toContain(samples.curl);
      expect(code.map((c) => c.trim())).toContain(samples.typescript.trim());
      const top = await noJs.locator('#request-body').evaluate((el) => el.getBoundingClientRect().top);
      expect(Math.abs(top)).toBeLessThan(5);
      expect(await noJs.locator('button.copy:visible').count()).toBe(0);
    } finally {
      await noJs.close();
    }
  });
});

describe('search', () => {
  const documents = searchDocuments(model(), buildGuides(model()));
  const results = async (query: string) => {
    await page.goto(`${server.url}/search.html?q=${encodeURIComponent(query)}`);
    await page
      .locator('#search-status')
      .filter({ hasText: /results|Nothing/ })
      .waitFor();
    return page
      .locator('#search-results li')
      .evaluateAll((items) =>
        items.map((li) => ({ href: li.querySelector('a')!.getAttribute('href')!, text: li.textContent! })),
      );
  };

  it('ranks the v2 operation first for "apply credit" and for "payment link"', async () => {
    const apply = await results('apply credit');
    expect(apply[0]!.href).toBe('operations/applyCreditToInvoice.html');
    const link = await results('payment link');
    const firstOperation = link.find((r) => r.href.startsWith('operations/'))!;
    const op = model().operations.find((o) => `operations/${o.operationId}.html` === firstOperation.href)!;
    expect(op.group).toBe(model().groups[0]!.name);
    const v1 = link.findIndex((r) =>
      model().operations.some(
        (o) => o.group !== model().groups[0]!.name && r.href === `operations/${o.operationId}.html`,
      ),
    );
    expect(v1 === -1 || v1 > link.indexOf(firstOperation)).toBe(true);
  });

  it('finds the idempotency guide and the error codes, with readable result text', async () => {
    const hits = await results('idempotency');
    expect(hits[0]!.href).toBe('guides/idempotency.html');
    const guide = documents.find((d) => d.url === 'guides/idempotency.html')!;
    expect(hits[0]!.text).toBe(`${guide.title} · ${guide.group}${guide.excerpt}`);
    expect(guide.excerpt).not.toMatch(/[a-z][A-Z]|\S\.\S{2}/);
    expect((await results('rate_limited')).map((r) => r.href)).toContain('errors/rate_limited.html');
  });

  it('the search box in every page header leads to the results', async () => {
    await page.goto(`${server.url}/guides/getting-started.html`);
    await page.locator('#site-search').fill('invoice pdf');
    await page.locator('#site-search').press('Enter');
    await page.waitForURL(/search\.html\?q=invoice\+pdf/);
    await page.locator('#search-results li').first().waitFor();
    expect(await page.locator('#search-results li a').first().getAttribute('href')).toBe(
      'operations/getInvoicePdf.html',
    );
  });
});

describe('copy buttons and the server picker', () => {
  it('copies a sample exactly, and picking a server changes the export line the samples read', async () => {
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const op = model().operations.find((o) => o.operationId === 'listInvoices')!;
    await page.goto(`${server.url}/operations/${op.operationId}.html`);
    const block = page.locator('.code', { has: page.locator('code.language-sh', { hasText: 'curl ' }) }).first();
    await block.locator('button.copy').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(model().samples.get(op.operationId)!.curl);
    const production = model().servers.find((s) => !s.local)!;
    await page.locator('select.server-picker').first().selectOption(production.url);
    const setup = await page
      .locator('.code', { has: page.locator('select.server-picker') })
      .first()
      .locator('pre')
      .innerText();
    expect(setup).toContain(`\nexport BILLING_API_URL=${production.url}`);
    expect(setup).toContain(`# export BILLING_API_URL=${model().sandboxUrl}`);
    // The choice is remembered on the next page.
    await page.goto(`${server.url}/operations/getInvoice.html`);
    expect(await page.locator('select.server-picker').first().inputValue()).toBe(production.url);
  });
});
