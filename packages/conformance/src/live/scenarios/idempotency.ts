// Idempotency scenarios for every operation that takes an Idempotency-Key (v2 POSTs): a repeat with
// the same key and body is replayed with `Idempotent-Replayed: true`; the same key with another
// request is 409 idempotency_key_reused; a repeat while the first is still running (the sandbox slows
// the handler) is 409 idempotency_request_in_progress.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConformanceValidator } from '../../validators.js';
import { recipeOf } from '../recipes.js';
import type { Scenario } from '../scenario.js';
import { errorCodeOf } from '../session.js';
import { operationIds, statusesOf, successStatusOf, takesIdempotencyKey } from './common.js';

/** How long the sandbox holds the first request, and when the repeat is sent. */
const HOLD_MS = 1500;
const REPEAT_AFTER_MS = 300;

export function idempotencyScenarios(validator: ConformanceValidator): Scenario[] {
  const scenarios: Scenario[] = [];
  for (const operation of operationIds(validator)) {
    if (!takesIdempotencyKey(validator, operation)) continue;
    const recipe = recipeOf(operation);
    const success = successStatusOf(validator, operation);
    scenarios.push({
      id: `${operation} ${success} replayed`,
      operation,
      status: success,
      kind: 'idempotency',
      title: 'repeat a request with the same Idempotency-Key and body: the first response is replayed and flagged',
      async run(ctx) {
        const f = await ctx.account(recipe.needs);
        const options = { ...(await recipe.build(f, ctx)), idempotencyKey: randomUUID() };
        ctx.setup(await f.call(operation, options), success);
        const replay = await f.call(operation, options);
        if (!ctx.expect(replay, success)) return;
        const flag = replay.response.headers.get('idempotent-replayed');
        if (flag !== 'true') {
          ctx.report({
            operation,
            status: replay.response.status,
            location: 'header',
            pointer: '/header/Idempotent-Replayed',
            code: 'replay_not_flagged',
            expected: '"true"',
            actual: flag === null ? '(missing)' : JSON.stringify(flag),
            message: `a replayed ${operation} must carry Idempotent-Replayed: true`,
          });
        }
      },
    });
    if (!statusesOf(validator, operation).includes(409)) continue;
    if (recipe.variant) {
      const variant = recipe.variant;
      scenarios.push({
        id: `${operation} 409 idempotency_key_reused`,
        operation,
        status: 409,
        code: 'idempotency_key_reused',
        kind: 'idempotency',
        title: 'reuse an Idempotency-Key for a different request',
        async run(ctx) {
          const f = await ctx.account(recipe.needs);
          const key = randomUUID();
          // Both requests are built before either is sent: the first may change what the second would find.
          const first = await recipe.build(f, ctx);
          const second = await variant(f, ctx);
          ctx.setup(await f.call(operation, { ...first, idempotencyKey: key }), success);
          ctx.expect(await f.call(operation, { ...second, idempotencyKey: key }), 409, 'idempotency_key_reused');
        },
      });
    }
    scenarios.push({
      id: `${operation} 409 idempotency_request_in_progress`,
      operation,
      status: 409,
      code: 'idempotency_request_in_progress',
      kind: 'idempotency',
      title: 'repeat a request with the same Idempotency-Key while the first is still running',
      sandboxOnly: 'needs the first request held on the server; only a sandbox can slow a handler',
      concurrentGroup: 'idempotency-in-progress',
      async run(ctx) {
        const f = await ctx.account(recipe.needs);
        const options = { ...(await recipe.build(f, ctx)), idempotencyKey: randomUUID() };
        await ctx.control!.setLatency(f.keys.bearer, operation, HOLD_MS);
        try {
          const first = f.call(operation, options);
          await sleep(REPEAT_AFTER_MS);
          const second = await f.call(operation, options);
          const both = [await first, second];
          // Whichever reached the server second must be the 409; the other one succeeds.
          const conflict = both.find(
            (e) => e.response.status === 409 && errorCodeOf(e.response.body) === 'idempotency_request_in_progress',
          );
          ctx.expect(conflict ?? second, 409, 'idempotency_request_in_progress');
          const other = both.find((e) => e !== conflict);
          if (conflict && other) ctx.expect(other, success);
        } finally {
          await ctx.control!.setLatency(f.keys.bearer, operation, 0);
        }
      },
    });
  }
  return scenarios;
}
