// A child pointer of a plain pointer we built ourselves. The model's `appendPointer` re-parses its
// input (it accepts `#` forms too); on Stripe-sized documents the schema walk builds millions of
// pointers, so the hot path appends escaped tokens to an already-plain pointer instead.

import { escapeToken } from '@billing-api/openapi-model';

export function child(ptr: string, ...tokens: Array<string | number>): string {
  let out = ptr;
  for (const t of tokens) out += `/${typeof t === 'number' ? t : escapeToken(t)}`;
  return out;
}
