import { describe, expect, it } from 'vitest';
import {
  binOf,
  CONTROL_SCALE,
  controlEdges,
  controlUnits,
  headerEdges,
  meanDuration,
  polyphony,
  realisedBins,
} from './controls';
import { encodePiece } from './encode';
import type { GridNote, GridPiece } from './grid';
import { GrammarState } from './grammar';
import { vocabulary } from './vocab';

const note = (pitch: number, start: number, duration: number): GridNote => ({ pitch, start, duration, velocity: 80 });

describe('polyphony', () => {
  it('is 1 for a melody, however its notes are spaced, and 0 for no notes', () => {
    expect(polyphony([note(60, 0, 4), note(62, 8, 2), note(64, 12, 4)])).toBe(1);
    expect(polyphony([])).toBe(0);
  });
  it('counts notes sounding per step over the steps where any sounds', () => {
    // A triad held 4 steps, then one note 4 steps: 16 note-steps over 8 busy steps.
    expect(polyphony([note(60, 0, 4), note(64, 0, 4), note(67, 0, 4), note(72, 4, 4)])).toBe(2);
    // Two notes overlapping by one step: 4 + 4 note-steps over 7 busy steps; the silent gap after does not count.
    expect(polyphony([note(60, 0, 4), note(62, 3, 4), note(64, 30, 1)])).toBeCloseTo(9 / 8);
  });
});

describe('meanDuration', () => {
  it('is the mean note length in 16ths, 0 for no notes', () => {
    expect(meanDuration([note(60, 0, 1), note(62, 1, 2), note(64, 4, 9)])).toBe(4);
    expect(meanDuration([])).toBe(0);
  });
});

describe('bins', () => {
  it('binOf counts the edges at or below the value', () => {
    const edges = [1.25, 2, 3.5];
    expect([0, 1, 1.25, 1.9, 2, 3.49, 3.5, 100].map((v) => binOf(v, edges))).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });

  it('controlUnits bins exactly as the value itself, against edges on the 1/CONTROL_SCALE grid', () => {
    const edges = controlEdges([256, 300, 333, 400, 512, 700, 800], 4);
    for (let a = 1; a <= 400; a++)
      for (const b of [3, 7, 64, 65, 97]) {
        const v = a / b;
        expect(binOf(controlUnits(v) / CONTROL_SCALE, edges)).toBe(binOf(v, edges));
      }
  });

  it('controlEdges gives equal bins on spread data, strictly increasing on the 1/CONTROL_SCALE grid', () => {
    const units = Array.from({ length: 1000 }, (_, i) => 256 + i);
    const edges = controlEdges(units, 5);
    expect(edges).toHaveLength(4);
    const counts = [0, 0, 0, 0, 0];
    for (const u of units) counts[binOf(u / CONTROL_SCALE, edges)]++;
    expect(counts).toEqual([200, 200, 200, 200, 200]);
    for (const e of edges) expect(Number.isInteger(e * CONTROL_SCALE)).toBe(true);
  });

  it('controlEdges gives a heavy tie its own bin and splits the rest evenly', () => {
    // 45% exactly monophonic (256 = 1.0), the rest spread: plain quantiles would leave bin 1 nearly empty.
    const units = [...Array(450).fill(256), ...Array.from({ length: 550 }, (_, i) => 300 + i)];
    const edges = controlEdges(units, 5);
    const counts = [0, 0, 0, 0, 0];
    for (const u of units) counts[binOf(u / CONTROL_SCALE, edges)]++;
    expect(counts[0]).toBe(450);
    for (const c of counts.slice(1)) expect(Math.abs(c - 550 / 4)).toBeLessThanOrEqual(1);
  });

  it('controlEdges stays strictly increasing with fewer distinct values than bins, and without data', () => {
    for (const units of [[256, 256, 256], [256, 512], []]) {
      const edges = controlEdges(units, 5);
      expect(edges).toHaveLength(4);
      for (let i = 1; i < edges.length; i++) expect(edges[i]).toBeGreaterThan(edges[i - 1]);
    }
  });
});

