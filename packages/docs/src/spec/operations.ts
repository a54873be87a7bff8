/**
 * Normalizes the bundle into one record per operation: method, path, tag and tag group, security
 * (scheme and scopes), parameters, request body and every response with its named examples, all
 * with refs resolved. Every page and code sample of the site is rendered from these records.
 */
import { deref } from './ref.js';
import type {
  Example,
  Header,
  OpenApiDocument,
  OperationObject,
  Parameter,
  RequestBody,
  Response,
  Schema,
  SecurityScheme,
} from './types.js';
import { HTTP_METHODS } from './types.js';

export interface NamedExample {
  name: string;
  summary?: string;
  value: unknown;
}

export interface ResolvedParameter extends Parameter {
  schema: Schema;
}

export interface SecurityOption {
  schemeName: string;
  scheme: SecurityScheme;
  scopes: string[];
}

export interface ResolvedBody {
  required: boolean;
  description?: string;
  mediaType: string;
  schema?: Schema;
  examples: NamedExample[];
}

export interface ResolvedResponse {
  status: string;
  description: string;
  headers: Array<{ name: string; description: string }>;
  mediaType?: string;
  schema?: Schema;
  examples: NamedExample[];
}

export interface ApiOperation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  tag: string;
  group: string;
  deprecated: boolean;
  /** Empty when the operation needs no credentials (`security: []`). */
  security: SecurityOption[];
  parameters: ResolvedParameter[];
  requestBody?: ResolvedBody;
  responses: ResolvedResponse[];
  raw: OperationObject;
}

function namedExamples(
  document: OpenApiDocument,
  examples: Record<string, unknown> | undefined,
  single: unknown,
): NamedExample[] {
  if (examples) {
    return Object.entries(examples).map(([name, raw]) => {
      const example = deref<Example>(document, raw as Example);
      return { name, summary: example.summary, value: example.value };
    });
  }
  return single === undefined ? [] : [{ name: 'example', value: single }];
}

function firstMedia(
  content: Record<string, { schema?: Schema; examples?: Record<string, unknown>; example?: unknown }> | undefined,
) {
  if (!content) return undefined;
  const entries = Object.entries(content);
  const json = entries.find(([type]) => type.includes('json')) ?? entries[0];
  return json ? { mediaType: json[0], media: json[1] } : undefined;
}

function resolveBody(document: OpenApiDocument, raw: OperationObject['requestBody']): ResolvedBody | undefined {
  if (!raw) return undefined;
  const body = deref<RequestBody>(document, raw);
  const first = firstMedia(body.content);
  if (!first) return undefined;
  return {
    required: body.required === true,
    description: body.description,
    mediaType: first.mediaType,
    schema: first.media.schema,
    examples: namedExamples(document, first.media.examples, first.media.example),
  };
}

function resolveResponse(
  document: OpenApiDocument,
  status: string,
  raw: OperationObject['responses'][string],
): ResolvedResponse {
  const response = deref<Response>(document, raw);
  const first = firstMedia(response.content);
  return {
    status,
    description: response.description,
    headers: Object.entries(response.headers ?? {}).map(([name, header]) => ({
      name,
      description: (deref<Header>(document, header).description ?? '').trim(),
    })),
    mediaType: first?.mediaType,
    schema: first?.media.schema,
    examples: first ? namedExamples(document, first.media.examples, first.media.example) : [],
  };
}

/** The tag group (`x-tagGroups`) a tag belongs to, or the tag itself when there are no groups. */
function groupOf(document: OpenApiDocument, tag: string): string {
  return document['x-tagGroups']?.find((group) => group.tags.includes(tag))?.name ?? tag;
}

/** Every operation of the document, in document order (paths, then methods in HTTP order). */
export function listOperations(document: OpenApiDocument): ApiOperation[] {
  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((raw) => {
        const parameter = deref<Parameter>(document, raw);
        return { ...parameter, schema: parameter.schema ?? {} };
      });
      const requirements = op.security ?? document.security ?? [];
      const security = requirements.flatMap((requirement) =>
        Object.entries(requirement).map(([schemeName, scopes]) => ({
          schemeName,
          scopes,
          scheme: deref<SecurityScheme>(document, document.components?.securitySchemes?.[schemeName] as SecurityScheme),
        })),
      );
      const tag = op.tags?.[0] ?? 'default';
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? op.operationId,
        description: (op.description ?? '').trim(),
        tag,
        group: groupOf(document, tag),
        deprecated: op.deprecated === true,
        security,
        parameters,
        requestBody: resolveBody(document, op.requestBody),
        responses: Object.entries(op.responses).map(([status, raw]) => resolveResponse(document, status, raw)),
        raw: op,
      });
    }
  }
  return operations;
}

/** The server code samples call: the loopback sandbox server when the spec lists one. */
export function sandboxServerUrl(document: OpenApiDocument): string {
  const servers = document.servers ?? [];
  const local = servers.find((server) => /^https?:\/\/(127\.0\.0\.1|localhost)[:/]/.test(`${server.url}/`));
  const chosen = local ?? servers[0];
  if (!chosen) throw new Error('the spec lists no server for code samples');
  return chosen.url.replace(/\/$/, '');
}

export function isSuccess(status: string): boolean {
  return /^2\d\d$/.test(status);
}

export function isError(status: string): boolean {
  return /^[45]\d\d$/.test(status);
}
