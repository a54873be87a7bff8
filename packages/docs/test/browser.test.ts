/**
 * The built site in a real browser (Debian Chromium via playwright-core), served from dist/ on a
 * free 127.0.0.1 port: every operation rendered and reachable by its anchor with a visible cURL and
 * TypeScript sample, search, the try-it page, no console errors and no request leaving 127.0.0.1.
 * Screenshots of the landing page and the apply-credit operation go to test-results/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox } from '@billing-api/sandbox';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_DIR } from '../src/build.js';
import { type StaticServer, startStaticServer } from '../src/server/serve.js';
import { type BrowserSession, launchBrowser } from './support/browser.js';
import { DIST_DIR, model } from './support/site.js';

const RESULTS = join(PACKAGE_DIR, 'test-results');

let server: StaticServer;
let browser: BrowserSession;
let page: Page;

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  server = await startStaticServer({ root: DIST_DIR });
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(() => {
  // Every test: nothing left 127.0.0.1 and nothing was logged as an error.
  expect(browser.offHost, 'requests to other hosts').toEqual([]);
  expect(browser.errors, 'console errors').toEqual([]);
});

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The operation anchors the landing page links to, by operationId. */
async function landingAnchors(): Promise<Map<string, string>> {
  await page.goto(`${server.url}/index.html`);
  const hrefs = await page
    .locator('main a[href^="reference.html#/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  const anchors = new Map<string, string>();
  for (const op of model().operations) {
    const href = hrefs.find((h) => h.toLowerCase().endsWith(`/${op.operationId.toLowerCase()}`));
    // Hrefs percent-encode the parentheses of v1 tag slugs; Redoc's section ids are the decoded route.
    if (href) anchors.set(op.operationId, decodeURIComponent(href.slice('reference.html'.length)));
  }
  return anchors;
}

/** Makes the sample with this label the one shown in the operation's sample panel, and returns that code block. */
async function showSample(section: Locator, label: 'cURL' | 'TypeScript', mustContain: string): Promise<Locator> {
  const block = section.locator('[data-component-name="CodeBlock/CodeBlock"]', { hasText: mustContain }).first();
  if (!(await block.isVisible())) {
    await section
      .locator('[data-component-name="Dropdown/Dropdown"]', { hasText: /^(cURL|TypeScript)$/ })
      .first()
      .click();
    await page
      .locator('[data-component-name="Dropdown/DropdownMenuItem"]', { hasText: new RegExp(`^${label}$`) })
      .first()
      .click();
  }
  await block.waitFor({ state: 'visible' });
  return block;
}

describe('landing page', () => {
  it('links every operation, the reference, try-it, errors, the guides and llms.txt', async () => {
    const anchors = await landingAnchors();
    expect([...anchors.keys()].sort()).toEqual(
      model()
        .operations.map((o) => o.operationId)
        .sort(),
    );
    for (const target of [
      'guides/getting-started.html',
      'reference.html',
      'try-it.html',
      'errors/index.html',
      'llms.txt',
      'llms-full.txt',
      'openapi.json',
    ]) {
      expect(await page.locator(`main a[href="${target}"]`).count(), target).toBeGreaterThan(0);
    }
    const shot = join(RESULTS, 'landing.png');
    await page.screenshot({ path: shot, fullPage: false });
    console.log(`screenshot: ${shot}`);
  });
});

describe('Redoc reference', () => {
  it(`renders all ${model().operations.length} operations, each reachable by its anchor with a visible cURL and TypeScript sample`, async () => {
    const anchors = await landingAnchors();
    await page.goto(`${server.url}/reference.html`);
    let rendered = 0;
    for (const op of model().operations) {
      const anchor = anchors.get(op.operationId)!;
      await page.goto(`${server.url}/reference.html${anchor}`);
      const section = page.locator(`[data-section-id="${anchor.slice(1)}"]`);
      await section.waitFor({ state: 'attached' });
      await expect
        .poll(() => section.getByText(op.summary, { exact: true }).first().isVisible(), { message: op.operationId })
        .toBe(true);
      const samples = model().samples.get(op.operationId)!;
      const curl = await showSample(section, 'cURL', 'curl ');
      expect(squash(await curl.innerText()), op.operationId).toBe(squash(samples.curl));
      const ts = await showSample(section, 'TypeScript', 'createBillingClient');
      expect(squash(await ts.innerText()), op.operationId).toBe(squash(samples.typescript));
      rendered++;
    }
    console.log(`operations rendered and reachable by anchor: ${rendered}`);
    expect(rendered).toBe(model().operations.length);
  }, 300_000);

  it('finds "apply credit" with its search', async () => {
    await page.goto(`${server.url}/reference.html`);
    await page.getByText('Search', { exact: false }).first().click();
    await page.keyboard.type('apply credit');
    const hit = page
      .locator('[data-component-name="Search/SearchItem"]', { hasText: 'Apply account credit to an invoice' })
      .first();
    await hit.waitFor({ state: 'visible' });
    await hit.click();
    await expect.poll(() => page.url()).toMatch(/#\/payments(-\(v1\))?\/applycredit/);
  });

  it('shows the apply-credit operation with its samples and links to its Markdown twin', async () => {
    const anchors = await landingAnchors();
    const anchor = anchors.get('applyCreditToInvoice')!;
    await page.goto(`${server.url}/reference.html${anchor}`);
    const section = page.locator(`[data-section-id="${anchor.slice(1)}"]`);
    await showSample(section, 'cURL', 'curl ');
    const shot = join(RESULTS, 'apply-credit.png');
    await page.screenshot({ path: shot });
    console.log(`screenshot: ${shot}`);
    const twin = section.getByRole('link', { name: 'this operation as Markdown' });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/operations/applyCreditToInvoice.md')),
      twin.click(),
    ]);
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain('# Apply account credit to an invoice');
  });
});

