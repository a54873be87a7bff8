// The contract between the HTTP pipeline and an operation's handler: the handler gets the
// authenticated account and the validated, coerced input, and returns a status and a body.
import type { SandboxContext } from '../context.js';
import type { AccountRow } from '../domain/rows.js';
import type { SpecCatalog } from '../spec.js';

export interface Call {
  ctx: SandboxContext;
  catalog: SpecCatalog;
  /** The account of the API key; undefined only for public operations. */
  account: AccountRow | undefined;
  params: { path: Record<string, any>; query: Record<string, any>; header: Record<string, any> };
  body: any;
  operationId: string;
  requestId: string;
}

export interface Reply {
  status: number;
  body: unknown;
}

export type Handler = (call: Call) => Reply | Promise<Reply>;

/** The account of an authenticated call (every non-public operation has one). */
export function accountOf(call: Call): AccountRow {
  if (!call.account) throw new Error(`${call.operationId} needs an account`);
  return call.account;
}
