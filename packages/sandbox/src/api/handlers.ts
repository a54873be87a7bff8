// The handler table: every operation of the spec, v2 and v1 (see contract.ts: the type requires
// exactly the spec's operationIds, so a missing or misspelt handler does not compile).
import type { HandlerTable } from './contract.js';
import { v1Handlers } from './v1/handlers.js';
import { v2Handlers } from './v2/handlers.js';

export const handlers: HandlerTable = { ...v2Handlers, ...v1Handlers };
