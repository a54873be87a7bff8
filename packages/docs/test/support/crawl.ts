/**
 * A link crawler that reads the site as a browser does: every HTML page of ours is loaded in
 * Chromium and its links are taken from the rendered DOM (so links a script adds count too), every
 * Markdown and `llms*.txt` file is read for its Markdown links, and each target on 127.0.0.1 is
 * requested and must answer 200 (after redirects); a `#fragment` must name an element of the target
 * page. Our own code rather than a link checker from npm: those parse HTML statically, and we also
 * need Redoc's hash routes checked against the routes its page really has.
 */
import type { Page } from 'playwright-core';

export interface BrokenLink {
  from: string;
  to: string;
  why: string;
}

export interface CrawlResult {
  pages: number;
  links: number;
  external: Set<string>;
  broken: BrokenLink[];
}

const MARKDOWN_LINK = /\]\(([^)\s]+)\)/g;

export async function crawl(
  page: Page,
  origin: string,
  start: string[],
  options: {
    /** Hash routes of a single-page view (`reference.html` -> its `#/...` routes). */
    hashRoutes: Map<string, Set<string>>;
    /** Pages whose own links are not followed (third-party views: their links were checked by hand). */
    leaves: Set<string>;
  },
): Promise<CrawlResult> {
  const seen = new Set<string>();
  const queue = [...start];
  const external = new Set<string>();
  const broken: BrokenLink[] = [];
  const bodies = new Map<string, { status: number; type: string; text: string }>();
  let links = 0;

  const get = async (url: string) => {
    const key = url.split('#')[0]!;
    if (!bodies.has(key)) {
      const res = await page.request.get(key, { maxRedirects: 5 });
      bodies.set(key, { status: res.status(), type: res.headers()['content-type'] ?? '', text: await res.text() });
    }
    return bodies.get(key)!;
  };

  const check = async (from: string, href: string) => {
    let target: URL;
    try {
      target = new URL(href, from);
    } catch {
      broken.push({ from, to: href, why: 'not a URL' });
      return;
    }
    if (!/^https?:$/.test(target.protocol)) return;
    if (target.origin !== origin) {
      external.add(target.href);
      return;
    }
    links++;
    const body = await get(target.href);
    if (body.status !== 200) {
      broken.push({ from, to: href, why: `HTTP ${body.status}` });
      return;
    }
    const fragment = decodeURIComponent(target.hash.slice(1));
    const path = target.pathname.replace(/^\//, '');
    if (fragment) {
      const routes = options.hashRoutes.get(path);
      if (routes) {
        if (!routes.has(fragment)) broken.push({ from, to: href, why: `no route ${fragment} in ${path}` });
      } else if (body.type.includes('html') && !body.text.includes(`id="${fragment}"`)) {
        broken.push({ from, to: href, why: `no element #${fragment}` });
      }
    }
    const pageUrl = `${target.origin}${target.pathname}`;
    if (!seen.has(pageUrl)) {
      seen.add(pageUrl);
      queue.push(pageUrl);
    }
  };

  for (const url of start) seen.add(url);
  while (queue.length > 0) {
    const url = queue.shift()!;
    const path = new URL(url).pathname.replace(/^\//, '');
    if (options.leaves.has(path)) continue;
    const body = await get(url);
    if (body.status !== 200) continue;
    if (body.type.includes('text/html')) {
      // A page that moved sends the browser on at once (meta refresh): its links are read from its HTML.
      const hrefs = /<meta http-equiv="refresh"/i.test(body.text)
        ? [...body.text.matchAll(/(?:href|src|url)="?=?([^"\s>]+)"/g)].map((m) => m[1]!)
        : await (async () => {
            await page.goto(url, { waitUntil: 'load' });
            return page.evaluate(() =>
              [...document.querySelectorAll('a[href], link[href], script[src], img[src]')].map(
                (el) => el.getAttribute('href') ?? el.getAttribute('src')!,
              ),
            );
          })();
      for (const href of hrefs) await check(url, href);
    } else if (/markdown|text\/plain/.test(body.type)) {
      for (const [, href] of body.text.matchAll(MARKDOWN_LINK)) await check(url, href!);
    }
  }
  return { pages: seen.size, links, external, broken };
}
