// createSpecValidator: the one entry point. Given the bundled OpenAPI document it matches requests to
// operations and validates requests (sandbox) and responses (conformance kit, tests) against the
// spec. Schemas are compiled lazily, each once, and kept for the life of the validator.

import {
  appendPointer,
  type Header,
  type OpenApiDocument,
  type OperationEntry,
  plainPointer,
  resolveRef,
  responseFor,
  type Schema,
} from '@billing-api/openapi-model';
import { createCompiler } from './ajv.js';
import { coerceParameter, defaultOf } from './coerce.js';
import { withDefaults } from './defaults.js';
import { describeValue, toFindings } from './findings.js';
import { type IndexedOperation, OperationIndex } from './operations.js';
import type {
  Finding,
  HeadersInput,
  OperationInfo,
  OperationMatch,
  QueryInput,
  RequestInput,
  RequestValidation,
  ResponseInput,
} from './types.js';

export interface SpecValidator {
  /** The document the validator was compiled from. */
  readonly document: OpenApiDocument;
  /** Every operation of the document, in document order. */
  readonly operations: readonly OperationInfo[];
  /** The operation with this id, if any. */
  getOperation(operationId: string): OperationInfo | undefined;
  /** The model's entry of the operation with this id (resolved parameters, body, responses), if any. */
  getEntry(operationId: string): OperationEntry | undefined;
  /** The operation for a method and a concrete path (`/api/v2/billing/invoices/inv_...`). */
  matchOperation(method: string, path: string): OperationMatch | undefined;
  /** Whether any operation has this path (with any method). */
  hasPath(path: string): boolean;
  validateRequest(request: RequestInput): RequestValidation;
  validateResponse(response: ResponseInput): Finding[];
  /** Validates a value against the schema at a pointer, e.g. `#/components/schemas/Problem`. */
  validateValue(pointer: string, value: unknown, context?: { operation?: string; status?: number }): Finding[];
}

function headerMap(headers: HeadersInput | undefined): Map<string, string> {
  const map = new Map<string, string>();
  if (!headers) return map;
  if (typeof (headers as Headers).forEach === 'function' && typeof (headers as Headers).get === 'function') {
    for (const [name, value] of headers as Headers) map.set(name.toLowerCase(), value);
    return map;
  }
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (value === undefined) continue;
    map.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
  }
  return map;
}

function queryValue(query: QueryInput | undefined, name: string): string | string[] | undefined {
  if (!query) return undefined;
  if (query instanceof URLSearchParams) {
    const all = query.getAll(name);
    return all.length === 0 ? undefined : all.length === 1 ? all[0] : all;
  }
  return query[name];
}

function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase() || undefined;
}

