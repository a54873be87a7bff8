/**
 * Every TypeScript snippet the site publishes, by a file-safe name: each operation's sample, each
 * error page's handling snippet and the guides' snippets.
 */
import { buildGuides } from '../../src/guides/guides.js';
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
  for (const guide of buildGuides(m)) {
    for (const [i, snippet] of guide.snippets.entries()) out.set(`guide-${guide.slug}-${i + 1}`, snippet);
  }
  return out;
}
