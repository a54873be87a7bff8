// 429 scenarios: every operation's documented 429. The key's (or, for public operations, the
// client's) budget is spent with a cheap read of the same scheme until the server answers 429, then
// the operation itself is sent. Run last: spending a budget slows everything after it. When the run
// has already had a conforming 429 from the operation (a rate-limited server answers them on its own
// while the other scenarios run), that answer is the proof and nothing more is spent.
import type { ConformanceValidator } from '../../validators.js';
import { keyFor, schemeOf } from '../credentials.js';
import { Unreachable } from '../errors.js';
import { unknownIdFor } from '../patterns.js';
import type { Scenario } from '../scenario.js';
import { type CallOptions, errorCodeOf } from '../session.js';
import { validRequest } from '../shared-probes.js';
import { documentedCodes, operationIds, parametersOf, resolveSchema, statusesOf } from './common.js';

/** Most requests spent on one budget before giving up. */
export const MAX_BURST = 400;

/** A cheap request in the same rate-limit budget as `operation`: a GET of the same scheme without path ids. */
function budgetSpender(
  validator: ConformanceValidator,
  operation: string,
): { operation: string; options: () => CallOptions } {
  const use = schemeOf(validator, operation);
  for (const info of validator.spec.operations) {
    if (info.method !== 'GET') continue;
    const other = schemeOf(validator, info.operationId);
    const sameBudget = use ? other?.scheme === use.scheme : !other;
    if (!sameBudget) continue;
    const pathParameters = parametersOf(validator, info.operationId).filter((p) => p.in === 'path');
    if (use && pathParameters.length > 0) continue;
    // A public GET takes its id in the path: a never-issued one costs the server nothing.
    return {
      operation: info.operationId,
      options: () => ({
        pathParams: Object.fromEntries(
          pathParameters.map((p) => [p.name, unknownIdFor(resolveSchema(validator, p.schema))]),
        ),
      }),
    };
  }
  throw new Error(`no GET operation shares the rate-limit budget of ${operation}`);
}

export function rateLimitScenarios(validator: ConformanceValidator): Scenario[] {
  return operationIds(validator)
    .filter((operation) => statusesOf(validator, operation).includes(429))
    .map((operation) => {
      const spender = budgetSpender(validator, operation);
      const spenderKey = schemeOf(validator, spender.operation)?.scheme;
      const method = validator.spec.getOperation(operation)!.method;
      const unknownIds = () =>
        Object.fromEntries(
          parametersOf(validator, operation)
            .filter((p) => p.in === 'path')
            .map((p) => [p.name, unknownIdFor(resolveSchema(validator, p.schema))]),
        );
      return {
        id: `${operation} 429 rate limited`,
        operation,
        status: 429,
        kind: 'rate-limit',
        title: `spend the budget with ${spender.operation}, then send a valid request`,
        async run(ctx) {
          const earlier = ctx.scope.session.exchanges.find(
            (e) => e.operation === operation && e.response.status === 429 && e.findings.length === 0,
          );
          if (
            earlier &&
            documentedCodes(validator, operation, 429).includes(String(errorCodeOf(earlier.response.body)))
          )
            return;
          // Built early in the run on a black-box server (the probes before share it), so it still
          // names real data now; the server answers 429 before it looks at the data anyway. When the
          // key's data never allowed one, a never-issued id stands in: only a 429 then counts.
          let stand: string | undefined;
          const { f, options } = await validRequest(ctx, operation).catch(async (error: unknown) => {
            if (ctx.control || !(error instanceof Unreachable)) throw error;
            stand = error.message;
            return { f: await ctx.account(), options: { pathParams: unknownIds() } };
          });
          // The budget spent is the one the operation draws on: its key (a write's, even where GETs
          // have a read key of their own), or the client's for public operations.
          const key = spenderKey ? keyFor(spenderKey, f.keys, method) : undefined;
          // One budget per key (per client for public operations): once it could not be spent, it cannot.
          const budget = `rate budget ${spender.operation} ${key ?? 'client'}`;
          const known = ctx.notes.get(budget);
          if (known) throw new Unreachable(known);
          for (let round = 0; round < 3; round++) {
            let spent = 0;
            for (; spent < MAX_BURST; spent++) {
              const exchange = await f.call(spender.operation, {
                ...spender.options(),
                ...(key === undefined ? {} : { key }),
                retryOnRateLimit: false,
              });
              if (exchange.response.status === 429) break;
            }
            if (spent === MAX_BURST) {
              const reason = `no 429 after ${MAX_BURST} requests; the rate limit is higher than the kit spends`;
              ctx.notes.set(budget, reason);
              throw new Unreachable(reason);
            }
            const probe = await f.call(operation, { ...options, retryOnRateLimit: false });
            // A token may have come back between the last spend and the probe: spend again. (Servers
            // check the budget before the request's own rules, so a repeat is still answered 429.)
            if (probe.response.status !== 429 && round < 2) continue;
            if (stand && probe.response.status !== 429)
              throw new Unreachable(
                `${stand}; with a never-issued id instead the server answered ${probe.response.status}`,
              );
            ctx.expect(probe, 429, documentedCodes(validator, operation, 429));
            return;
          }
        },
      } satisfies Scenario;
    });
}
