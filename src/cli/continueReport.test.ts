import { describe, expect, it } from 'vitest';
import type { InstrumentMap } from '../music/instrumentMap';
import type { Note, Score } from '../music/score';
import { continueReport, cutAtBar } from './continueReport';

const PPQ = 4; // one 4/4 bar = 16 ticks
const n = (pitch: number, start: number, duration = 4): Note => ({ pitch, start, duration, velocity: 90 });
/** A bass note every beat for `bars` bars, and drums on every bar line. */
function song(bars: number, timeSignatures: Score['timeSignatures'] = []): Score {
  const beats = Array.from({ length: bars * 4 }, (_, i) => n(40 + (i % 3), i * PPQ));
  return {
    ppq: PPQ,
    tempos: [{ tick: 0, bpm: 100 }],
    timeSignatures,
    tracks: [
      { name: 'Bass', program: 33, isDrum: false, notes: beats },
      { name: 'Kit', program: 0, isDrum: true, notes: Array.from({ length: bars }, (_, i) => n(36, i * 16, 20)) },
    ],
  };
}
const map: InstrumentMap = {
  mapping: [{ source: 0, inst: '33' }],
  dropped: [{ source: 1, reason: 'drums, test' }],
  notice: '',
};

describe('cutAtBar', () => {
  it('keeps the first N bars on the song own bar lines and shortens notes held over the cut', () => {
    // 2 bars of 3/4 (12 ticks each), then 4/4: bar 3 ends at tick 40.
    const s = song(6, [
      { tick: 0, numerator: 3, denominator: 4 },
      { tick: 24, numerator: 4, denominator: 4 },
    ]);
    const { prompt } = cutAtBar(s, 3);
    expect(Math.max(...prompt.tracks[0].notes.map((x) => x.start))).toBe(36);
    expect(prompt.tracks[1].notes.map((x) => [x.start, x.duration])).toEqual([
      [0, 20],
      [16, 20],
      [32, 8],
    ]);
    expect(s.tracks[1].notes[2].duration).toBe(20); // the song itself is untouched
    expect(cutAtBar(s, 99).prompt).toBe(s);
  });
});

describe('continueReport', () => {
  it('gives each track its last 4 prompt bars, the added notes and the song real next bars', () => {
    const cut = cutAtBar(song(12), 8); // prompt: bars 0-7 (ticks 0-128); real: bars 8-11
    const added = [n(45, 128), n(47, 140)];
    const merged: Score = {
      ...cut.prompt,
      tracks: [{ ...cut.prompt.tracks[0], notes: [...cut.prompt.tracks[0].notes, ...added] }, cut.prompt.tracks[1]],
    };
    const r = continueReport(cut, map, merged, 4);
    expect([r.from, r.to, r.recentFrom, r.realTo]).toEqual([128, 192, 64, 192]);
    expect(r.tracks[0].inst).toBe('33');
    expect(r.tracks[0].recent).toHaveLength(16);
    expect(r.tracks[0].added).toEqual(added.map(({ pitch, start, duration }) => ({ pitch, start, duration })));
    expect(r.tracks[0].real).toHaveLength(16);
    expect(r.tracks[1]).toMatchObject({ inst: null, dropped: 'drums, test', isDrum: true, added: [] });
    expect(r.tracks[1].real).toHaveLength(4);
  });

  it('has no real bars when the whole song is the prompt', () => {
    const cut = cutAtBar(song(3), 8);
    const r = continueReport(cut, map, cut.prompt, 4);
    expect(r.realTo).toBeNull();
    expect(r.recentFrom).toBe(0); // fewer than 4 bars: all of them
    expect(r.tracks[0].real).toBeNull();
  });
});
