import { describe, expect, it } from 'vitest';
import type { Note, Score } from '../../music/score';
import { runRange } from './runFit';

const BAR = 1920;
const n = (pitch: number, start: number): Note => ({ pitch, start, duration: 480, velocity: 80 });
const score = (notes: Note[], timeSignatures: Score['timeSignatures'] = []): Score => ({
  ppq: 480,
  tempos: [],
  timeSignatures,
  tracks: [{ name: 'S', program: 0, isDrum: false, notes }],
});
const empty = score([]);

describe('what the view fits for a run', () => {
  it('Compose: the bars asked for, then the bars written', () => {
    expect(runRange({ mode: 'compose', before: empty, bars: 16 }, null)).toMatchObject({ from: 0, to: 16 * BAR });
    expect(runRange({ mode: 'compose', before: empty, bars: 16 }, score([n(60, 0), n(72, 10 * BAR)]))).toEqual({
      from: 0,
      to: 11 * BAR,
      low: 60,
      high: 72,
    });
  });

  it('Continue: the last four bars of the original and the new bars after them', () => {
    const before = score(Array.from({ length: 10 }, (_, i) => n(60 + i, i * BAR)));
    expect(runRange({ mode: 'continue', before, bars: 4 }, null)).toMatchObject({
      from: 6 * BAR,
      to: 14 * BAR,
      low: 66,
      high: 69,
    });
    const after = score([...before.tracks[0].notes, n(50, 12 * BAR)]);
    expect(runRange({ mode: 'continue', before, bars: 4 }, after)).toEqual({
      from: 6 * BAR,
      to: 13 * BAR,
      low: 50,
      high: 69,
    });
    expect(runRange({ mode: 'variations', before, bars: 4 }, null)?.from).toBe(6 * BAR);
  });

  it('Continue after a 2/4 bar: bars are the file’s own', () => {
    const meter = [
      { tick: 0, numerator: 4, denominator: 4 },
      { tick: BAR, numerator: 2, denominator: 4 },
      { tick: BAR + 960, numerator: 4, denominator: 4 },
    ];
    const before = score([n(60, 0), n(62, BAR + 960)], meter);
    expect(runRange({ mode: 'continue', before, bars: 2 }, null)).toMatchObject({
      from: 0,
      to: 2 * BAR + 960 + 2 * BAR,
    });
  });

  it('keeps the view for Regenerate track or bar', () => {
    expect(runRange({ mode: 'regenerate-track', before: score([n(60, 0)]), bars: 4 }, null)).toBeNull();
  });
});
