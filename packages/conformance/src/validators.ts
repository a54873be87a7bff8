// validateResponse / validateRequest of the kit. They wrap @billing-api/validation's validator (status,
// content type, required headers, body schema: nothing is validated twice) and add the two checks
// it does not make: `Idempotent-Replayed` only where the documented response declares it, and
// `X-Request-Id` equal to the body's `requestId`. Findings about the
// response as a whole get a pointer too: `/status`, `/header/Content-Type`.
import { type OpenApiDocument, type OperationEntry, responseFor } from '@billing-api/openapi-model';
import {
  createSpecValidator,
  type HeadersInput,
  type OperationInfo,
  type QueryInput,
  type SpecValidator,
} from '@billing-api/validation';
import type { Finding } from './findings.js';
import { bundledSpec } from './spec.js';

/** Pointers for findings about the response as a whole (the validator leaves them empty). */
const WHOLE_RESPONSE_POINTERS: Partial<Record<string, string>> = {
  undocumented_status: '/status',
  undocumented_content_type: '/header/Content-Type',
};

/** Headers a response may carry only where its documented response declares them. */
export const DECLARED_ONLY_HEADERS = ['Idempotent-Replayed'] as const;

export interface RequestParts {
  /** Path parameters by name; the path is built from the operation's template. */
  pathParams?: Record<string, string | number>;
  /** Or a concrete path (wins over pathParams). */
  path?: string;
  query?: QueryInput;
  headers?: HeadersInput;
  /** The JSON body, or undefined for none. */
  body?: unknown;
  contentType?: string;
}

export interface ConformanceValidator {
  readonly spec: SpecValidator;
  readonly document: OpenApiDocument;
  /** The operation's entry in the model's operation list; throws for an unknown operationId. */
  entry(operation: string): OperationEntry;
  /** Checks a response of `operation` (an operationId) against the spec. `[]` means it conforms. */
  validateResponse(operation: string, status: number, headers: HeadersInput, body: unknown): Finding[];
  /** Checks a request meant for `operation` against the spec (parameters, body, content type). */
  validateRequest(operation: string, request: RequestParts): Finding[];
  /** The concrete path of an operation for these path parameters (values percent-encoded). */
  pathOf(operation: string, pathParams?: Record<string, string | number>): string;
}

/** Reads the few headers the kit's own checks need, whatever the case of their names. */
function readHeaders(headers: HeadersInput, names: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  if (typeof (headers as Headers).get === 'function') {
    for (const name of names) {
      const value = (headers as Headers).get(name);
      if (value !== null) found.set(name, value);
    }
    return found;
  }
  for (const key in headers as Record<string, unknown>) {
    const lower = key.toLowerCase();
    if (!names.includes(lower)) continue;
    const value = (headers as Record<string, unknown>)[key];
    if (value !== undefined) found.set(lower, Array.isArray(value) ? value.join(', ') : String(value));
  }
  return found;
}

