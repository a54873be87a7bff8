// Array keywords (items, prefixItems, contains) and the remaining applicators (`not`,
// `propertyNames`, `patternProperties`): present on one side only is a tighter or looser schema,
// present on both is a comparison of the sub-schemas.

import type { DiffCtx } from './context.js';
import { constraint } from './keywords.js';
import type { Loc } from './shape.js';

function presence(ctx: DiffCtx, b: Loc[], h: Loc[], name: string, looserWhenAdded = false): void {
  if (b.length && h.length) ctx.sub(b, h);
  else if (h.length) constraint(ctx, looserWhenAdded ? 'looser' : 'tighter', h[0]!.ptr, `${name} added`);
  else if (b.length) constraint(ctx, looserWhenAdded ? 'tighter' : 'looser', ctx.h.ptr, `${name} removed`);
}

export function compareApplicators(ctx: DiffCtx): void {
  const { b, h } = ctx;
  presence(ctx, b.items, h.items, 'items schema');
  const n = Math.max(b.prefixItems.length, h.prefixItems.length);
  for (let i = 0; i < n; i++) presence(ctx, b.prefixItems[i] ?? [], h.prefixItems[i] ?? [], `prefixItems[${i}]`);
  presence(ctx, b.contains, h.contains, 'contains');
  presence(ctx, b.propertyNames, h.propertyNames, 'propertyNames');
  for (const [re, hl] of h.patternProperties)
    presence(ctx, b.patternProperties.get(re) ?? [], hl, `patternProperties /${re}/`);
  for (const [re, bl] of b.patternProperties)
    if (!h.patternProperties.has(re)) presence(ctx, bl, [], `patternProperties /${re}/`);
  const bNot = new Set(b.not.map((k) => k.value));
  const hNot = new Set(h.not.map((k) => k.value));
  for (const k of h.not) if (!bNot.has(k.value)) constraint(ctx, 'tighter', k.ptr, '`not` added');
  for (const k of b.not) if (!hNot.has(k.value)) constraint(ctx, 'looser', h.ptr, '`not` removed');
}
