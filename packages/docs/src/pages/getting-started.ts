/**
 * The getting-started page: hand-written prose (`templates/getting-started.md`) whose code blocks
 * are filled in from the spec-derived samples, so the guide can never drift from the API.
 * Placeholders: `{{server}}`, `{{curl:<operationId>}}`, `{{typescript:<operationId>}}`,
 * `{{errors:<code>}}`. An unknown operation or code fails the build.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { errorHandlingSample } from '../samples/error-handling.js';
import { type SiteModel, samplesOf } from '../site/model.js';
import { fenced } from './markdown.js';

export const GETTING_STARTED_TEMPLATE = fileURLToPath(new URL('../../templates/getting-started.md', import.meta.url));

/** The TypeScript snippets the page embeds, keyed by placeholder (the tests type-check them). */
export function gettingStartedSnippets(
  model: SiteModel,
  template = readFileSync(GETTING_STARTED_TEMPLATE, 'utf8'),
): Map<string, string> {
  const snippets = new Map<string, string>();
  for (const match of template.matchAll(/\{\{(typescript|errors):([A-Za-z0-9_]+)\}\}/g)) {
    const [placeholder, kind, id] = match as unknown as [string, string, string];
    if (kind === 'typescript') snippets.set(placeholder, samplesOf(model, id).typescript);
    else {
      const entry = model.errors.find((e) => e.code === id);
      if (!entry) throw new Error(`getting-started: unknown error code ${id}`);
      snippets.set(
        placeholder,
        errorHandlingSample(entry, samplesOf(model, entry.occurrences[0]!.operationId).request),
      );
    }
  }
  return snippets;
}

export function gettingStartedPage(
  model: SiteModel,
  template = readFileSync(GETTING_STARTED_TEMPLATE, 'utf8'),
): string {
  const snippets = gettingStartedSnippets(model, template);
  return template.replace(
    /\{\{([a-z]+)(?::([A-Za-z0-9_]+))?\}\}/g,
    (placeholder, kind: string, id: string | undefined) => {
      if (kind === 'server') return `\`${model.serverUrl}\``;
      if (kind === 'curl' && id) return fenced('sh', samplesOf(model, id).curl);
      const snippet = snippets.get(placeholder);
      if (snippet) return fenced('ts', snippet);
      throw new Error(`getting-started: unknown placeholder ${placeholder}`);
    },
  );
}
