import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  barAt,
  barIndexAt,
  continuationStart,
  barNumberAt,
  barsOf,
  fourFourFrom,
  MAX_BARS,
  nextBarLine,
  wholeBars,
} from './meter';

const ppq = 480;
const bar44 = ppq * 4;
const withTwoFour = {
  ppq,
  timeSignatures: [
    { tick: 0, numerator: 4, denominator: 4 },
    { tick: 2 * bar44, numerator: 2, denominator: 4 },
    { tick: 2 * bar44 + ppq * 2, numerator: 4, denominator: 4 },
  ],
};

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
    const bars = barsOf(
      {
        ppq,
        timeSignatures: [
          { tick: 0, numerator: 4, denominator: 4 },
          { tick: 100, numerator: 3, denominator: 4 },
        ],
      },
      2000,
    );
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
  it('starts a continuation at the bar line after the last note, or after a later tick it is given', () => {
    const score = {
      ...withTwoFour,
      tempos: [],
      tracks: [
        { name: 'x', program: 0, isDrum: false, notes: [{ pitch: 60, start: 3 * bar44, duration: 100, velocity: 80 }] },
      ],
    };
    expect(continuationStart(score)).toBe(3 * bar44 + 960);
    expect(continuationStart(score, 5 * bar44)).toBe(5 * bar44 + 960);
  });
  it('adds 4/4 only where the meter is something else', () => {
    expect(fourFourFrom(withTwoFour, 4 * bar44)).toHaveLength(3);
    const waltz = { ppq, timeSignatures: [{ tick: 0, numerator: 3, denominator: 4 }] };
    expect(fourFourFrom(waltz, 1440 * 4)).toEqual([
      { tick: 0, numerator: 3, denominator: 4 },
      { tick: 5760, numerator: 4, denominator: 4 },
    ]);
  });
});

describe('barAt / barNumberAt / nextBarLine / wholeBars, arithmetic on the meter map', () => {
  const meters = fc.array(
    fc.record({
      tick: fc.integer({ min: 0, max: 40_000 }),
      numerator: fc.integer({ min: 1, max: 13 }),
      denominator: fc.constantFrom(2, 4, 8, 16),
    }),
    { maxLength: 6 },
  );
  it('agree with the bars barsOf lists, cut bars and all', () => {
    fc.assert(
      fc.property(meters, fc.integer({ min: 96, max: 960 }), (timeSignatures, ppq) => {
        const score = { ppq, timeSignatures };
        const bars = barsOf(score, 60_000);
        bars.forEach((b, i) => {
          expect(barAt(score, i)).toEqual(b);
          expect(barNumberAt(score, b.start)).toBe(i);
          expect(barNumberAt(score, b.end - 1)).toBe(i);
          expect(nextBarLine(score, b.start)).toBe(b.start);
          expect(nextBarLine(score, b.start + 1)).toBe(b.end);
          expect(wholeBars(score, b.start, b.end)).toEqual([b.start, b.end]);
          if (b.end - b.start > 2) expect(wholeBars(score, b.start + 1, b.end - 1)).toEqual([b.start, b.end]);
        });
      }),
      { numRuns: 200 },
    );
  });
  it('reach a bar far past MAX_BARS without walking to it', () => {
    expect(barAt(withTwoFour, 1_000_000)).toEqual({
      start: 1_000_000 * bar44 - 960,
      end: 1_000_001 * bar44 - 960,
      numerator: 4,
      denominator: 4,
    });
    expect(barNumberAt(withTwoFour, 1_000_000 * bar44 - 960)).toBe(1_000_000);
    expect(wholeBars(withTwoFour, 2 * bar44 + 10, 4 * bar44)).toEqual([2 * bar44, 4 * bar44 + 960]);
  });
});
