/**
 * The docs' view of each operation, built on `@billing-api/openapi-model`'s operation list: method
 * and path, tag and tag group, security (scheme and scopes), parameters, request body and every
 * response with its named examples, all with refs resolved. Every page and sample renders from these.
 */
import {
  deref,
  type Example,
  type Header,
  listOperations,
  type MediaType,
  type OpenApiDocument,
  type OperationEntry,
  type Parameter,
  type SecurityScheme,
} from '@billing-api/openapi-model';
import type { SchemaOrRef } from './schema.js';
import { tagGroupOf } from './tag-groups.js';

export interface NamedExample {
  name: string;
  summary?: string;
  description?: string;
  value: unknown;
}

export type ResolvedParameter = Parameter & { schema: SchemaOrRef };

export interface SecurityOption {
  schemeName: string;
  scheme: SecurityScheme;
  scopes: string[];
}

export interface ResolvedBody {
  required: boolean;
  description?: string;
  mediaType: string;
  schema?: SchemaOrRef;
  examples: NamedExample[];
}

export interface ResolvedResponse {
  status: string;
  description: string;
  headers: Array<{ name: string; description: string; example?: unknown }>;
  mediaType?: string;
  schema?: SchemaOrRef;
  examples: NamedExample[];
}

export interface ApiOperation {
  operationId: string;
  /** Upper case, as readers write it: `GET`. */
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
  entry: OperationEntry;
}

function namedExamples(document: OpenApiDocument, media: MediaType): NamedExample[] {
  if (media.examples) {
    return Object.entries(media.examples).map(([name, raw]) => {
      const example = deref<Example>(document, raw);
      return { name, summary: example.summary, description: example.description, value: example.value };
    });
  }
  return media.example === undefined ? [] : [{ name: 'example', value: media.example }];
}

/** The JSON media type of a content map (else its first), with its name. */
function firstMedia(content: Record<string, MediaType> | undefined) {
  const entries = Object.entries(content ?? {});
  const json = entries.find(([type]) => type.includes('json')) ?? entries[0];
  return json ? { mediaType: json[0], media: json[1] } : undefined;
}

function resolveBody(document: OpenApiDocument, entry: OperationEntry): ResolvedBody | undefined {
  const body = entry.requestBody?.body;
  const first = firstMedia(body?.content);
  if (!body || !first) return undefined;
  return {
    required: body.required === true,
    description: body.description,
    mediaType: first.mediaType,
    schema: first.media.schema,
    examples: namedExamples(document, first.media),
  };
}

function resolveResponses(document: OpenApiDocument, entry: OperationEntry): ResolvedResponse[] {
  return entry.responses.map(({ status, response }) => {
    const first = firstMedia(response.content);
    return {
      status,
      description: response.description ?? '',
      headers: Object.entries(response.headers ?? {}).map(([name, raw]) => {
        const header = deref<Header>(document, raw);
        return { name, description: (header.description ?? '').trim(), example: header.example };
      }),
      mediaType: first?.mediaType,
      schema: first?.media.schema,
      examples: first ? namedExamples(document, first.media) : [],
    };
  });
}

function securityOf(document: OpenApiDocument, entry: OperationEntry): SecurityOption[] {
  return entry.security.flatMap((requirement) =>
    Object.entries(requirement).map(([schemeName, scopes]) => {
      const raw = document.components?.securitySchemes?.[schemeName];
      if (!raw) throw new Error(`${entry.id}: security scheme ${schemeName} is not defined`);
      return { schemeName, scopes, scheme: deref<SecurityScheme>(document, raw) };
    }),
  );
}

/** Every operation of the document, in document order. Operations without an `operationId` are refused. */
export function apiOperations(document: OpenApiDocument): ApiOperation[] {
  return listOperations(document).map((entry) => {
    if (!entry.operationId) throw new Error(`${entry.id} has no operationId: every page of the docs is named by it`);
    const op = entry.operation;
    const tag = op.tags?.[0] ?? 'default';
    return {
      operationId: entry.operationId,
      method: entry.method.toUpperCase(),
      path: entry.path,
      summary: op.summary ?? entry.operationId,
      description: (op.description ?? '').trim(),
      tag,
      group: tagGroupOf(document, tag),
      deprecated: op.deprecated === true,
      security: securityOf(document, entry),
      parameters: entry.parameters.map(({ parameter }) => ({ ...parameter, schema: parameter.schema ?? {} })),
      requestBody: resolveBody(document, entry),
      responses: resolveResponses(document, entry),
      entry,
    };
  });
}

export function isSuccess(status: string): boolean {
  return /^2\d\d$/.test(status);
}

export function isError(status: string): boolean {
  return /^[45]\d\d$/.test(status);
}