/** `openapiDocument` is a bundled OpenAPI 3.1 document, typed or as parsed JSON. */
export function createSpecValidator(openapiDocument: object): SpecValidator {
  const document = openapiDocument as OpenApiDocument;
  const index = new OperationIndex(document);
  let compiler: ReturnType<typeof createCompiler> | undefined;
  const compile = (pointer: string) => (compiler ??= createCompiler(document)).compile(pointer);

  function validateParameter(
    op: IndexedOperation,
    param: IndexedOperation['parameters'][number],
    value: unknown,
    location: 'path' | 'query' | 'header',
    status?: number,
  ): Finding[] {
    if (!param.schemaPointer) return [];
    const validate = compile(param.schemaPointer);
    if (validate(value)) return [];
    return toFindings(validate.errors, {
      operation: op.operationId,
      ...(status === undefined ? {} : { status }),
      location,
      prefix: `/${location}/${param.name}`,
    });
  }

  function validateRequest(request: RequestInput): RequestValidation {
    const match = index.match(request.method, request.path);
    const result: RequestValidation = {
      operation: match,
      findings: [],
      params: { path: {}, query: {}, header: {} },
      body: request.body,
    };
    if (!match) return result;
    const op = match.operation as IndexedOperation;
    let headers: Map<string, string> | undefined; // built only for operations with header parameters
    for (const param of op.parameters) {
      if (param.in === 'cookie') continue;
      const raw =
        param.in === 'path'
          ? match.pathParams[param.name]
          : param.in === 'query'
            ? queryValue(request.query, param.name)
            : (headers ??= headerMap(request.headers)).get(param.name.toLowerCase());
      const target = result.params[param.in];
      if (raw === undefined) {
        if (param.required) {
          result.findings.push({
            operation: op.operationId,
            location: param.in,
            pointer: `/${param.in}/${param.name}`,
            code: 'missing_required',
            expected: 'present',
            actual: '(missing)',
            message: `/${param.in}/${param.name} is required`,
          });
        } else {
          const fallback = defaultOf(document, param.schema);
          if (fallback.has) target[param.name] = fallback.value;
        }
        continue;
      }
      const value = coerceParameter(document, param.schema, raw);
      target[param.name] = value;
      result.findings.push(...validateParameter(op, param, value, param.in));
    }
    result.findings.push(...validateRequestBody(op, request, result));
    return result;
  }

  function validateRequestBody(op: IndexedOperation, request: RequestInput, result: RequestValidation): Finding[] {
    const base = { operation: op.operationId, location: 'body' as const, pointer: '/' };
    if (op.requestBody === 'none') {
      if (request.body === undefined) return [];
      return [
        {
          ...base,
          code: 'unknown_property',
          expected: 'no body',
          actual: describeValue(request.body),
          message: 'this action takes no request body',
        },
      ];
    }
    const media = mediaTypeOf(request.contentType) ?? 'application/json';
    const schemaPointer = op.requestContent.get(media);
    if (request.body === undefined) {
      if (op.requestBody === 'required') {
        return [
          {
            ...base,
            code: 'missing_required',
            expected: 'a JSON request body',
            actual: '(missing)',
            message: 'a request body is required',
          },
        ];
      }
      // Optional and absent: give the caller the defaults of an empty object when that is valid.
      const pointer = op.requestContent.get('application/json');
      if (pointer && compile(pointer)({})) result.body = withDefaults(document, pointer, {});
      return [];
    }
    if (!op.requestContent.has(media)) {
      const documented = [...op.requestContent.keys()].join(', ');
      return [
        {
          operation: op.operationId,
          location: 'content-type',
          pointer: '/header/Content-Type',
          code: 'undocumented_content_type',
          expected: documented,
          actual: media,
          message: `Content-Type ${media} is not accepted; send ${documented}`,
        },
      ];
    }
    if (!schemaPointer) return [];
    const validate = compile(schemaPointer);
    if (validate(request.body)) {
      result.body = withDefaults(document, schemaPointer, structuredClone(request.body));
      return [];
    }
    return toFindings(validate.errors, { operation: op.operationId, location: 'body', prefix: '' });
  }

  function validateResponse(response: ResponseInput): Finding[] {
    const op: IndexedOperation | undefined = response.operationId
      ? index.byId.get(response.operationId)
      : (index.match(response.method ?? '', response.path ?? '')?.operation as IndexedOperation | undefined);
    const name = response.operationId ?? `${(response.method ?? '').toUpperCase()} ${response.path ?? ''}`;
    const status = response.status;
    if (!op) {
      return [
        {
          operation: name,
          status,
          location: 'status',
          pointer: '',
          code: 'undocumented_status',
          expected: 'an operation of the spec',
          actual: name,
          message: `${name} is not an operation of the spec`,
        },
      ];
    }
    const documented = responseFor(op.entry, status);
    if (!documented) {
      const statuses = op.entry.responses.map((r) => r.status).join(', ');
      return [
        {
          operation: op.operationId,
          status,
          location: 'status',
          pointer: '',
          code: 'undocumented_status',
          expected: statuses,
          actual: String(status),
          message: `status ${status} is not documented for ${op.operationId} (documented: ${statuses})`,
        },
      ];
    }
    const { response: spec, pointer: specAt } = documented;
    const findings: Finding[] = [];
    const headers = headerMap(response.headers);
    for (const [headerName, rawHeader] of Object.entries(spec.headers ?? {})) {
      if (headerName.toLowerCase() === 'content-type') continue;
      const { value: header, pointer: headerAt } = resolveRef<Header>(
        document,
        rawHeader,
        appendPointer(specAt, 'headers', headerName),
      );
      const value = headers.get(headerName.toLowerCase());
      if (value === undefined) {
        if (header.required === true) {
          findings.push({
            operation: op.operationId,
            status,
            location: 'header',
            pointer: `/header/${headerName}`,
            code: 'missing_header',
            expected: 'present',
            actual: '(missing)',
            message: `response header ${headerName} is required`,
          });
        }
        continue;
      }
      if (!header.schema) continue;
      const coerced = coerceParameter(document, header.schema as Schema, value);
      const validate = compile(appendPointer(headerAt, 'schema'));
      if (!validate(coerced)) {
        findings.push(
          ...toFindings(validate.errors, {
            operation: op.operationId,
            status,
            location: 'header',
            prefix: `/header/${headerName}`,
          }),
        );
      }
    }
    const content = spec.content ?? {};
    const mediaTypes = Object.keys(content);
    const media = mediaTypeOf(response.contentType);
    if (mediaTypes.length === 0) {
      if (response.body !== undefined) {
        findings.push({
          operation: op.operationId,
          status,
          location: 'content-type',
          pointer: '',
          code: 'undocumented_content_type',
          expected: 'no body',
          actual: media ?? '(missing)',
          message: `status ${status} of ${op.operationId} documents no body`,
        });
      }
      return findings;
    }
    const mediaKey = mediaTypes.find((m) => m.toLowerCase() === media);
    if (!mediaKey) {
      findings.push({
        operation: op.operationId,
        status,
        location: 'content-type',
        pointer: '',
        code: 'undocumented_content_type',
        expected: mediaTypes.join(', '),
        actual: media ?? '(missing)',
        message: `Content-Type ${media ?? '(missing)'} is not documented for status ${status} of ${op.operationId} (documented: ${mediaTypes.join(', ')})`,
      });
      return findings;
    }
    if (response.body === undefined) {
      findings.push({
        operation: op.operationId,
        status,
        location: 'body',
        pointer: '/',
        code: 'missing_required',
        expected: 'a body',
        actual: '(missing)',
        message: `status ${status} of ${op.operationId} must have a ${mediaKey} body`,
      });
      return findings;
    }
    if (!content[mediaKey]!.schema) return findings;
    const validate = compile(appendPointer(specAt, 'content', mediaKey, 'schema'));
    if (!validate(response.body)) {
      findings.push(
        ...toFindings(validate.errors, { operation: op.operationId, status, location: 'body', prefix: '' }),
      );
    }
    return findings;
  }

  return {
    document,
    operations: index.operations,
    getOperation: (operationId) => index.byId.get(operationId),
    getEntry: (operationId) => index.byId.get(operationId)?.entry,
    matchOperation: (method, path) => index.match(method, path),
    hasPath: (path) => index.hasPath(path),
    validateRequest,
    validateResponse,
    validateValue(pointer, value, context = {}) {
      const validate = compile(plainPointer(pointer));
      if (validate(value)) return [];
      return toFindings(validate.errors, {
        operation: context.operation ?? pointer,
        ...(context.status === undefined ? {} : { status: context.status }),
        location: 'body',
        prefix: '',
      });
    },
  };
}
