// Resetting one account: every row of it is deleted and it is made again from the recipe it was
// created with (`POST /sandbox/accounts`), with the same account id and API keys, on a clock back at
// the default. The recipe is a row of the meta table (`account_recipe:<accountId>`), so a restart
// or another process on the same database can reset it too. Demo accounts have no recipe: the demo
// is restored as a whole (the admin reset).
import { saveAccountOffset } from './account-clock.js';
import { type AccountSpec, type CreatedAccount, createAccount } from './accounts.js';
import type { Ctx } from './context.js';

interface Recipe {
  spec: AccountSpec;
  keys: Record<string, string>;
}

const recipeKey = (accountId: string) => `account_recipe:${accountId}`;

/** Creates an account and remembers how, so `resetAccount` can make it again. */
export async function createResettableAccount(ctx: Ctx, spec: AccountSpec): Promise<CreatedAccount> {
  const created = await createAccount(ctx, spec);
  const recipe: Recipe = { spec, keys: created.keys };
  await ctx.tx.meta.set(recipeKey(created.accountId), JSON.stringify(recipe));
  return created;
}

/** Makes the account again from its recipe; undefined when it has none (a demo account). */
export async function resetAccount(ctx: Ctx, accountId: string): Promise<CreatedAccount | undefined> {
  const stored = await ctx.tx.meta.get(recipeKey(accountId));
  if (stored === undefined) return undefined;
  const recipe = JSON.parse(stored) as Recipe;
  await ctx.tx.accounts.remove(accountId);
  await saveAccountOffset(ctx.tx, accountId, 0);
  return createAccount(ctx, recipe.spec, { accountId, keys: recipe.keys });
}