describe('other pages', () => {
  it('the try-it page runs Scalar offline with every tag of the spec', async () => {
    await page.goto(`${server.url}/try-it.html`);
    await page.getByText('Download OpenAPI Document').first().waitFor({ state: 'visible' });
    for (const tag of new Set(model().operations.map((o) => o.tag))) {
      await expect.poll(() => page.getByText(tag, { exact: true }).first().isVisible(), { message: tag }).toBe(true);
    }
  });

  it('the try-it page sends a request to the sandbox, with the key of an account of its own, and shows its answer', async () => {
    // The page targets the sandbox's documented address; this test's sandbox runs on a free port,
    // so requests to the documented address are forwarded to it (still 127.0.0.1 only).
    const sandbox = await startSandbox({ port: 0, rateLimit: false });
    const documented = new URL(model().sandboxUrl);
    const forwarded: string[] = [];
    const forward = async (route: import('playwright-core').Route) => {
      const url = new URL(route.request().url());
      forwarded.push(`${route.request().method()} ${url.pathname}`);
      await route.fulfill({ response: await route.fetch({ url: `${sandbox.url}${url.pathname}${url.search}` }) });
    };
    await browser.context.route(`${documented.origin}/**`, forward);
    try {
      // Its own account, as the page tells readers to make one, so trying things changes no one else's data.
      const created = await fetch(`${sandbox.url}/sandbox/accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ invoices: [{ status: 'unpaid' }], keys: { 'try-it': ['read:billing'] } }),
      });
      expect(created.status).toBe(201);
      const own = (await created.json()) as { keys: Record<string, string>; invoices: Array<{ id: string }> };
      const list = model().operations.find((o) => o.operationId === 'listInvoices')!;
      await page.goto(`${server.url}/try-it.html#tag/${list.tag.toLowerCase()}/GET${list.path}`);
      await expect.poll(() => page.getByText('an account of your own').first().isVisible()).toBe(true);
      await page.getByPlaceholder('Token').first().fill(own.keys['try-it']!);
      await page.getByRole('button', { name: 'Test Request' }).first().click();
      await page
        .getByRole('button', { name: /^Send\b/ })
        .first()
        .click();
      await page.getByText('200 OK').first().waitFor({ state: 'visible' });
      expect(forwarded).toContain(`GET ${list.path}`);
      // The answer is the own account's invoice list, not the demo's.
      await page.getByText(own.invoices[0]!.id).first().waitFor({ state: 'visible' });
    } finally {
      await browser.context.unroute(`${documented.origin}/**`, forward);
      await sandbox.close();
    }
  });

  it('the getting-started page and an error page render with their code', async () => {
    await page.goto(`${server.url}/getting-started.html`);
    await page.waitForURL(/guides\/getting-started\.html$/);
    expect(await page.locator('pre code').count()).toBeGreaterThanOrEqual(5);
    await page.getByRole('link', { name: 'error catalogue' }).click();
    await expect.poll(() => page.url()).toContain('/errors/index.html');
    await page.getByRole('link', { name: 'rate_limited', exact: true }).click();
    await expect.poll(() => page.url()).toContain('/errors/rate_limited.html');
    expect(await page.locator('pre code').last().textContent()).toContain("error.code === 'rate_limited'");
  });
});
