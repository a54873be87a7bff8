/**
 * One page of the error catalogue (`errors/<code>.md`, v1 under `errors/v1/`): status, title,
 * meaning, the messages the spec's examples show, every operation that returns the code and when,
 * an example body, and a TypeScript snippet that branches on `code`. Plus the catalogue's index.
 */

import { errorHandlingSample } from '../samples/error-handling.js';
import { type SiteModel, samplesOf } from '../site/model.js';
import { ERRORS_INDEX, errorPage, operationMarkdown, relativeHref } from '../site/paths.js';
import type { ErrorCodeEntry } from '../spec/errors.js';
import { blocks, code, fenced, jsonBlock, oneLine } from './markdown.js';

function formatOf(entry: ErrorCodeEntry): string {
  return entry.style === 'problem'
    ? 'RFC 9457 problem details (`application/problem+json`, schema `Problem`): branch on `code`; `detail` is for humans.'
    : 'The v1 error envelope (`application/json`, schema `ErrorV1`): branch on `code`; `message` is for humans.';
}

export function errorCodePage(model: SiteModel, entry: ErrorCodeEntry): string {
  const from = errorPage(entry, 'md');
  const first = entry.occurrences[0]!;
  const request = samplesOf(model, first.operationId).request;
  return blocks(
    `# ${code(entry.code)}: ${entry.title}`,
    [
      `- HTTP status: ${entry.statuses.join(', ')}`,
      `- API: ${entry.group}`,
      `- Body: ${formatOf(entry)}`,
      entry.type ? `- Problem type: ${code(entry.type)}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
    blocks('## Meaning', entry.summaries.map((s) => `- ${s}`).join('\n')),
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
    `[All error codes](${relativeHref(from, `${ERRORS_INDEX}.md`)})`,
  );
}

export function errorIndexPage(model: SiteModel): string {
  const from = `${ERRORS_INDEX}.md`;
  const groups = [...new Set(model.errors.map((e) => e.group))];
  return blocks(
    '# Error codes',
    `Every error body carries a stable ${code('code')}: branch on it, never on the human message. One page per code, collected from the error examples of the spec (${model.errors.length} codes).`,
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
