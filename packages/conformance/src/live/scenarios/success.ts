// Success scenarios: each operation's documented 2xx, from its recipe (a valid request on an account
// that has what the request needs).
import type { ConformanceValidator } from '../../validators.js';
import { RECIPES } from '../recipes.js';
import type { Scenario } from '../scenario.js';
import { successStatusOf } from './common.js';

export function successScenarios(validator: ConformanceValidator): Scenario[] {
  return RECIPES.filter((r) => validator.spec.getOperation(r.operation)).map((recipe) => {
    const status = successStatusOf(validator, recipe.operation);
    return {
      id: `${recipe.operation} ${status} success`,
      operation: recipe.operation,
      status,
      kind: 'success',
      title: 'a valid request on an account that has what it needs',
      async run(ctx) {
        const f = await ctx.account(recipe.needs);
        ctx.expect(await f.call(recipe.operation, await recipe.build(f, ctx)), status);
      },
    } satisfies Scenario;
  });
}
