// The contract between the API pipeline (dispatch.ts) and an operation's handler, typed from the
// spec's generated types: the handler table has exactly one handler per operationId (a missing or
// misspelt one does not compile), each handler gets its operation's validated parameters and body,
// and returns one of its documented success statuses with that status's body (v1 handlers return
// the envelope's `data`; the v1 renderer wraps it).
import type {
  OperationId,
  OperationParameters,
  RequestBody,
  ResponseBody,
  StatusOf,
  SuccessStatus,
} from '@billing-api/types';
import type { AccountRow } from '../db/rows.js';
import type { Ctx } from '../domain/context.js';
import type { SpecCatalog } from './spec.js';

type Defined<T> = Exclude<T, undefined>;

/** Path, query and header parameters after validation: coerced to their types, defaults filled in. */
export type Params<Id extends OperationId> = {
  path: Defined<OperationParameters<Id>['path']>;
  query: Defined<OperationParameters<Id>['query']>;
  header: Defined<OperationParameters<Id>['header']>;
};

export interface Call<Id extends OperationId> {
  ctx: Ctx;
  catalog: SpecCatalog;
  /** The account of the API key; undefined only for public operations. */
  account: AccountRow | undefined;
  params: Params<Id>;
  /** The validated body (undefined when an optional body was not sent). */
  body: RequestBody<Id> | undefined;
  operationId: Id;
  requestId: string;
}

/** A v1 success body is an envelope; its handler returns only what goes in `data`. */
type Payload<Body> = Body extends { success: true; data: infer Data } ? Data : Body;

export type Reply<Id extends OperationId> = {
  [S in SuccessStatus<Id>]: { status: S; body: Payload<ResponseBody<Id, S & StatusOf<Id>>> };
}[SuccessStatus<Id>];

export type Handler<Id extends OperationId> = (call: Call<Id>) => Promise<Reply<Id>>;

/** One handler per operation of the spec. */
export type HandlerTable = { [Id in OperationId]: Handler<Id> };

/** The account of an authenticated call (every non-public operation has one). */
export function accountOf(call: { account: AccountRow | undefined; operationId: string }): AccountRow {
  if (!call.account) throw new Error(`${call.operationId} needs an account`);
  return call.account;
}
