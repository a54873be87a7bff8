/**
 * Renders an operation's example request as a copy-paste cURL command. The key stays a shell
 * variable (`$BILLING_API_KEY`) inside double quotes; everything else is single-quoted, so JSON
 * bodies need no escaping beyond `'`.
 */
import { type SampleRequest, sampleUrl } from './request.js';

function singleQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Double-quotes a header whose value holds `$BILLING_API_KEY`, so the shell expands it. */
function doubleQuote(text: string): string {
  return `"${text.replace(/(["\\`])/g, '\\$1')}"`;
}

export function jsonText(value: unknown): string {
  const compact = JSON.stringify(value);
  return compact.length <= 60 ? compact : JSON.stringify(value, null, 2);
}

export function curlSample(request: SampleRequest): string {
  const { operation } = request;
  const lines = [
    operation.method === 'GET'
      ? `curl ${singleQuote(sampleUrl(request))}`
      : `curl -X ${operation.method} ${singleQuote(sampleUrl(request))}`,
  ];
  if (request.auth) lines.push(`-H ${doubleQuote(`${request.auth.name}: ${request.auth.value}`)}`);
  for (const { name, value } of request.headerParams) lines.push(`-H ${singleQuote(`${name}: ${String(value)}`)}`);
  if (request.body) {
    lines.push(`-H ${singleQuote(`Content-Type: ${request.body.mediaType}`)}`);
    lines.push(`-d ${singleQuote(jsonText(request.body.value))}`);
  }
  return lines.join(' \\\n  ');
}
