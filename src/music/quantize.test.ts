import { describe, expect, it } from 'vitest';
import { MeterError, MusicError } from './errors';
import { encodePiece } from './encode';
import { MAX_BARS } from './meter';
import { quantizeNotes, scoreToGrid, splitAtBars } from './quantize';
import type { Score } from './score';

const note = (pitch: number, start: number, duration: number, velocity = 80) => ({ pitch, start, duration, velocity });

function score(notes: ReturnType<typeof note>[], extra: Partial<Score> = {}): Score {
  return {
    ppq: 480,
    tempos: [{ tick: 0, bpm: 120 }],
    timeSignatures: [],
    tracks: [{ name: 't', program: 0, isDrum: false, notes }],
    ...extra,
  };
}

describe('scoreToGrid', () => {
  it('snaps onsets and ends to the nearest 16th', () => {
    const g = scoreToGrid(score([note(60, 10, 470), note(62, 600, 230)]));
    expect(g.tracks[0].notes.map((n) => [n.start, n.duration])).toEqual([
      [0, 4],
      [5, 2],
    ]);
  });

  it('gives a zero-length note one 16th', () => {
    const g = scoreToGrid(score([note(60, 120, 5)]));
    expect(g.tracks[0].notes[0]).toMatchObject({ start: 1, duration: 1 });
  });

  it('ends the earlier of two overlapping same-pitch notes', () => {
    const g = scoreToGrid(score([note(60, 0, 960), note(60, 480, 480)]));
    expect(g.tracks[0].notes.map((n) => [n.start, n.duration])).toEqual([
      [0, 4],
      [4, 4],
    ]);
  });

  it('splits a note that crosses a bar line', () => {
    const g = scoreToGrid(score([note(60, 1440, 960)])); // beat 4 of bar 1 for two beats
    expect(g.bars).toBe(2);
    expect(g.tracks[0].notes.map((n) => [n.start, n.duration])).toEqual([
      [12, 4],
      [16, 4],
    ]);
  });

  it('keeps velocities', () => {
    expect(scoreToGrid(score([note(60, 0, 480, 33)])).tracks[0].notes[0].velocity).toBe(33);
  });

  it('keeps only the 4/4 sections of a mixed-meter file, laid end to end', () => {
    const s = score([note(60, 0, 480), note(62, 1440, 480), note(64, 1440 + 1920, 480)], {
      timeSignatures: [
        { tick: 0, numerator: 3, denominator: 4 },
        { tick: 1440, numerator: 4, denominator: 4 },
      ],
    });
    const g = scoreToGrid(s);
    expect(g.bars).toBe(2);
    expect(g.tracks[0].notes.map((n) => [n.pitch, n.start])).toEqual([
      [62, 0],
      [64, 16],
    ]);
  });

  it('skips a mid-song 2/4 bar: the 4/4 bars after it keep their own bar lines', () => {
    const twoFour = 2 * 1920;
    const s = score(
      [
        note(60, 0, 480),
        note(62, twoFour, 480),
        note(64, twoFour + 960, 480),
        note(65, twoFour + 960 + 1920 + 480, 480),
      ],
      {
        timeSignatures: [
          { tick: 0, numerator: 4, denominator: 4 },
          { tick: twoFour, numerator: 2, denominator: 4 },
          { tick: twoFour + 960, numerator: 4, denominator: 4 },
        ],
      },
    );
    const g = scoreToGrid(s);
    expect(g.bars).toBe(4);
    expect(g.source).toEqual({
      ppq: 480,
      barStarts: [0, 1920, twoFour + 960, twoFour + 960 + 1920],
      fileBars: [0, 1, 3, 4],
      tracks: [0],
    });
    // The note in the 2/4 bar is not on the grid; the others sit at their bar's own beats.
    expect(g.tracks[0].notes.map((n) => [n.pitch, n.start])).toEqual([
      [60, 0],
      [64, 32],
      [65, 52],
    ]);
  });

  it('skips a bar cut short by a meter change inside it, and cuts notes at the end of their run of 4/4 bars', () => {
    const s = score([note(60, 1440, 1920), note(62, 1920, 480)], {
      timeSignatures: [
        { tick: 0, numerator: 4, denominator: 4 },
        { tick: 1920 + 960, numerator: 3, denominator: 4 },
      ],
    });
    const g = scoreToGrid(s);
    expect(g.source?.fileBars).toEqual([0]); // bar 1 is 4/4 but only two beats long
    expect(g.tracks[0].notes).toEqual([note(60, 12, 4)]);
  });

  it('cuts a piece longer than MAX_BARS with a reason, and its grid ends with its last note', () => {
    const s = score([note(60, 0, 480), note(62, 1920 * 10, 480), note(64, 1920 * (MAX_BARS + 5), 480)]);
    const g = scoreToGrid(s);
    expect(g.source?.cut).toMatch(/longer than 2048 bars/);
    expect(g.bars).toBe(11);
    expect(g.tracks[0].notes.map((n) => n.pitch)).toEqual([60, 62]);
    expect(encodePiece(g).length).toBeLessThan(40);
  });

  it('throws a MeterError naming the meters when there is no 4/4', () => {
    const s = score([note(60, 0, 480)], {
      timeSignatures: [
        { tick: 0, numerator: 3, denominator: 4 },
        { tick: 2880, numerator: 6, denominator: 8 },
      ],
    });
    expect(() => scoreToGrid(s)).toThrow(MeterError);
    expect(() => scoreToGrid(s)).toThrow(/3\/4, 6\/8/);
  });

  it('names parts in track order and drops tracks beyond them', () => {
    const s: Score = {
      ...score([]),
      tracks: ['a', 'b', 'c'].map((name, i) => ({ name, program: 0, isDrum: false, notes: [note(60 + i, 0, 480)] })),
    };
    const g = scoreToGrid(s, { parts: ['SOPRANO', 'ALTO'] });
    expect(g.tracks.map((t) => t.inst)).toEqual(['SOPRANO', 'ALTO']);
  });

  it('encodes drums as DRUMS and programs as numbers', () => {
    const s: Score = {
      ...score([]),
      tracks: [
        { name: 'd', program: 5, isDrum: true, notes: [note(36, 0, 120)] },
        { name: 'p', program: 33, isDrum: false, notes: [note(40, 0, 120)] },
      ],
    };
    expect(scoreToGrid(s).tracks.map((t) => t.inst)).toEqual(['DRUMS', '33']);
  });

  it('reports a score without notes and a bad resolution as typed errors', () => {
    expect(() => scoreToGrid(score([]))).toThrow(MusicError);
    expect(() => scoreToGrid({ ...score([note(60, 0, 1)]), ppq: 0 })).toThrow(/resolution/);
  });

  it('handles an odd resolution (PPQ not divisible by 4)', () => {
    const g = scoreToGrid({ ...score([note(60, 0, 97), note(62, 97, 97)]), ppq: 97 });
    expect(g.tracks[0].notes.map((n) => [n.start, n.duration])).toEqual([
      [0, 4],
      [4, 4],
    ]);
  });
});

describe('quantizeNotes / splitAtBars', () => {
  it('keeps the longer of two notes with the same onset and pitch', () => {
    expect(quantizeNotes([note(60, 0, 2), note(60, 0, 6)])).toEqual([note(60, 0, 6)]);
  });
  it('splits across several bars', () => {
    expect(splitAtBars([note(60, 8, 40)]).map((n) => [n.start, n.duration])).toEqual([
      [8, 8],
      [16, 16],
      [32, 16],
    ]);
  });
});
