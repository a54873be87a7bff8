/**
 * One page of the error catalogue (`errors/<code>.md`, v1 under `errors/v1/`): status, title, its
 * problem `type` URI (this page), the cause per operation and a fix, the messages the spec's
 * examples show, every operation that returns the code, an example body, and a TypeScript snippet
 * that branches on `code`. Plus the catalogue's index.
 */
import { errorHandlingSample } from '../samples/error-handling.js';
import { type SiteModel, samplesOf } from '../site/model.js';
import { ERRORS_INDEX, errorPage, guidePage, operationMarkdown, publicUrl, relativeHref } from '../site/paths.js';
import type { ErrorCodeEntry } from '../spec/errors.js';
import { causeClause, fixFor, isRetryable } from './error-advice.js';
import { blocks, code, fenced, jsonBlock, oneLine } from './markdown.js';

function formatOf(entry: ErrorCodeEntry): string {
  return entry.style === 'problem'
    ? 'RFC 9457 problem details (`application/problem+json`, schema `Problem`): branch on `code`; `detail` is for humans.'
    : 'The v1 error envelope (`application/json`, schema `ErrorV1`): branch on `code`; `message` is for humans.';
}

/** The problem `type` URI of a v2 code: this page, at the site's public URL. */
export function problemTypeUri(model: SiteModel, entry: ErrorCodeEntry): string | undefined {
  return entry.style === 'problem' ? publicUrl(model.baseUrl, entry.slug) : undefined;
}

export function errorDescription(entry: ErrorCodeEntry): string {
  const first = entry.occurrences[0];
  const cause = first ? causeClause(first.when, entry.code) : entry.title;
  return `${entry.statuses.join(', ')} ${entry.title} (${entry.group}): ${cause}. Cause, fix, and the operations that return it.`.slice(
    0,
    300,
  );
}

export function errorCodePage(model: SiteModel, entry: ErrorCodeEntry): string {
  const from = errorPage(entry, 'md');
  const first = entry.occurrences[0]!;
  const request = samplesOf(model, first.operationId).request;
  const typeUri = problemTypeUri(model, entry);
  const byCause = new Map<string, string[]>();
  for (const o of entry.occurrences) {
    const cause = causeClause(o.when, entry.code);
    byCause.set(cause, [
      ...(byCause.get(cause) ?? []),
      `[${code(`${o.method} ${o.path}`)}](${relativeHref(from, operationMarkdown(o))})`,
    ]);
  }
  return blocks(
    `# ${code(entry.code)}: ${entry.title}`,
    errorDescription(entry),
    [
      `- HTTP status: ${entry.statuses.join(', ')}`,
      `- API: ${entry.group}`,
      `- Body: ${formatOf(entry)}`,
      typeUri ? `- Problem \`type\`: ${code(typeUri)} (this page)` : '',
      `- Retry the same request: ${isRetryable(entry) ? 'yes, after a wait (the client does so by itself)' : 'no, it gets the same answer until something changes'}`,
    ]
      .filter(Boolean)
      .join('\n'),
    blocks(
      '## Cause',
      [...byCause].map(([cause, ops]) => `- ${cause}: ${ops.join(', ')}`).join('\n'),
      entry.summaries.length > 0
        ? `The spec's examples: ${entry.summaries.map((s) => `"${s}"`).join(', ')}.`
        : undefined,
    ),
    blocks(
      '## Fix',
      fixFor(model, entry, from)
        .map((f) => `- ${f}`)
        .join('\n'),
    ),
    entry.headers.length > 0
      ? blocks(
          '## Response headers',
          entry.headers.map((h) => `- ${code(h.name)}: ${oneLine(h.description)}`).join('\n'),
        )
      : undefined,
    blocks(
      '## Messages the examples show',
      entry.messages.map((m) => `- ${m}`).join('\n'),
      'Do not parse these: they may change. Branch on `code`.',
    ),
    blocks(
      '## Operations that return it',
      entry.occurrences
        .map(
          (o) =>
            `- [${o.summary}](${relativeHref(from, operationMarkdown(o))}) ${code(`${o.method} ${o.path}`)} answers **${o.status}**: ${o.when}`,
        )
        .join('\n'),
    ),
    blocks('## Example body', jsonBlock(entry.example)),
    blocks(
      '## Handling it in TypeScript',
      `With \`@billing-api/client\`, a non-2xx answer throws a \`BillingApiError\` that carries \`status\`, \`code\`, \`message\` and \`requestId\`. Example with ${code(`${first.method} ${first.path}`)}:`,
      fenced('ts', errorHandlingSample(entry, request)),
    ),
    `[All error codes](${relativeHref(from, `${ERRORS_INDEX}.md`)}) · [Errors guide](${relativeHref(from, guidePage('errors', 'md'))})`,
  );
}

export function errorIndexPage(model: SiteModel): string {
  const from = `${ERRORS_INDEX}.md`;
  const groups = [...new Set(model.errors.map((e) => e.group))];
  return blocks(
    '# Error codes',
    `Every error body carries a stable ${code('code')}: branch on it, never on the human message. One page per code, collected from the error examples of the spec (${model.errors.length} codes), with its cause and fix.`,
    ...groups.map((group) =>
      blocks(
        `## ${group}`,
        model.errors
          .filter((e) => e.group === group)
          .map(
            (e) =>
              `- [${code(e.code)}](${relativeHref(from, errorPage(e, 'md'))}) (${e.statuses.join(', ')}): ${e.title}; returned by ${e.occurrences.length} ${e.occurrences.length === 1 ? 'operation' : 'operations'}`,
          )
          .join('\n'),
      ),
    ),
  );
}
