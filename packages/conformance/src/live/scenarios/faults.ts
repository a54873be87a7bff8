// 500 scenarios: every operation's documented 500, provoked with the sandbox's fault hook (its
// handler throws) on an otherwise valid request. A server fault cannot be provoked from outside, so
// against other servers the 500 column is reported as not reachable.
import type { ConformanceValidator } from '../../validators.js';
import { recipeOf } from '../recipes.js';
import type { Scenario } from '../scenario.js';
import { documentedCodes, operationIds, statusesOf } from './common.js';

export function faultScenarios(validator: ConformanceValidator): Scenario[] {
  return operationIds(validator)
    .filter((operation) => statusesOf(validator, operation).includes(500))
    .map((operation) => {
      const recipe = recipeOf(operation);
      return {
        id: `${operation} 500 server fault`,
        operation,
        status: 500,
        kind: 'fault',
        title: 'a valid request while the handler fails',
        sandboxOnly: 'a server fault cannot be provoked from outside; only a sandbox can make a handler fail',
        async run(ctx) {
          const f = await ctx.account(recipe.needs);
          const options = await recipe.build(f, ctx); // before the fault: building may call this operation
          await ctx.control!.setFault(f.keys.bearer, operation, true);
          try {
            ctx.expect(await f.call(operation, options), 500, documentedCodes(validator, operation, 500));
          } finally {
            await ctx.control!.setFault(f.keys.bearer, operation, false);
          }
        },
      } satisfies Scenario;
    });
}
