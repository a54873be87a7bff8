// @billing-api/sandbox: a stateful reference server for the Billing API. Start one in-process with
// `startSandbox({ port: 0 })`, or run the `billing-sandbox` CLI.

export { SandboxClock } from './clock.js';
export { UnservableDatabaseError } from './db/database.js';
export type { AccountSpec, CreatedAccount, InvoiceSpec } from './domain/accounts.js';
export { parseRateLimit, type RateLimit } from './rate-limit.js';
export { type RunningSandbox, type SandboxKey, type SandboxOptions, startSandbox } from './sandbox.js';
