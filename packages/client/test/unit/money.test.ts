// Money helpers: exact integer minor units from v1 decimal strings and v2 numbers, and back.
import { describe, expect, it } from 'vitest';
import { formatMinor, fromMinorUnits, parseDecimalToMinor, toMinorUnits } from '../../src/index.js';

describe('parseDecimalToMinor', () => {
  it.each([
    ['130.00', 13000],
    ['0.07', 7],
    ['-0.05', -5],
    ['1750.5', 175050],
    ['7', 700],
    ['0.00', 0],
    ['-0.00', 0],
    ['999999999.99', 99999999999],
    ['0.10', 10],
    ['0.20', 20],
  ])('%s -> %i', (input, minor) => {
    expect(parseDecimalToMinor(input)).toBe(minor);
    expect(Object.is(parseDecimalToMinor(input), -0)).toBe(false);
  });

  it('adds exactly where floats do not (0.10 + 0.20)', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(parseDecimalToMinor('0.10') + parseDecimalToMinor('0.20')).toBe(parseDecimalToMinor('0.30'));
  });

  it.each([
    '',
    ' 1.00',
    '1.00 ',
    '1.005',
    '1.',
    '.5',
    '+1.00',
    '1e3',
    '1,00',
    'NaN',
    '--1.00',
    '12a.00',
    '99999999999999999.00',
  ])('rejects %j with a clear message', (input) => {
    expect(() => parseDecimalToMinor(input)).toThrow(RangeError);
    expect(() => parseDecimalToMinor(input)).toThrow(/^parseDecimalToMinor: /);
  });

  it('rejects a non-string', () => {
    expect(() => parseDecimalToMinor(130 as unknown as string)).toThrow(
      'parseDecimalToMinor: 130 is not a decimal amount like "130.00"',
    );
  });
});

describe('toMinorUnits', () => {
  it.each([
    [98.75, 9875],
    [1500, 150000],
    [0.07, 7],
    [-130.1, -13010],
    [0.29, 29],
    [1.15, 115],
    [4.35, 435],
    [0, 0],
  ])('%d -> %i', (amount, minor) => {
    expect(toMinorUnits(amount)).toBe(minor);
  });

  it.each([1.005, 0.1 + 0.2, Number.NaN, Number.POSITIVE_INFINITY, 1e300])(
    'rejects %d (more than two decimals or not a finite amount)',
    (amount) => {
      expect(() => toMinorUnits(amount)).toThrow(RangeError);
    },
  );
});

describe('formatMinor and fromMinorUnits', () => {
  it.each([
    [13000, '130.00'],
    [7, '0.07'],
    [-5, '-0.05'],
    [0, '0.00'],
    [-13010, '-130.10'],
    [99999999999, '999999999.99'],
  ])('%i -> %s', (minor, text) => {
    expect(formatMinor(minor)).toBe(text);
    expect(parseDecimalToMinor(text)).toBe(minor);
  });

  it('fromMinorUnits gives the v2 number', () => {
    expect(fromMinorUnits(9875)).toBe(98.75);
    expect(toMinorUnits(fromMinorUnits(-13010))).toBe(-13010);
  });

  it('rejects fractions of a minor unit', () => {
    expect(() => formatMinor(1.5)).toThrow('formatMinor: 1.5 is not a whole number of minor units');
    expect(() => fromMinorUnits(Number.NaN)).toThrow(RangeError);
  });
});
