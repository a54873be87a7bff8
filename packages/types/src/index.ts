/**
 * The public entry of @billing-api/types: the three maps openapi-typescript generates from the spec
 * (`paths`, `components`, `operations`), one alias per component schema (`Invoice`, `Problem`, ...,
 * generated so that a new schema gets its alias without anyone editing this file), the operationId
 * and documented error codes of each operation (also generated), and a few helpers that read an
 * operation's request and response bodies and error codes by `operationId`.
 */
import type { operations } from '../generated/openapi.js';
import type { ErrorCodes, OperationIds } from '../generated/operations.js';

export type { $defs, components, operations, paths, webhooks } from '../generated/openapi.js';
export type { ErrorCodes, OperationIds } from '../generated/operations.js';
export type * from '../generated/schemas.js';

/** Every `operationId` of the spec, e.g. `'listInvoices'` or `'applyCreditV1'`. */
export type OperationId = keyof operations;

type Responses<Id extends OperationId> = operations[Id]['responses'];
type BodyOf<R> = R extends { content: infer C } ? C[keyof C] : never;

/** The HTTP statuses an operation documents, as number literals (`200 | 400 | 404 | ...`). */
export type StatusOf<Id extends OperationId> = keyof Responses<Id> & number;

/** Statuses of an operation from 200 to 299. */
export type SuccessStatus<Id extends OperationId> = {
  [S in StatusOf<Id>]: `${S}` extends `2${string}` ? S : never;
}[StatusOf<Id>];

/** Statuses of an operation from 400 to 599. */
export type ErrorStatus<Id extends OperationId> = {
  [S in StatusOf<Id>]: `${S}` extends `4${string}` | `5${string}` ? S : never;
}[StatusOf<Id>];

/** The body an operation answers with for the given status(es). */
export type ResponseBody<Id extends OperationId, S extends StatusOf<Id>> = BodyOf<Responses<Id>[S]>;

/** The success body of an operation (v2: the resource; v1: the `{ success, data, ... }` envelope). */
export type SuccessBody<Id extends OperationId> = ResponseBody<Id, SuccessStatus<Id>>;

/** The error bodies an operation can answer with: `Problem` on v2, `ErrorV1` on v1. */
export type ErrorBody<Id extends OperationId> = ResponseBody<Id, ErrorStatus<Id>>;

/** The JSON request body of an operation (`never` when it takes none). */
export type RequestBody<Id extends OperationId> = operations[Id] extends { requestBody?: infer B }
  ? BodyOf<NonNullable<B>>
  : never;

/** The path, query and header parameters of an operation. */
export type OperationParameters<Id extends OperationId> = operations[Id]['parameters'];

/** The `operationId` of `method path`: `OperationIdOf<'/api/v2/billing/invoices', 'get'>` is `'listInvoices'`. */
export type OperationIdOf<P extends keyof OperationIds, M extends keyof OperationIds[P]> = OperationIds[P][M];

/** The statuses for which an operation documents error codes. */
export type ErrorCodeStatus<Id extends OperationId> = keyof ErrorCodes[Id] & number;

/**
 * The error codes an operation documents, at one status or at all of them:
 * `ErrorCodeOf<'applyCreditToInvoice', 409>` is `'invoice_not_unpaid' | 'idempotency_key_reused' | ...`.
 */
export type ErrorCodeOf<
  Id extends OperationId,
  S extends ErrorCodeStatus<Id> = ErrorCodeStatus<Id>,
> = ErrorCodes[Id][S];

/** Every error code the spec documents, on any operation (v2 `lower_snake`, v1 `UPPER_SNAKE`). */
export type ErrorCode = { [Id in OperationId]: ErrorCodeOf<Id> }[OperationId];
