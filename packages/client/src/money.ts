/**
 * Money helpers, also published alone as `@billing-api/client/money`: this module imports nothing,
 * so that subpath is dependency-free. Amounts must be added and compared in integer minor units
 * (0.10 + 0.20 credit must apply exactly). v1 sends decimal strings ("130.00"): parsed digit by
 * digit, never through a float. v2 sends JSON numbers in major units with at most two decimals:
 * converted with Math.round(x * 100) after checking that x really has at most two decimals.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** `"130.00"` -> `13000`, `"-0.05"` -> `-5`, `"7"` -> `700`. Throws a RangeError on anything else. */
export function parseDecimalToMinor(value: string): number {
  const m = typeof value === 'string' ? DECIMAL.exec(value) : null;
  if (!m) throw new RangeError(`parseDecimalToMinor: ${JSON.stringify(value)} is not a decimal amount like "130.00"`);
  const minor = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(minor)) throw new RangeError(`parseDecimalToMinor: ${value} is too large to be exact`);
  return m[1] && minor ? -minor : minor;
}

/** `98.75` -> `9875`. Throws a RangeError when the number has more than two decimals or is not finite. */
export function toMinorUnits(amount: number): number {
  const minor = Math.round(amount * 100);
  if (!Number.isSafeInteger(minor) || minor / 100 !== amount) {
    throw new RangeError(`toMinorUnits: ${amount} is not an amount with at most two decimals`);
  }
  return minor;
}

/** `9875` -> `98.75`: a v2 request amount from minor units. */
export function fromMinorUnits(minor: number): number {
  assertInteger('fromMinorUnits', minor);
  return minor / 100;
}

/** `13000` -> `"130.00"`, `-5` -> `"-0.05"`: a v1 decimal string from minor units. */
export function formatMinor(minor: number): string {
  assertInteger('formatMinor', minor);
  const abs = String(Math.abs(minor)).padStart(3, '0');
  return `${minor < 0 ? '-' : ''}${abs.slice(0, -2)}.${abs.slice(-2)}`;
}

function assertInteger(name: string, minor: number): void {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`${name}: ${minor} is not a whole number of minor units`);
}
