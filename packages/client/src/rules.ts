/**
 * How an operation's policy rule is found: shared by the client (src/policy.ts) and the generator
 * (scripts/render.ts), which checks that the rules it derives give every operation of the spec exactly
 * the policy the spec says. Kept apart so the generator can use it before generated/ exists.
 */

/** `[METHOD, pattern, scheme, idempotent]`: a pattern ending in `/` matches that path and every path below it. */
export type Rule = readonly [method: string, pattern: string, scheme: number, idempotent: 0 | 1];

/** The first rule that matches `METHOD path` (rules are ordered most specific first). */
export function matchRule(rules: readonly Rule[], method: string, path: string): Rule | undefined {
  const below = `${path}/`;
  for (const rule of rules)
    if (rule[0] === method && (rule[1].endsWith('/') ? below.startsWith(rule[1]) : path === rule[1])) return rule;
  return undefined;
}
