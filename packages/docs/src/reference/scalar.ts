/**
 * The interactive "try it" page: Scalar's standalone browser bundle copied from the pinned
 * `@scalar/api-reference` npm package (no CDN), reading the docs copy of the spec, with the spec's
 * servers (the local sandbox first), no proxy (requests go straight from the browser to the
 * server), no remote fonts, no telemetry and no agent chat (it would call Scalar's cloud).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { escapeHtml } from '../site/html.js';
import type { SiteModel } from '../site/model.js';
import { DOCS_BUNDLE, FAVICON_PATH, LANDING_PAGE, relativeHref, SCALAR_SCRIPT, TRY_IT_PAGE } from '../site/paths.js';

const require = createRequire(import.meta.url);

export function scalarStandalonePath(): string {
  return require.resolve('@scalar/api-reference/browser/standalone.js');
}

export function copyScalar(siteDir: string): void {
  const target = `${siteDir}/${SCALAR_SCRIPT}`;
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(scalarStandalonePath(), target);
}

export function scalarConfiguration(model: SiteModel, title: string): Record<string, unknown> {
  const servers = [...model.servers].sort((a, b) => Number(b.local) - Number(a.local));
  return {
    url: relativeHref(TRY_IT_PAGE, DOCS_BUNDLE),
    title,
    servers: servers.map((s) => ({ url: s.url, description: s.description })),
    withDefaultFonts: false,
    telemetry: false,
    hideClientButton: false,
    showDeveloperTools: 'never',
    persistAuth: false,
    defaultOpenAllTags: false,
    operationTitleSource: 'summary',
    // The agent chat (on by default for pages served from localhost) calls Scalar's cloud registry.
    agent: { disabled: true },
  };
}

export function tryItPage(model: SiteModel): string {
  const title = `Try it · ${model.title}`;
  const config = JSON.stringify(scalarConfiguration(model, title)).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<meta name="description" content="Send requests to the ${escapeHtml(model.title)} from the browser: every operation, against the local sandbox or another server of the spec.">
<link rel="icon" type="image/svg+xml" href="${relativeHref(TRY_IT_PAGE, FAVICON_PATH)}">
<style>body { margin: 0; } .docs-bar { font: 14px/1.4 system-ui, sans-serif; padding: 0.5rem 1rem; border-bottom: 1px solid #d1d9e0; color: #1f2328; background: #fff; } .docs-bar a { color: #0550ae; }</style>
</head>
<body>
<div class="docs-bar"><a href="${relativeHref(TRY_IT_PAGE, LANDING_PAGE)}">${escapeHtml(model.title)} documentation</a> · requests go to the server you pick; the local sandbox is <code>${escapeHtml(model.sandboxUrl)}</code> (start it with <code>pnpm sandbox</code>); to try things without changing anyone else's data, use the key of an account of your own: <code>POST ${escapeHtml(model.sandboxUrl)}/sandbox/accounts</code> answers with its keys</div>
<div id="app"></div>
<script src="${relativeHref(TRY_IT_PAGE, SCALAR_SCRIPT)}"></script>
<script>Scalar.createApiReference('#app', ${config});</script>
</body>
</html>
`;
}
