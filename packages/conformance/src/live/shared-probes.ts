// The valid request of an operation that the probes starting from it share: negative inputs,
// credentials, unknown ids, oversized bodies and the rate-limit probe each change one thing of the
// same request. Against a black-box server it is built once per run from the key's data (the lists
// it reads, the payment link it creates for v1's public pages) and reused by every probe of the
// operation, so the server's rate limit is spent on the probes, not on building the same request
// again; it stays valid for them because the probes change nothing on a conforming server. On a
// sandbox each caller gets a fresh account, as every scenario there works in an account of its own.
import { SetupFailed, Unreachable } from './errors.js';
import type { Fixture } from './fixtures.js';
import { recipeOf } from './recipes.js';
import type { ScenarioContext } from './scenario.js';
import type { CallOptions } from './session.js';

export interface ValidRequest {
  /** The account it was built in (calls go through `f.in(scope)` to file them under the caller). */
  f: Fixture;
  options: CallOptions;
}

async function build(ctx: ScenarioContext, operation: string): Promise<ValidRequest> {
  const recipe = recipeOf(operation);
  const f = await ctx.account(recipe.needs);
  return { f, options: await recipe.build(f, ctx) };
}

/** The operation's valid request in the caller's scope: shared by the run's probes on a black-box server. */
export async function validRequest(ctx: ScenarioContext, operation: string): Promise<ValidRequest> {
  if (ctx.control) return build(ctx, operation);
  let first = false;
  const shared = ctx.once(`valid request ${operation}`, () => {
    first = true;
    return build(ctx, operation);
  });
  try {
    const { f, options } = await shared;
    return { f: f.in(ctx.scope), options };
  } catch (error) {
    // The scenario that built it carries the setup step's finding; the others cannot run without it.
    if (error instanceof SetupFailed && !first)
      throw new Unreachable(`the valid ${operation} request could not be built (${error.message})`);
    throw error;
  }
}
