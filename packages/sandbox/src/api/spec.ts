// The bundled spec, loaded once, and everything the API layer reads from it instead of restating it:
// the validator (routes, request validation), the operations (through @billing-api/openapi-model),
// the HTTP status of each error code per operation and the title of each v2 problem (from the
// spec's examples), the v1 spelling of each invoice status (the two status enums, position by
// position), the add-funds maximum, and the base URL of problem types.
import { openapi } from '@billing-api/openapi';
import {
  deref,
  isPublic,
  listOperations,
  type OpenApiDocument,
  type OperationEntry,
  type Schema,
  type SecurityScheme,
} from '@billing-api/openapi-model';
import { createSpecValidator, type SpecValidator } from '@billing-api/validation';

export interface SpecCatalog {
  validator: SpecValidator;
  operations: readonly OperationEntry[];
  operation(operationId: string): OperationEntry | undefined;
  securitySchemes: Record<string, SecurityScheme>;
  /** HTTP status of an error code for an operation (the operation's own examples first). */
  statusOf(operationId: string | undefined, code: string): number | undefined;
  /** `title` of a v2 problem code, as the spec's examples give it. */
  problemTitle(code: string): string | undefined;
  /** URL prefix of problem types in the spec's examples (`https://docs.billing.example/errors/`). */
  problemTypeBase: string;
  /** Whether the operation needs no credentials (its path parameters are then its only secret). */
  isPublic(operationId: string): boolean;
  statusV1(status: string): string;
  statusV2(statusV1: string): string;
  /** The v1 spelling of a v2 `PaymentStatus` (the two enums list the same values in the same order). */
  paymentStatusV1(status: string): string;
  addFundsMaxMinor: number;
  /** Every fixed path segment of the spec's paths (`api`, `billing`, `invoices`, ...). */
  pathWords: ReadonlySet<string>;
}

function schema(document: OpenApiDocument, name: string): Schema {
  const found = document.components?.schemas?.[name];
  if (!found) throw new Error(`the spec has no schema ${name}`);
  return deref<Schema>(document, found);
}

export function buildCatalog(document: OpenApiDocument): SpecCatalog {
  const validator = createSpecValidator(document);
  const operations = listOperations(document);
  const byOperation = new Map<string, Map<string, number>>();
  const byCode = new Map<string, number>();
  const titles = new Map<string, string>();
  let typeBase: string | undefined;
  for (const entry of operations) {
    const codes = new Map<string, number>();
    for (const { status, response } of entry.responses) {
      if (!/^\d{3}$/.test(status)) continue;
      for (const media of Object.values(response.content ?? {})) {
        for (const example of Object.values(media.examples ?? {})) {
          const value = deref(document, example).value as Record<string, unknown> | undefined;
          if (typeof value?.code !== 'string') continue;
          codes.set(value.code, Number(status));
          if (!byCode.has(value.code)) byCode.set(value.code, Number(status));
          if (typeof value.title === 'string') titles.set(value.code, value.title);
          if (typeof value.type === 'string') typeBase ??= value.type.slice(0, value.type.lastIndexOf('/') + 1);
        }
      }
    }
    byOperation.set(entry.id, codes);
  }
  const v2 = schema(document, 'InvoiceStatus').enum as string[];
  const v1 = schema(document, 'InvoiceStatusV1').enum as string[];
  if (v1.length !== v2.length)
    throw new Error('InvoiceStatus and InvoiceStatusV1 must list the same statuses in the same order');
  const toV1 = new Map(v2.map((s, i) => [s, v1[i]!]));
  const toV2 = new Map(v1.map((s, i) => [s, v2[i]!]));
  const paymentV2 = schema(document, 'PaymentStatus').enum as string[];
  const paymentV1 = schema(document, 'PaymentStatusV1').enum as string[];
  if (paymentV1.length !== paymentV2.length)
    throw new Error('PaymentStatus and PaymentStatusV1 must list the same statuses in the same order');
  const paymentToV1 = new Map(paymentV2.map((s, i) => [s, paymentV1[i]!]));
  const amount = deref<Schema>(document, schema(document, 'AddFundsRequest').properties!.amount!);
  const publicOperations = new Set(operations.filter(isPublic).map((o) => o.id));
  const pathWords = new Set(
    operations.flatMap((o) => o.path.split('/').filter((segment) => segment !== '' && !segment.includes('{'))),
  );
  const byId = new Map(operations.map((o) => [o.id, o]));
  const securitySchemes: Record<string, SecurityScheme> = {};
  for (const [name, scheme] of Object.entries(document.components?.securitySchemes ?? {}))
    securitySchemes[name] = deref<SecurityScheme>(document, scheme);
  return {
    validator,
    operations,
    operation: (operationId) => byId.get(operationId),
    securitySchemes,
    statusOf: (operationId, code) =>
      (operationId ? byOperation.get(operationId)?.get(code) : undefined) ?? byCode.get(code),
    problemTitle: (code) => titles.get(code),
    problemTypeBase: typeBase ?? 'about:blank#',
    isPublic: (operationId) => publicOperations.has(operationId),
    statusV1: (status) => toV1.get(status) ?? status,
    statusV2: (status) => toV2.get(status) ?? status,
    paymentStatusV1: (status) => paymentToV1.get(status) ?? status,
    addFundsMaxMinor: Math.round(Number(amount.maximum) * 100),
    pathWords,
  };
}

let shared: SpecCatalog | undefined;
/** The catalog of the bundled spec (built on first use, shared by every sandbox in the process). */
export function specCatalog(): SpecCatalog {
  return (shared ??= buildCatalog(openapi));
}
