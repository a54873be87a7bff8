// The `x-decimal-places` keyword of our spec (spec/README.md "Extensions"): a number with at most N
// decimals. JSON Schema's `multipleOf: 0.01` cannot say this for binary floats (0.07 fails it), so the
// count is taken from the number's shortest decimal string form, never by float division.

/** Decimals of a finite number as JavaScript prints it (`0.07` -> 2, `1e-7` -> 7, `120` -> 0). */
export function countDecimals(value: number): number {
  if (!Number.isFinite(value)) return Infinity;
  const text = String(Math.abs(value));
  const [mantissa = '', exponentText] = text.split('e');
  const fraction = mantissa.split('.')[1] ?? '';
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  return Math.max(0, fraction.length - exponent);
}

/** Ajv keyword definition (compiled once per schema that uses it). */
export const decimalPlacesKeyword = {
  keyword: 'x-decimal-places',
  type: 'number' as const,
  schemaType: 'number' as const,
  errors: false as const,
  compile: (places: number) => (data: number) => countDecimals(data) <= places,
};
