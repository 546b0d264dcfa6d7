import { describe, expect, it } from 'vitest';
import { barIndexAt, barsOf, fourFourFrom, MAX_BARS, nextBarLine } from './meter';

const ppq = 480;
const bar44 = ppq * 4;
const withTwoFour = { ppq, timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }, { tick: 2 * bar44, numerator: 2, denominator: 4 }, { tick: 2 * bar44 + ppq * 2, numerator: 4, denominator: 4 }] };

describe('barsOf', () => {
  it('is 4/4 throughout for an empty map, and always has one bar', () => {
    expect(barsOf({ ppq, timeSignatures: [] }, 0)).toEqual([{ start: 0, end: bar44, numerator: 4, denominator: 4 }]);
    expect(barsOf({ ppq, timeSignatures: [] }, 3 * bar44)).toHaveLength(3);
    expect(barsOf({ ppq, timeSignatures: [] }, 3 * bar44 + 1)).toHaveLength(4);
  });
  it('puts bar lines where a mid-song 2/4 bar says', () => {
    const bars = barsOf(withTwoFour, 5 * bar44);
    expect(bars.map((b) => b.start)).toEqual([0, bar44, 2 * bar44, 2 * bar44 + 960, 3 * bar44 + 960, 4 * bar44 + 960]);
    expect(bars[2]).toMatchObject({ numerator: 2, denominator: 4, end: 2 * bar44 + 960 });
  });
  it('starts a new bar at a meter change that falls inside a bar', () => {
    const bars = barsOf({ ppq, timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }, { tick: 100, numerator: 3, denominator: 4 }] }, 2000);
    expect(bars[0]).toEqual({ start: 0, end: 100, numerator: 4, denominator: 4 });
    expect(bars[1]).toEqual({ start: 100, end: 100 + 1440, numerator: 3, denominator: 4 });
  });
  it('stops at MAX_BARS however far the file goes', () => {
    expect(barsOf({ ppq, timeSignatures: [] }, 0x0ffffff0)).toHaveLength(MAX_BARS);
  });
});

describe('barIndexAt / nextBarLine / fourFourFrom', () => {
  it('finds bars and bar lines on a changing meter', () => {
    const bars = barsOf(withTwoFour, 5 * bar44);
    expect(barIndexAt(bars, 0)).toBe(0);
    expect(barIndexAt(bars, 2 * bar44 + 959)).toBe(2);
    expect(barIndexAt(bars, 2 * bar44 + 960)).toBe(3);
    expect(nextBarLine(withTwoFour, 2 * bar44 + 1)).toBe(2 * bar44 + 960);
    expect(nextBarLine(withTwoFour, 40 * bar44 + 1)).toBe(40 * bar44 + 960);
  });
  it('adds 4/4 only where the meter is something else', () => {
    expect(fourFourFrom(withTwoFour, 4 * bar44)).toHaveLength(3);
    const waltz = { ppq, timeSignatures: [{ tick: 0, numerator: 3, denominator: 4 }] };
    expect(fourFourFrom(waltz, 1440 * 4)).toEqual([{ tick: 0, numerator: 3, denominator: 4 }, { tick: 5760, numerator: 4, denominator: 4 }]);
  });
});
