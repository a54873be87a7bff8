/**
 * The example request of an operation, taken from the spec: path parameters from their examples,
 * required query and header parameters, the credential header its security requirement names, and
 * the first named request-body example. cURL and TypeScript samples are both rendered from this.
 * The server is never written into a sample: it comes from `$BILLING_API_URL`, which the reader
 * sets to the server they pick (the pages list the spec's servers).
 */
import type { OpenApiDocument } from '@billing-api/openapi-model';
import type { ApiOperation, ResolvedParameter } from '../spec/operations.js';
import { flattenSchema } from '../spec/schema.js';

/** The environment variable every sample reads the API key from. */
export const API_KEY_VARIABLE = 'BILLING_API_KEY';
/** The environment variable every sample reads the server's base URL from. */
export const API_URL_VARIABLE = 'BILLING_API_URL';

export interface AuthHeader {
  name: string;
  /** The value with `$BILLING_API_KEY` where the key goes, e.g. `Bearer $BILLING_API_KEY`. */
  value: string;
  scopes: string[];
}

export interface SampleRequest {
  operation: ApiOperation;
  /** Path params, required query and header params, each with its example value. */
  pathParams: Array<{ name: string; value: unknown }>;
  queryParams: Array<{ name: string; value: unknown }>;
  headerParams: Array<{ name: string; value: unknown }>;
  auth?: AuthHeader;
  body?: { mediaType: string; value: unknown; exampleName: string; summary?: string };
}

/** A parameter's example: its own `example`, its first `examples` entry, or its schema's. */
export function parameterExample(document: OpenApiDocument, parameter: ResolvedParameter): unknown {
  if (parameter.example !== undefined) return parameter.example;
  const named = Object.values(parameter.examples ?? {})[0] as { value?: unknown } | undefined;
  if (named?.value !== undefined) return named.value;
  const schema = flattenSchema(document, parameter.schema);
  if (schema.examples?.[0] !== undefined) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.[0] !== undefined) return schema.enum[0];
  throw new Error(`parameter ${parameter.in}:${parameter.name} has no example to build a code sample from`);
}

/** The header that carries the credential, from the operation's first security requirement. */
export function authHeader(operation: ApiOperation): AuthHeader | undefined {
  const option = operation.security[0];
  if (!option) return undefined;
  const { scheme, scopes } = option;
  if (scheme.type === 'http' && scheme.scheme?.toLowerCase() === 'bearer') {
    return { name: 'Authorization', value: `Bearer $${API_KEY_VARIABLE}`, scopes };
  }
  if (scheme.type === 'apiKey' && scheme.in === 'header' && scheme.name) {
    return { name: scheme.name, value: `$${API_KEY_VARIABLE}`, scopes };
  }
  throw new Error(
    `${operation.operationId}: security scheme ${option.schemeName} is not supported by the sample generator`,
  );
}

export function sampleRequest(document: OpenApiDocument, operation: ApiOperation): SampleRequest {
  const pick = (where: ResolvedParameter['in'], onlyRequired: boolean) =>
    operation.parameters
      .filter((p) => p.in === where && (!onlyRequired || p.required))
      .map((p) => ({ name: p.name, value: parameterExample(document, p) }));
  const example = operation.requestBody?.examples[0];
  return {
    operation,
    pathParams: pick('path', false),
    queryParams: pick('query', true),
    headerParams: pick('header', true),
    auth: authHeader(operation),
    body:
      operation.requestBody && example
        ? {
            mediaType: operation.requestBody.mediaType,
            value: example.value,
            exampleName: example.name,
            summary: example.summary,
          }
        : undefined,
  };
}

/** The request's path (params filled in) and required query, without the server. */
export function samplePath(request: SampleRequest): string {
  let path = request.operation.path;
  for (const { name, value } of request.pathParams) {
    path = path.replace(`{${name}}`, encodeURIComponent(String(value)));
  }
  const query = new URLSearchParams(request.queryParams.map(({ name, value }) => [name, String(value)])).toString();
  return `${path}${query ? `?${query}` : ''}`;
}
