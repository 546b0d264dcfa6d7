import { describe, expect, it } from 'vitest';
import { expectedOnsets, gridOnsets, onsetRecall, roundTripRecall } from './onsetRecall';
import { scoreToGrid } from './quantize';
import type { Score } from './score';

/** A note on every beat from tick 0 to `end` at PPQ 480, a little off the grid. */
function score(timeSignatures: Score['timeSignatures'], end: number): Score {
  const notes = Array.from({ length: end / 480 }, (_, i) => ({
    pitch: 60 + (i % 12),
    start: i * 480 + (i % 3) * 7,
    duration: 400,
    velocity: 80,
  }));
  return { ppq: 480, tempos: [], timeSignatures, tracks: [{ name: 'x', program: 0, isDrum: false, notes }] };
}

describe('onset recall', () => {
  it('counts only whole 4/4 bars, as the encoding does: not the 3/4 bars, nor a 4/4 bar cut short by a meter change', () => {
    // 4/4 bar 0, then 4/4 again that is cut at 2880 by a 3/4 (bar 1 lasts 960 ticks), one 3/4 bar, then 4/4.
    const s = score(
      [
        { tick: 0, numerator: 4, denominator: 4 },
        { tick: 2880, numerator: 3, denominator: 4 },
        { tick: 4320, numerator: 4, denominator: 4 },
      ],
      4320 + 3840,
    );
    const want = expectedOnsets(s);
    expect(want[0].size).toBe(4 + 8); // bar 0 and the two 4/4 bars after the 3/4 bar
    expect(onsetRecall(want, gridOnsets(scoreToGrid(s)))).toEqual({ expected: 12, found: 12 });
    expect(roundTripRecall(s, scoreToGrid(s))).toEqual({ expected: 12, found: 12 });
  });

  it('finds nothing in a track the decoded piece lacks', () => {
    expect(onsetRecall([new Set([1, 2]), new Set([3])], [new Set([1])])).toEqual({ expected: 3, found: 1 });
  });
});
