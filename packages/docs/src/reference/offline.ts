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
