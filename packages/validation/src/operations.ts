// Indexes the spec's operations once: parameters merged from path item and operation (refs resolved,
// with the pointer of each schema kept for compiling), and a matcher from method + concrete path to
// operation. Our own matcher rather than a router library because it must run where no HTTP server
// does (the conformance kit) and because its only input is the spec's path templates.

import { escapeToken, resolveObject, toPointer } from './pointer.js';
import type { OperationInfo, OperationMatch } from './types.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface IndexedParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  /** Pointer of the parameter's schema (compile target), or undefined when it has none. */
  schemaPointer: string | undefined;
  schema: Record<string, unknown> | undefined;
}

export interface IndexedOperation extends OperationInfo {
  pointer: string;
  parameters: IndexedParameter[];
  /** Media type -> pointer of its schema. */
  requestContent: Map<string, string | undefined>;
  responses: Record<string, unknown>;
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

export class OperationIndex {
  readonly operations: IndexedOperation[] = [];
  readonly byId = new Map<string, IndexedOperation>();
  private readonly routes: Array<{ operation: IndexedOperation; template: CompiledTemplate }> = [];
  /** The same routes grouped by method, so a match only tries templates of its method. */
  private readonly byMethod = new Map<string, Array<{ operation: IndexedOperation; template: CompiledTemplate }>>();

  constructor(private readonly document: Record<string, unknown>) {
    const paths = (document.paths ?? {}) as Record<string, unknown>;
    const rootSecurity = (document.security ?? []) as OperationInfo['security'];
    for (const [template, rawItem] of Object.entries(paths)) {
      const itemPointer = toPointer(['paths', template]);
      const { value: item, pointer: itemAt } = resolveObject(document, rawItem, itemPointer);
      const shared = this.parameters(item.parameters, `${itemAt}/parameters`);
      for (const method of METHODS) {
        const op = item[method] as Record<string, unknown> | undefined;
        if (!op) continue;
        const opPointer = `${itemAt}/${method}`;
        const own = this.parameters(op.parameters, `${opPointer}/parameters`);
        const merged = new Map<string, IndexedParameter>();
        for (const p of [...shared, ...own]) merged.set(`${p.in}:${p.name}`, p);
        const parameters = [...merged.values()];
        const requestContent = new Map<string, string | undefined>();
        let requestBody: OperationInfo['requestBody'] = 'none';
        if (op.requestBody) {
          const { value: body, pointer: bodyAt } = resolveObject(document, op.requestBody, `${opPointer}/requestBody`);
          requestBody = body.required === true ? 'required' : 'optional';
          for (const [media, mediaObject] of Object.entries(
            (body.content ?? {}) as Record<string, Record<string, unknown>>,
          )) {
            requestContent.set(
              media.toLowerCase(),
              mediaObject.schema ? `${bodyAt}/content/${escapeToken(media)}/schema` : undefined,
            );
          }
        }
        const operationId = typeof op.operationId === 'string' ? op.operationId : `${method.toUpperCase()} ${template}`;
        const indexed: IndexedOperation = {
          operationId,
          method: method.toUpperCase(),
          pathTemplate: template,
          security: (op.security as OperationInfo['security'] | undefined) ?? rootSecurity,
          headerParameters: parameters.filter((p) => p.in === 'header').map((p) => p.name),
          requestBody,
          pointer: opPointer,
          parameters,
          requestContent,
          responses: (op.responses ?? {}) as Record<string, unknown>,
        };
        this.operations.push(indexed);
        this.byId.set(operationId, indexed);
        this.routes.push({ operation: indexed, template: compileTemplate(template) });
      }
    }
    // Literal paths win over templated ones (OpenAPI: concrete paths match first).
    this.routes.sort((a, b) => b.template.literalLength - a.template.literalLength);
    for (const route of this.routes) {
      const list = this.byMethod.get(route.operation.method) ?? [];
      list.push(route);
      this.byMethod.set(route.operation.method, list);
    }
  }

  private parameters(list: unknown, at: string): IndexedParameter[] {
    if (!Array.isArray(list)) return [];
    return list.map((raw, i) => {
      const { value: p, pointer } = resolveObject(this.document, raw, `${at}/${i}`);
      const schema = p.schema as Record<string, unknown> | undefined;
      return {
        name: String(p.name),
        in: p.in as IndexedParameter['in'],
        required: p.required === true,
        schemaPointer: schema ? `${pointer}/schema` : undefined,
        schema,
      };
    });
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
