import { describe, expect, it } from 'vitest';
import { barProgress } from './barProgress';

describe('barProgress', () => {
  it('counts a bar once every written track has closed it, not per track', () => {
    const closed = barProgress([0, 1, 2, 3]);
    // One window of 4 bars: the soprano's four bars first, then the alto's...
    expect([0, 0, 0, 0].map(closed)).toEqual([0, 0, 0, 0]);
    expect([1, 1, 1, 1, 2, 2, 2, 2].map(closed)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    expect([3, 3, 3, 3].map(closed)).toEqual([1, 2, 3, 4]);
    // ...then one new bar per track per sliding pass.
    expect([0, 1, 2, 3].map(closed)).toEqual([4, 4, 4, 5]);
  });

  it('ignores tracks that are only context', () => {
    const closed = barProgress([2]);
    expect([0, 2, 1, 2].map(closed)).toEqual([0, 1, 1, 2]);
  });
});
