/**
 * Renders an operation's example request as TypeScript that uses `@billing-api/client`: the typed
 * `billing.GET` / `billing.POST` call on the spec path, with the same path params and body as the
 * cURL sample, the server and key from the same environment variables. The test suite type-checks
 * every one of these against the built client and runs them against a sandbox.
 */
import { isReference, type OpenApiDocument } from '@billing-api/openapi-model';
import { isSuccess } from '../spec/operations.js';
import { typeLabel } from '../spec/schema.js';
import { tsLiteral } from './literal.js';
import { API_KEY_VARIABLE, API_URL_VARIABLE, type SampleRequest } from './request.js';

export const CLIENT_PACKAGE = '@billing-api/client';

/** The lines that create the client, shared by every sample and by the guides. */
export function clientSetup(): string {
  return [
    `const billing = createBillingClient({`,
    `  baseUrl: process.env.${API_URL_VARIABLE}!,`,
    `  apiKey: process.env.${API_KEY_VARIABLE}!,`,
    `});`,
  ].join('\n');
}

/** A variable name for the success body: the response schema's name in camelCase, else `result`. */
function resultName(document: OpenApiDocument, request: SampleRequest): string {
  const success = request.operation.responses.find((r) => isSuccess(r.status));
  const label = success?.schema && isReference(success.schema) ? typeLabel(document, success.schema) : '';
  return /^[A-Z][A-Za-z0-9]*$/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : 'result';
}

/** The `billing.METHOD(path, { params, body })` call, assigned to `name`. */
export function clientCall(request: SampleRequest, name: string): string {
  const { operation } = request;
  const params: Record<string, Record<string, unknown>> = {};
  const group = (where: 'path' | 'query' | 'header', list: Array<{ name: string; value: unknown }>) => {
    if (list.length > 0) params[where] = Object.fromEntries(list.map((p) => [p.name, p.value]));
  };
  group('path', request.pathParams);
  group('query', request.queryParams);
  group('header', request.headerParams);
  const init: Record<string, unknown> = {};
  if (Object.keys(params).length > 0) init.params = params;
  if (request.body) init.body = request.body.value;
  const args = Object.keys(init).length > 0 ? `, ${tsLiteral(init, '', 60)}` : '';
  return `const ${name} = await billing.${operation.method}('${operation.path}'${args});`;
}

export function typescriptSample(document: OpenApiDocument, request: SampleRequest): string {
  const name = resultName(document, request);
  return [
    `import { createBillingClient } from '${CLIENT_PACKAGE}';`,
    '',
    clientSetup(),
    '',
    `// ${request.body?.summary ?? request.operation.summary}`,
    clientCall(request, name),
    `console.log(${name});`,
    '',
  ].join('\n');
}
