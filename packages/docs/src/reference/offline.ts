/**
 * Keeps the Redoc page offline. `redocly build-docs --inlineBundle` embeds Redoc itself, but the
 * Redoc 3 sidebar still loads its attribution logo from Redocly's CDN. This swaps those known
 * asset URLs for local copies (same attribution, served by us) and refuses any page that would
 * still load a script, stylesheet or image from another host.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FAVICON_PATH } from '../site/paths.js';

/** The site's icon: every page links it, so browsers never ask for a missing /favicon.ico. */
export const FAVICON = { local: FAVICON_PATH, template: 'favicon.svg' };

/** Remote URL -> site-relative local file, with the file's template under `templates/assets/`. */
export const LOCAL_ASSETS: ReadonlyArray<{ remote: string; local: string; template: string }> = [
  {
    remote: 'https://cdn.redoc.ly/redoc/logo-mini-full.svg',
    local: 'assets/redocly-logo-full.svg',
    template: 'redocly-logo-full.svg',
  },
  {
    remote: 'https://cdn.redoc.ly/redoc/logo-mini.svg',
    local: 'assets/redocly-logo.svg',
    template: 'redocly-logo.svg',
  },
];

export function assetTemplate(name: string): string {
  return readFileSync(fileURLToPath(new URL(`../../templates/assets/${name}`, import.meta.url)), 'utf8');
}

/** Tags whose URL attribute the browser fetches on load. */
const LOADED_RESOURCE = /<(script|link|img|iframe|source)\b[^>]*?\b(src|href)\s*=\s*["']?(https?:)?\/\/[^"'\s>]+/gi;

export function remoteResources(html: string): string[] {
  return [...html.matchAll(LOADED_RESOURCE)].map((m) => m[0]);
}

/** Rewrites known remote assets to `prefix + local`, links the favicon, and throws if the page still loads anything remote. */
export function localizeAssets(html: string, prefix = ''): string {
  if (!/<head>/.test(html)) throw new Error('the reference page has no <head>');
  let out = html.replace('<head>', `<head>\n<link rel="icon" type="image/svg+xml" href="${prefix}${FAVICON.local}">`);
  for (const asset of LOCAL_ASSETS) out = out.split(asset.remote).join(`${prefix}${asset.local}`);
  const leftovers = [...remoteResources(out), ...(out.match(/https:\/\/cdn\.redoc\.ly\/[^"'`\s)]+/g) ?? [])];
  if (leftovers.length > 0) {
    throw new Error(`the reference page would load remote resources:\n${leftovers.join('\n')}`);
  }
  return out;
}

/**
 * Redoc 3 writes its sidebar's tag links as root paths (`href="/invoices"`), which a static host
 * answers with 404 when opened directly or without JavaScript. Its router reads the same routes
 * from the hash, so each becomes `#/invoices`. Only the given tag slugs are touched.
 */
export function hashTagLinks(html: string, tagSlugs: string[]): string {
  let out = html;
  for (const slug of tagSlugs) out = out.split(`href="/${slug}"`).join(`href="#/${slug}"`);
  return out.split('href="/"').join('href="#/"');
}

/** A meta description, and for readers without JavaScript a pointer to the static pages. */
export function describeReference(html: string, description: string, staticIndex: string): string {
  const escaped = description.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return html
    .replace('<head>', `<head>\n<meta name="description" content="${escaped}">`)
    .replace(
      /<body([^>]*)>/,
      (tag) =>
        `${tag}\n<noscript><p style="padding:1rem;font:16px system-ui,sans-serif">This interactive reference needs JavaScript. Every operation also has a static page: <a href="${staticIndex}">the documentation index</a>.</p></noscript>`,
    );
}
