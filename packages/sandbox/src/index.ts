// @billing-api/sandbox: a stateful reference server for the Billing API. Start one in-process with
// `startSandbox({ port: 0 })`, or run the `billing-sandbox` CLI.
export { startSandbox, type SandboxOptions, type RunningSandbox, type SandboxKey } from './sandbox.js';
export { parseRateLimit, type RateLimit } from './rate-limit.js';
export type { AccountSpec, InvoiceSpec, CreatedAccount } from './domain/accounts.js';
export { SandboxClock } from './clock.js';
