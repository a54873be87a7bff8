// Credential scenarios for every secured operation, generated from its security requirement: no
// credential, a wrong key, a valid key in another scheme's place (401), and a valid key that lacks the
// required scope (403). Each request is otherwise valid (its recipe), so only the credential is wrong.

import type { ConformanceValidator } from '../../validators.js';
import { credentialHeader, schemeOf, securitySchemes } from '../credentials.js';
import { wrongKey } from '../fixtures.js';
import { recipeOf } from '../recipes.js';
import type { Scenario } from '../scenario.js';
import type { CallOptions } from '../session.js';
import { validRequest } from '../shared-probes.js';
import { documentedCodes, operationIds, statusesOf } from './common.js';

export function authScenarios(validator: ConformanceValidator): Scenario[] {
  const schemes = securitySchemes(validator);
  const scenarios: Scenario[] = [];
  for (const operation of operationIds(validator)) {
    const use = schemeOf(validator, operation);
    if (!use) continue;
    const statuses = statusesOf(validator, operation);
    const header = credentialHeader(use.scheme);
    const recipe = recipeOf(operation);
    const unauthorized = (
      what: string,
      title: string,
      credential: (key: string) => Pick<CallOptions, 'key' | 'headers'>,
    ): Scenario => ({
      id: `${operation} 401 ${what}`,
      operation,
      status: 401,
      kind: 'auth',
      title,
      async run(ctx) {
        const { f, options } = await validRequest(ctx, operation);
        const key = use.scheme.type === 'http' ? f.keys.bearer : f.keys.apiKey;
        const exchange = await f.call(operation, { ...options, ...credential(key) });
        ctx.expect(exchange, 401, documentedCodes(validator, operation, 401), {
          negative: true,
          pointer: `/header/${header}`,
        });
      },
    });
    if (statuses.includes(401)) {
      scenarios.push(unauthorized('no credentials', `send no ${header}`, () => ({ key: null })));
      scenarios.push(
        unauthorized('wrong key', `send a key of the right shape that was never issued`, (key) => ({
          key: wrongKey(key),
        })),
      );
      for (const other of schemes) {
        if (other === use.scheme || credentialHeader(other) === header) continue;
        const otherHeader = credentialHeader(other);
        scenarios.push(
          unauthorized(
            `key in ${otherHeader}`,
            `send a valid key in ${otherHeader} (another scheme) instead of ${header}`,
            (key) => ({
              key: null,
              headers: { [otherHeader]: other.type === 'http' ? `Bearer ${key}` : key },
            }),
          ),
        );
      }
    }
    if (statuses.includes(403)) {
      for (const scope of use.scopes) {
        scenarios.push({
          id: `${operation} 403 lacks ${scope}`,
          operation,
          status: 403,
          kind: 'auth',
          title: `send a valid key without the ${scope} scope`,
          sandboxOnly: `needs an API key without the ${scope} scope; only a sandbox can create one`,
          async run(ctx) {
            const f = await ctx.account(recipe.needs);
            const options = await recipe.build(f, ctx);
            const exchange = await f.call(operation, { ...options, key: f.keyLacking(scope) });
            ctx.expect(exchange, 403, documentedCodes(validator, operation, 403), {
              negative: true,
              pointer: `/header/${header}`,
            });
          },
        });
      }
    }
  }
  return scenarios;
}