export function createConformanceValidator(document: OpenApiDocument = bundledSpec): ConformanceValidator {
  const spec = createSpecValidator(document);

  function operationInfo(operation: string): OperationInfo {
    const info = spec.getOperation(operation);
    if (!info) throw new Error(`${operation} is not an operationId of the spec`);
    return info;
  }

  function entry(operation: string): OperationEntry {
    const found = spec.getEntry(operation);
    if (!found) throw new Error(`${operation} is not an operationId of the spec`);
    return found;
  }

  function pathOf(operation: string, pathParams: Record<string, string | number> = {}): string {
    return operationInfo(operation).pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) =>
      name in pathParams ? encodeURIComponent(String(pathParams[name])) : `{${name}}`,
    );
  }

  /** Lower-cased names of the headers each documented response declares, by `operation status`. */
  const declaredHeaders = new Map<string, Set<string> | null>();
  function declared(operation: string, status: number): Set<string> | null {
    const key = `${operation} ${status}`;
    let set = declaredHeaders.get(key);
    if (set === undefined) {
      const found = spec.getEntry(operation);
      const documented = found && responseFor(found, status);
      set = documented ? new Set(Object.keys(documented.response.headers ?? {}).map((h) => h.toLowerCase())) : null;
      declaredHeaders.set(key, set);
    }
    return set;
  }
  const OWN_HEADERS = ['content-type', 'x-request-id', ...DECLARED_ONLY_HEADERS.map((h) => h.toLowerCase())];

  function validateResponse(operation: string, status: number, headers: HeadersInput, body: unknown): Finding[] {
    const own = readHeaders(headers, OWN_HEADERS);
    const contentType = own.get('content-type');
    const findings: Finding[] = spec.validateResponse({
      operationId: operation,
      status,
      headers,
      ...(contentType ? { contentType } : {}),
      body,
    });
    for (const f of findings) if (f.pointer === '') f.pointer = WHOLE_RESPONSE_POINTERS[f.code] ?? '';
    const names = declared(operation, status);
    if (!names) return findings; // unknown operation or undocumented status: already reported
    for (const name of DECLARED_ONLY_HEADERS) {
      const value = own.get(name.toLowerCase());
      if (value !== undefined && !names.has(name.toLowerCase())) {
        findings.push({
          operation,
          status,
          location: 'header',
          pointer: `/header/${name}`,
          code: 'undeclared_header',
          expected: 'absent (not declared for this response)',
          actual: JSON.stringify(value),
          message: `${name} is sent, but status ${status} of ${operation} does not declare it`,
        });
      }
    }
    const requestId = own.get('x-request-id');
    const bodyRequestId =
      body !== null && typeof body === 'object' ? (body as { requestId?: unknown }).requestId : undefined;
    if (requestId !== undefined && typeof bodyRequestId === 'string' && bodyRequestId !== requestId) {
      findings.push({
        operation,
        status,
        location: 'header',
        pointer: '/header/X-Request-Id',
        code: 'request_id_mismatch',
        expected: JSON.stringify(bodyRequestId),
        actual: JSON.stringify(requestId),
        message: `X-Request-Id ${requestId} differs from the body's requestId ${bodyRequestId}`,
      });
    }
    return findings;
  }

  function validateRequest(operation: string, request: RequestParts): Finding[] {
    const info = operationInfo(operation);
    const path = request.path ?? pathOf(operation, request.pathParams);
    const result = spec.validateRequest({
      method: info.method,
      path,
      ...(request.query ? { query: request.query } : {}),
      ...(request.headers ? { headers: request.headers } : {}),
      ...(request.body === undefined ? {} : { body: request.body }),
      ...(request.contentType ? { contentType: request.contentType } : {}),
    });
    if (result.operation?.operationId !== operation) {
      const actual = result.operation?.operationId ?? `no operation`;
      return [
        {
          operation,
          location: 'path',
          pointer: '/path',
          code: 'wrong_operation',
          expected: `${info.method} ${info.pathTemplate}`,
          actual: `${info.method} ${path} (${actual})`,
          message: `${info.method} ${path} does not reach ${operation}`,
        },
      ];
    }
    return result.findings;
  }

  return { spec, document, entry, validateResponse, validateRequest, pathOf };
}

let shared: ConformanceValidator | undefined;
/** The validator of the bundled spec, created on first use. */
export function bundledValidator(): ConformanceValidator {
  return (shared ??= createConformanceValidator());
}

/** validateResponse against the bundled spec. */
export function validateResponse(operation: string, status: number, headers: HeadersInput, body: unknown): Finding[] {
  return bundledValidator().validateResponse(operation, status, headers, body);
}

/** validateRequest against the bundled spec. */
export function validateRequest(operation: string, request: RequestParts): Finding[] {
  return bundledValidator().validateRequest(operation, request);
}
