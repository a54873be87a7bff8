// Money inside the sandbox is integer minor units (öre for SEK). These are the only conversions to
// and from the wire: v2 numbers in major units (at most two decimals), v1 decimal strings ("130.00").
// Parsing goes through the decimal text, never through float multiplication.

const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** "130.00" / "130.5" / "-2" -> minor units; undefined when it is not such a decimal. */
export function decimalToMinor(text: string): number | undefined {
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const minor = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -minor : minor;
}

/** A v2 amount (already validated to at most two decimals) -> minor units. */
export function majorToMinor(value: number): number {
  const text = Math.abs(value) < 1e-6 ? '0' : value.toFixed(2);
  const minor = decimalToMinor(text);
  if (minor === undefined) throw new RangeError(`not a money amount: ${value}`);
  return minor;
}

/** Minor units -> a v2 JSON number in major units (exact for any integer below 2^53 / 100). */
export function minorToMajor(minor: number): number {
  return minor / 100;
}

/** Minor units -> a v1 decimal string with exactly two decimals. */
export function minorToDecimal(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Minor units -> whole major units, rounded half away from zero (the v1 payment link's integer total). */
export function wholeUnits(minor: number): number {
  const rounded = Math.floor((Math.abs(minor) + 50) / 100);
  return minor < 0 ? -rounded : rounded;
}

/** Minor units -> Swedish print form: "1 750,00". */
export function minorToSwedish(minor: number): string {
  const [whole, cents] = minorToDecimal(minor).split('.') as [string, string];
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${digits},${cents}`;
}

/** Tax of a line: amount x rate (basis points, 2500 = 25 %), rounded half away from zero. */
export function taxOf(amountMinor: number, rateBasisPoints: number): number {
  const exact = (Math.abs(amountMinor) * rateBasisPoints) / 10000;
  const rounded = Math.floor(exact + 0.5);
  return amountMinor < 0 ? -rounded : rounded;
}
