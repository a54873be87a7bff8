// The bundled spec, loaded once, and everything the sandbox reads from it instead of restating it:
// the validator (routes, request validation), the HTTP status of each error code per operation and
// the title/type of each v2 problem (from the spec's examples), the v1 spelling of each invoice status
// (the two status enums, position by position), and the add-funds maximum.
import { openapi } from '@billing-api/openapi';
import { createSpecValidator, getAt, type SpecValidator } from '@billing-api/validation';

type Obj = Record<string, any>;

export interface SpecCatalog {
  validator: SpecValidator;
  /** HTTP status of an error code for an operation (the operation's own examples first). */
  statusOf(operationId: string | undefined, code: string): number | undefined;
  /** `title` and `type` of a v2 problem code. */
  problemType(code: string): { title: string; type: string } | undefined;
  /** URL prefix of problem types (`https://docs.billing.example/errors/`). */
  problemTypeBase: string;
  statusV1(status: string): string;
  statusV2(statusV1: string): string;
  addFundsMaxMinor: number;
}

function resolve(document: Obj, value: Obj): Obj {
  let current = value;
  for (let i = 0; i < 10 && typeof current?.$ref === 'string'; i++) current = getAt(document, current.$ref) as Obj;
  return current;
}

export function buildCatalog(document: Obj): SpecCatalog {
  const validator = createSpecValidator(document);
  const byOperation = new Map<string, Map<string, number>>();
  const byCode = new Map<string, number>();
  const problems = new Map<string, { title: string; type: string }>();
  for (const op of validator.operations) {
    const operation = getAt(
      document,
      `/paths/${op.pathTemplate.replaceAll('~', '~0').replaceAll('/', '~1')}/${op.method.toLowerCase()}`,
    ) as Obj;
    const codes = new Map<string, number>();
    for (const [status, rawResponse] of Object.entries(operation.responses as Obj)) {
      const response = resolve(document, rawResponse as Obj);
      for (const media of Object.values((response.content ?? {}) as Obj)) {
        for (const rawExample of Object.values(((media as Obj).examples ?? {}) as Obj)) {
          const value = resolve(document, rawExample as Obj).value as Obj | undefined;
          if (typeof value?.code !== 'string' || !/^\d+$/.test(status)) continue;
          codes.set(value.code, Number(status));
          if (!byCode.has(value.code)) byCode.set(value.code, Number(status));
          if (typeof value.title === 'string' && typeof value.type === 'string')
            problems.set(value.code, { title: value.title, type: value.type });
        }
      }
    }
    byOperation.set(op.operationId, codes);
  }
  const anyType = [...problems.values()][0]?.type ?? 'about:blank/';
  const v2 = document.components.schemas.InvoiceStatus.enum as string[];
  const v1 = document.components.schemas.InvoiceStatusV1.enum as string[];
  if (v1.length !== v2.length)
    throw new Error('InvoiceStatus and InvoiceStatusV1 must list the same statuses in the same order');
  const toV1 = new Map(v2.map((s, i) => [s, v1[i]!]));
  const toV2 = new Map(v1.map((s, i) => [s, v2[i]!]));
  const max = document.components.schemas.AddFundsRequest.properties.amount.maximum as number;
  return {
    validator,
    statusOf: (operationId, code) =>
      (operationId ? byOperation.get(operationId)?.get(code) : undefined) ?? byCode.get(code),
    problemType: (code) => problems.get(code),
    problemTypeBase: anyType.slice(0, anyType.lastIndexOf('/') + 1),
    statusV1: (status) => toV1.get(status) ?? status,
    statusV2: (status) => toV2.get(status) ?? status,
    addFundsMaxMinor: Math.round(max * 100),
  };
}

let shared: SpecCatalog | undefined;
/** The catalog of the bundled spec (built on first use, shared by every sandbox in the process). */
export function specCatalog(): SpecCatalog {
  return (shared ??= buildCatalog(openapi as Obj));
}

export { openapi };
