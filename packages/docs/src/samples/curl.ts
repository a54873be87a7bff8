/**
 * Renders an operation's example request as a copy-paste cURL command. The server and the key stay
 * shell variables (`$BILLING_API_URL`, `$BILLING_API_KEY`) inside double quotes; everything else is
 * single-quoted, so JSON bodies need no escaping beyond `'`.
 */
import { API_URL_VARIABLE, type SampleRequest, samplePath } from './request.js';

function singleQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Double-quotes `$VARIABLE` + literal text, escaping what the shell would expand in the literal. */
function withVariable(variable: string, literal: string): string {
  return `"$${variable}${literal.replace(/(["\\`$])/g, '\\$1')}"`;
}

export function jsonText(value: unknown): string {
  const compact = JSON.stringify(value);
  return compact.length <= 60 ? compact : JSON.stringify(value, null, 2);
}

export function curlSample(request: SampleRequest): string {
  const { operation } = request;
  const url = withVariable(API_URL_VARIABLE, samplePath(request));
  const lines = [operation.method === 'GET' ? `curl ${url}` : `curl -X ${operation.method} ${url}`];
  // The auth value is `Bearer $BILLING_API_KEY` or `$BILLING_API_KEY`: nothing else for the shell to expand.
  if (request.auth) lines.push(`-H "${request.auth.name}: ${request.auth.value}"`);
  for (const { name, value } of request.headerParams) lines.push(`-H ${singleQuote(`${name}: ${String(value)}`)}`);
  if (request.body) {
    lines.push(`-H ${singleQuote(`Content-Type: ${request.body.mediaType}`)}`);
    lines.push(`-d ${singleQuote(jsonText(request.body.value))}`);
  }
  return lines.join(' \\\n  ');
}