describe('header edges and realised bins', () => {
  const encoding = {
    bars: 4,
    density: { enabled: true, edges: [4, 8] },
    polyphony: { enabled: true, edges: [1.5, 2.5] },
    duration: { enabled: false, edges: [2, 4] },
  };

  it('headerEdges keeps only what the encoding turns on and has edges for', () => {
    expect(headerEdges(encoding)).toEqual({ densityEdges: [4, 8], polyphonyEdges: [1.5, 2.5] });
    expect(headerEdges({ density: { enabled: true, edges: [] } })).toEqual({});
    expect(headerEdges(undefined)).toEqual({});
  });

  it('realisedBins measures the notes, scales DENSITY to the encoding window, and is null where there are no edges', () => {
    const chords = [0, 16].flatMap((s) => [note(60, s, 8), note(64, s, 8), note(67, s, 8)]); // 6 notes in 2 bars, polyphony 3
    expect(realisedBins(chords, 4, 4, headerEdges(encoding))).toEqual({ density: 1, polyphony: 2, duration: null });
    // The same notes as 2 bars of a 4-bar encoding: 12 notes a window.
    expect(realisedBins(chords, 2, 4, headerEdges(encoding)).density).toBe(2);
  });
});

describe('encodePiece with header controls', () => {
  const piece: GridPiece = {
    bars: 1,
    tracks: [
      { inst: '0', notes: [note(60, 0, 4), note(64, 0, 4), note(67, 0, 8)] },
      { inst: 'DRUMS', notes: [note(36, 0, 1), note(42, 0, 1), note(38, 4, 1)] },
    ],
  };
  const edges = { densityEdges: [2, 4], polyphonyEdges: [1.5, 2.5, 3.5, 4.5], durationEdges: [1.5, 3, 6, 12] };

  it('writes DENSITY, POLYPHONY, DURATION after INST, the drums too, and every token is in the controls vocabulary', () => {
    const tokens = encodePiece(piece, edges);
    // Piano: 3 notes; polyphony 16 / 8 = 2; mean length 16 / 3. Drums: 3 notes; 3 / 2 = 1.5; length 1.
    expect(tokens.slice(0, 7)).toEqual([
      'PIECE_START',
      'TRACK_START',
      'INST=0',
      'DENSITY=1',
      'POLYPHONY=1',
      'DURATION=2',
      'BAR_START',
    ]);
    const drums = tokens.indexOf('INST=DRUMS');
    expect(tokens.slice(drums, drums + 5)).toEqual([
      'INST=DRUMS',
      'DENSITY=1',
      'POLYPHONY=1',
      'DURATION=0',
      'BAR_START',
    ]);
    const vocab = new Set(vocabulary([], ['POLYPHONY', 'DURATION']));
    for (const t of tokens) expect(vocab.has(t)).toBe(true);
    new GrammarState({ bars: 1, density: true, polyphony: true, duration: true }).advanceAll(tokens);
  });

  it('writes a track’s requested bins instead of the measured ones', () => {
    const asked: GridPiece = { ...piece, tracks: [{ ...piece.tracks[0], polyphony: 4, duration: 0 }, piece.tracks[1]] };
    expect(encodePiece(asked, edges).slice(3, 6)).toEqual(['DENSITY=1', 'POLYPHONY=4', 'DURATION=0']);
  });

  it('leaves out the tokens whose edges are not given, as an encoding without them writes', () => {
    expect(encodePiece(piece, { densityEdges: [2, 4] }).slice(2, 5)).toEqual(['INST=0', 'DENSITY=1', 'BAR_START']);
    expect(encodePiece(piece, { polyphonyEdges: [2] }).slice(2, 5)).toEqual(['INST=0', 'POLYPHONY=1', 'BAR_START']);
  });
});

describe('vocabulary with controls', () => {
  it('appends POLYPHONY=0..4 then DURATION=0..4 after TIME_DELTA=16, every other id unchanged', () => {
    const plain = vocabulary([]);
    const withControls = vocabulary([], ['DURATION', 'POLYPHONY']);
    expect(withControls.slice(0, plain.length)).toEqual(plain);
    expect(plain[plain.length - 1]).toBe('TIME_DELTA=16');
    expect(withControls.slice(plain.length)).toEqual(
      [0, 1, 2, 3, 4].map((b) => `POLYPHONY=${b}`).concat([0, 1, 2, 3, 4].map((b) => `DURATION=${b}`)),
    );
  });
});
