// 404 scenarios for every operation whose path has an id: an id of the right shape that was never
// issued (made from the parameter's schema), and, for secured operations, a real id of another
// account (existence must not leak: 404, never 403).
import type { ConformanceValidator } from '../../validators.js';
import { schemeOf } from '../credentials.js';
import { unknownIdFor } from '../patterns.js';
import { recipeOf } from '../recipes.js';
import type { Scenario } from '../scenario.js';
import { validRequest } from '../shared-probes.js';
import { documentedCodes, operationIds, parametersOf, resolveSchema, statusesOf } from './common.js';

export function notFoundScenarios(validator: ConformanceValidator): Scenario[] {
  const scenarios: Scenario[] = [];
  for (const operation of operationIds(validator)) {
    if (!statusesOf(validator, operation).includes(404)) continue;
    const pathParameters = parametersOf(validator, operation).filter((p) => p.in === 'path');
    if (pathParameters.length === 0) continue;
    const recipe = recipeOf(operation);
    const codes = documentedCodes(validator, operation, 404);
    for (const parameter of pathParameters) {
      const schema = resolveSchema(validator, parameter.schema);
      scenarios.push({
        id: `${operation} 404 unknown ${parameter.name}`,
        operation,
        status: 404,
        kind: 'not-found',
        title: `a well-formed ${parameter.name} that was never issued`,
        async run(ctx) {
          const { f, options } = await validRequest(ctx, operation);
          const pathParams = { ...options.pathParams, [parameter.name]: unknownIdFor(schema) };
          ctx.expect(await f.call(operation, { ...options, pathParams }), 404, codes, {
            pointer: `/path/${parameter.name}`,
          });
        },
      });
    }
    if (!schemeOf(validator, operation)) continue; // public: the id itself is the credential
    scenarios.push({
      id: `${operation} 404 other account's id`,
      operation,
      status: 404,
      kind: 'not-found',
      title: "a real id of another account, with this account's key",
      sandboxOnly: 'needs a second account; only a sandbox can create one',
      async run(ctx) {
        const mine = await ctx.account(recipe.needs);
        const other = await ctx.account(recipe.needs);
        const options = await recipe.build(other, ctx);
        const key = schemeOf(validator, operation)!.scheme.type === 'http' ? mine.keys.bearer : mine.keys.apiKey;
        ctx.expect(await mine.call(operation, { ...options, key }), 404, codes, {
          pointer: `/path/${pathParameters[0]!.name}`,
        });
      },
    });
  }
  return scenarios;
}
