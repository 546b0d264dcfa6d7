import { describe, expect, it } from 'vitest';
import { applyBeatFile, secondsToTicks } from './beats';
import { jsbToScore, readJsbSplit } from './jsb';
import { emptyScore } from './score';

describe('JSB chorales', () => {
  it('merges equal consecutive steps into held notes and reads -1 as silence', () => {
    const s = jsbToScore([
      [72, 67, 64, 48],
      [72, 67, -1, 48],
      [74, 67, 64, 48],
    ]);
    expect(s.tracks.map((t) => t.name)).toEqual(['Soprano', 'Alto', 'Tenor', 'Bass']);
    expect(s.tracks.every((t) => t.part === undefined && t.program === 52)).toBe(true);
    expect(s.tracks[0].notes.map((n) => [n.pitch, n.start, n.duration])).toEqual([
      [72, 0, 240],
      [74, 240, 120],
    ]);
    expect(s.tracks[2].notes.map((n) => [n.start, n.duration])).toEqual([
      [0, 120],
      [240, 120],
    ]);
    expect(s.tracks[3].notes).toHaveLength(1);
  });
  it('reads a split and rejects a missing one', () => {
    const text = JSON.stringify({ train: [[[60, 60, 60, 60]]], valid: [], test: [] });
    expect(readJsbSplit(text, 'train')).toHaveLength(1);
    expect(() => readJsbSplit('{}', 'test')).toThrow(/no "test" split/);
  });
});

describe('POP909 beat files', () => {
  it('converts seconds to ticks over the tempo map', () => {
    expect(secondsToTicks(1, 480, [{ tick: 0, bpm: 120 }])).toBe(960);
    expect(
      secondsToTicks(2, 480, [
        { tick: 0, bpm: 120 },
        { tick: 960, bpm: 60 },
      ]),
    ).toBe(1440);
  });
  it('sets 4/4 from the first downbeat when downbeats come every four beats', () => {
    const beats = [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5].map((t, i) => `${t} 1.0 ${i % 4 === 0 ? 1 : 0}.0`).join('\n');
    const s = applyBeatFile({ ...emptyScore(480), tempos: [{ tick: 0, bpm: 120 }] }, beats);
    expect(s.timeSignatures).toEqual([
      { tick: 0, numerator: 1, denominator: 4 },
      { tick: 480, numerator: 4, denominator: 4 },
    ]);
  });
  it('reports three-beat bars as 3/4', () => {
    const beats = Array.from({ length: 9 }, (_, i) => `${i * 0.5} 1 ${i % 3 === 0 ? 1 : 0}`).join('\n');
    expect(applyBeatFile(emptyScore(480), beats).timeSignatures).toEqual([{ tick: 0, numerator: 3, denominator: 4 }]);
  });
});
