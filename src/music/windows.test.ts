import { describe, expect, it } from 'vitest';
import type { GridPiece } from './grid';
import { mulberry32 } from './rng';
import { shuffleTracks, slice, transpose, transposeRange, windows } from './windows';

const n = (pitch: number, start: number, duration = 4) => ({ pitch, start, duration, velocity: 80 });
const piece: GridPiece = {
  bars: 6,
  tracks: [
    { inst: 'SOPRANO', notes: [n(72, 0), n(74, 16), n(76, 80)] },
    { inst: 'DRUMS', notes: [n(36, 0), n(38, 20)] },
  ],
};

describe('windows', () => {
  it('cuts N-bar windows every hop bars, shifted to bar 0', () => {
    const w = windows(piece, 4, 2);
    expect(w.map((x) => x.bars)).toEqual([4, 4]);
    expect(w[1].tracks[0].notes.map((x) => x.start)).toEqual([48]);
  });
  it('drops tracks that are silent in a window and windows with no notes', () => {
    expect(slice(piece, 2, 2).tracks).toEqual([]);
    expect(windows({ bars: 8, tracks: [{ inst: '0', notes: [n(60, 0)] }] }, 4, 4)).toHaveLength(1);
  });
  it('pads a piece shorter than a window', () => {
    expect(windows({ bars: 2, tracks: [{ inst: '0', notes: [n(60, 0)] }] }, 4)).toEqual([
      { bars: 4, tracks: [{ inst: '0', notes: [n(60, 0)] }] },
    ]);
  });
  it('stays inside runs of consecutive file bars: no window spans a skipped bar', () => {
    // Grid bars 0-2 are file bars 0-2, grid bars 3-7 are file bars 4-8 (file bar 3 was 2/4).
    const runs: GridPiece = {
      bars: 8,
      tracks: [{ inst: '0', notes: Array.from({ length: 8 }, (_, b) => n(60 + b, b * 16)) }],
      source: { ppq: 4, barStarts: [0, 16, 32, 56, 72, 88, 104, 120], fileBars: [0, 1, 2, 4, 5, 6, 7, 8], tracks: [0] },
    };
    const w = windows(runs, 4, 1);
    expect(w.map((x) => x.tracks[0].notes.map((y) => y.pitch))).toEqual([
      [60, 61, 62],
      [63, 64, 65, 66],
      [64, 65, 66, 67],
    ]);
    expect(w.every((x) => x.bars === 4)).toBe(true);
  });
  it('gives no window for a long empty stretch', () => {
    const sparse: GridPiece = { bars: 2000, tracks: [{ inst: '0', notes: [n(60, 0), n(62, 1999 * 16)] }] };
    expect(windows(sparse, 4, 1).map((x) => x.tracks[0].notes.map((y) => y.start))).toEqual([[0], [48]]);
  });
  it('rejects nonsense sizes', () => {
    expect(() => windows(piece, 0)).toThrow(RangeError);
  });
});

describe('augmentation', () => {
  it('transposes pitched tracks and never drums', () => {
    const t = transpose(piece, 3);
    expect(t.tracks[0].notes.map((x) => x.pitch)).toEqual([75, 77, 79]);
    expect(t.tracks[1].notes.map((x) => x.pitch)).toEqual([36, 38]);
  });
  it('never leaves 0..127', () => {
    const high: GridPiece = { bars: 1, tracks: [{ inst: '0', notes: [n(125, 0), n(3, 4)] }] };
    expect(transposeRange(high)).toEqual([-3, 2]);
    expect(() => transpose(high, 3)).toThrow(RangeError);
    expect(() => transpose(high, -4)).toThrow(RangeError);
  });
  it('shuffles track order deterministically for a seed, keeping every track', () => {
    const four: GridPiece = { bars: 1, tracks: ['S', 'A', 'T', 'B'].map((inst) => ({ inst, notes: [] })) };
    const a = shuffleTracks(four, mulberry32(7)).tracks.map((t) => t.inst);
    const b = shuffleTracks(four, mulberry32(7)).tracks.map((t) => t.inst);
    expect(a).toEqual(b);
    expect([...a].sort()).toEqual(['A', 'B', 'S', 'T']);
    const orders = new Set(
      Array.from({ length: 50 }, (_, s) =>
        shuffleTracks(four, mulberry32(s))
          .tracks.map((t) => t.inst)
          .join(),
      ),
    );
    expect(orders.size).toBeGreaterThan(5);
  });
});
