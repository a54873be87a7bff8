// @billing-api/sandbox: a stateful reference server for the Billing API. Start one in-process with
// `startSandbox({ port: 0 })`, or run the `billing-sandbox` CLI.

export { parseRateLimit, type RateLimit } from './api/rate-limit.js';
export { UnservableDatabaseError } from './db/migrations.js';
export type { InvoiceSpec } from './domain/accounts.js';
export {
  type AccountSpec,
  type CreatedAccount,
  type RunningSandbox,
  type SandboxKey,
  type SandboxOptions,
  startSandbox,
} from './sandbox.js';
