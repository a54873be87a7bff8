// Minor-unit conversions at the edges of the API (v2 numbers, v1 decimal strings, Swedish print).
import { describe, expect, it } from 'vitest';
import {
  decimalToMinor,
  majorToMinor,
  minorToDecimal,
  minorToMajor,
  minorToSwedish,
  taxOf,
} from '../src/domain/money.js';

describe('money', () => {
  it('converts without float drift', () => {
    expect([0.07, 0.1, 0.3, 1620, 98.75, 100000, 0.01].map(majorToMinor)).toEqual([
      7, 10, 30, 162000, 9875, 10000000, 1,
    ]);
    expect([7, 30, 162000, -37500].map(minorToMajor)).toEqual([0.07, 0.3, 1620, -375]);
    expect(['130.00', '130.5', '-2', '0.07', '12,00', '1.234', ''].map(decimalToMinor)).toEqual([
      13000,
      13050,
      -200,
      7,
      undefined,
      undefined,
      undefined,
    ]);
    expect([13000, -13000, 7, 0].map(minorToDecimal)).toEqual(['130.00', '-130.00', '0.07', '0.00']);
    expect([175000, -30000, 5].map(minorToSwedish)).toEqual(['1 750,00', '-300,00', '0,05']);
  });

  it('rounds tax half away from zero', () => {
    expect([taxOf(10000, 2500), taxOf(2, 2500), taxOf(-2, 2500), taxOf(19900, 1200)]).toEqual([2500, 1, -1, 2388]);
  });
});
