/**
 * Every TypeScript snippet the site publishes, by a file-safe name: each operation's sample, each
 * error page's handling snippet and the getting-started page's snippets.
 */
import { gettingStartedSnippets } from '../../src/pages/getting-started.js';
import { errorHandlingSample } from '../../src/samples/error-handling.js';
import { model } from './site.js';

export function publishedTypescript(): Map<string, string> {
  const m = model();
  const out = new Map<string, string>();
  for (const op of m.operations) out.set(`operation-${op.operationId}`, m.samples.get(op.operationId)!.typescript);
  for (const entry of m.errors) {
    const request = m.samples.get(entry.occurrences[0]!.operationId)!.request;
    out.set(`error-${entry.style}-${entry.code}`, errorHandlingSample(entry, request));
  }
  let i = 0;
  for (const snippet of gettingStartedSnippets(m).values()) out.set(`getting-started-${++i}`, snippet);
  return out;
}
