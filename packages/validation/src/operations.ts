// Indexes the spec's operations once, from the model's operation list: for each, the pointer of
// every parameter and request-body schema (compile targets) and a matcher from method + concrete
// path to operation. Our own matcher rather than a router library because it must run where no
// HTTP server does (the conformance kit) and because its only input is the spec's path templates.

import {
  appendPointer,
  listOperations,
  type OpenApiDocument,
  type OperationEntry,
  type ParameterLocation,
  type Schema,
} from '@billing-api/openapi-model';
import type { OperationInfo, OperationMatch } from './types.js';

export interface IndexedParameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  /** Pointer of the parameter's schema (compile target), or undefined when it has none. */
  schemaPointer: string | undefined;
  schema: Schema | undefined;
}

export interface IndexedOperation extends OperationInfo {
  /** The model's entry: resolved parameters, request body and responses, with their pointers. */
  entry: OperationEntry;
  parameters: IndexedParameter[];
  /** Media type (lower case) -> pointer of its schema. */
  requestContent: Map<string, string | undefined>;
}

interface CompiledTemplate {
  regex: RegExp;
  names: string[];
  literalLength: number;
}

function compileTemplate(template: string): CompiledTemplate {
  const names: string[] = [];
  let literalLength = 0;
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const param = /^\{([^}]+)\}$/.exec(part);
      if (param) {
        names.push(param[1]!);
        return '([^/]+)';
      }
      literalLength += part.length;
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return { regex: new RegExp(`^${source}$`), names, literalLength };
}

function indexed(entry: OperationEntry): IndexedOperation {
  const parameters = entry.parameters.map(({ parameter, pointer }) => ({
    name: parameter.name,
    in: parameter.in,
    required: parameter.required === true,
    schemaPointer: parameter.schema ? appendPointer(pointer, 'schema') : undefined,
    schema: parameter.schema as Schema | undefined,
  }));
  const requestContent = new Map<string, string | undefined>();
  const body = entry.requestBody;
  for (const [media, mediaObject] of Object.entries(body?.body.content ?? {})) {
    requestContent.set(
      media.toLowerCase(),
      mediaObject.schema ? appendPointer(body!.pointer, 'content', media, 'schema') : undefined,
    );
  }
  return {
    operationId: entry.id,
    method: entry.method.toUpperCase(),
    pathTemplate: entry.path,
    security: entry.security,
    headerParameters: parameters.filter((p) => p.in === 'header').map((p) => p.name),
    requestBody: !body ? 'none' : body.body.required === true ? 'required' : 'optional',
    entry,
    parameters,
    requestContent,
  };
}

export class OperationIndex {
  readonly operations: IndexedOperation[];
  readonly byId = new Map<string, IndexedOperation>();
  private readonly routes: Array<{ operation: IndexedOperation; template: CompiledTemplate }> = [];
  /** The same routes grouped by method, so a match only tries templates of its method. */
  private readonly byMethod = new Map<string, Array<{ operation: IndexedOperation; template: CompiledTemplate }>>();

  constructor(document: OpenApiDocument) {
    this.operations = listOperations(document).map(indexed);
    for (const operation of this.operations) {
      this.byId.set(operation.operationId, operation);
      this.routes.push({ operation, template: compileTemplate(operation.pathTemplate) });
    }
    // Literal paths win over templated ones (OpenAPI: concrete paths match first).
    this.routes.sort((a, b) => b.template.literalLength - a.template.literalLength);
    for (const route of this.routes) {
      const list = this.byMethod.get(route.operation.method) ?? [];
      list.push(route);
      this.byMethod.set(route.operation.method, list);
    }
  }

  match(method: string, path: string): OperationMatch | undefined {
    const upper = method.toUpperCase();
    const bare = path.split('?')[0]!;
    for (const { operation, template } of this.byMethod.get(upper) ?? []) {
      const m = template.regex.exec(bare);
      if (!m) continue;
      const pathParams: Record<string, string> = {};
      let ok = true;
      template.names.forEach((name, i) => {
        try {
          pathParams[name] = decodeURIComponent(m[i + 1]!);
        } catch {
          ok = false; // malformed percent-encoding: no operation matches
        }
      });
      if (!ok) return undefined;
      return { operationId: operation.operationId, pathTemplate: operation.pathTemplate, pathParams, operation };
    }
    return undefined;
  }

  /** Whether some operation has this path with another method (for 404 vs 405 decisions). */
  hasPath(path: string): boolean {
    const bare = path.split('?')[0]!;
    return this.routes.some(({ template }) => template.regex.test(bare));
  }
}
