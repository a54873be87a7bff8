/**
 * The list of a document's operations, each with what every reader asks of it: where it lives, its
 * parameters (path item and operation merged, refs resolved), its request body, its responses by
 * status and its effective security. Codegen, validators, docs, the sandbox and the checker all
 * iterate this list instead of walking `paths` themselves.
 */
import type {
  OpenApiDocument,
  Operation,
  Parameter,
  PathItem,
  RequestBody,
  Response,
  SecurityRequirement,
} from './document.js';
import { HTTP_METHODS, type HttpMethod } from './methods.js';
import { appendPointer, toPointer } from './pointer.js';
import { resolveRef } from './ref.js';

export interface OperationParameter {
  parameter: Parameter;
  /** Plain pointer of the (resolved) parameter object. */
  pointer: string;
}

export interface OperationRequestBody {
  body: RequestBody;
  pointer: string;
}

export interface OperationResponse {
  /** The key under `responses`: `200`, `4XX` or `default`. */
  status: string;
  response: Response;
  /** Plain pointer of the (resolved) response object. */
  pointer: string;
}

export interface OperationEntry {
  /** The `operationId`, or `METHOD /path` when the operation has none. */
  id: string;
  operationId: string | undefined;
  method: HttpMethod;
  path: string;
  /** Plain pointer of the operation object (inside the resolved path item). */
  pointer: string;
  operation: Operation;
  pathItem: PathItem;
  /** Path-item parameters, overridden by the operation's own with the same `in` and `name`. */
  parameters: OperationParameter[];
  requestBody: OperationRequestBody | undefined;
  responses: OperationResponse[];
  /** The operation's `security`, else the document's; `[]` (or a `{}` entry) means no credentials are needed. */
  security: SecurityRequirement[];
}

export interface ListOptions {
  /** Also list `webhooks` (their entries' `path` is the webhook's name). Default: false. */
  webhooks?: boolean;
}

/** Every operation of the document, in document order (paths, then methods in `HTTP_METHODS` order). */
export function listOperations(document: OpenApiDocument, options: ListOptions = {}): OperationEntry[] {
  const entries: OperationEntry[] = [];
  const sources: Array<['paths' | 'webhooks', Record<string, unknown> | undefined]> = [['paths', document.paths]];
  if (options.webhooks) sources.push(['webhooks', document.webhooks]);
  for (const [section, items] of sources) {
    for (const [path, rawItem] of Object.entries(items ?? {})) {
      if (path.startsWith('x-')) continue;
      const { value: pathItem, pointer: itemPointer } = resolveRef<PathItem>(
        document,
        rawItem as PathItem,
        toPointer([section, path]),
      );
      const shared = parametersOf(document, pathItem.parameters, appendPointer(itemPointer, 'parameters'));
      for (const method of HTTP_METHODS) {
        const operation = pathItem[method];
        if (!operation) continue;
        const pointer = appendPointer(itemPointer, method);
        const own = parametersOf(document, operation.parameters, appendPointer(pointer, 'parameters'));
        const merged = new Map<string, OperationParameter>();
        for (const p of [...shared, ...own]) merged.set(`${p.parameter.in}:${p.parameter.name}`, p);
        entries.push({
          id: operation.operationId ?? `${method.toUpperCase()} ${path}`,
          operationId: operation.operationId,
          method,
          path,
          pointer,
          operation,
          pathItem,
          parameters: [...merged.values()],
          requestBody: operation.requestBody
            ? (({ value, pointer: at }) => ({ body: value, pointer: at }))(
                resolveRef<RequestBody>(document, operation.requestBody, appendPointer(pointer, 'requestBody')),
              )
            : undefined,
          responses: Object.entries(operation.responses ?? {})
            .filter(([status]) => !status.startsWith('x-'))
            .map(([status, raw]) => {
              const { value, pointer: at } = resolveRef<Response>(
                document,
                raw as Response,
                appendPointer(pointer, 'responses', status),
              );
              return { status, response: value, pointer: at };
            }),
          security: operation.security ?? document.security ?? [],
        });
      }
    }
  }
  return entries;
}

function parametersOf(document: OpenApiDocument, list: PathItem['parameters'], at: string): OperationParameter[] {
  return (list ?? []).map((raw, i) => {
    const { value, pointer } = resolveRef<Parameter>(document, raw, appendPointer(at, i));
    return { parameter: value, pointer };
  });
}

/** The operation with this `operationId`, or `undefined`. */
export function findOperation(entries: readonly OperationEntry[], operationId: string): OperationEntry | undefined {
  return entries.find((entry) => entry.operationId === operationId);
}

/** The documented response for a status: the exact code, then its `4XX`-style range, then `default`. */
export function responseFor(entry: OperationEntry, status: number): OperationResponse | undefined {
  const keys = [String(status), `${String(status)[0]}XX`, 'default'];
  for (const key of keys) {
    const found = entry.responses.find((r) => r.status.toUpperCase() === key.toUpperCase());
    if (found) return found;
  }
  return undefined;
}

/** The exact statuses an operation documents, as numbers (range keys and `default` left out). */
export function documentedStatuses(entry: OperationEntry): number[] {
  return entry.responses.filter((r) => /^\d{3}$/.test(r.status)).map((r) => Number(r.status));
}

/** Whether the operation can be called without credentials (`security: []` or an empty requirement). */
export function isPublic(entry: OperationEntry): boolean {
  return entry.security.length === 0 || entry.security.some((requirement) => Object.keys(requirement).length === 0);
}

/** The scopes the operation's security requirements name (deduplicated, in order). */
export function scopesOf(entry: OperationEntry): string[] {
  return [...new Set(entry.security.flatMap((requirement) => Object.values(requirement).flat()))];
}

/** The names of a path template's parameters: `/invoices/{id}/lines/{line}` -> `['id', 'line']`. */
export function pathTemplateParameters(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}
