import { describe, expect, it } from 'vitest';
import { MusicError } from './errors';
import { readMidiFast } from './midiFast';
import { smf } from './testing/smf';

describe('readMidiFast', () => {
  it('reads notes, tempo, meter and program in ticks', () => {
    const bytes = smf([
      { tempos: [{ tick: 0, bpm: 90 }], timeSignatures: [{ tick: 0, numerator: 3, denominator: 4 }] },
      { name: 'Lead', program: 40, notes: [{ pitch: 60, start: 0, duration: 100, velocity: 99 }] },
    ], 96);
    const s = readMidiFast(bytes);
    expect(s.ppq).toBe(96);
    expect(s.tempos[0].bpm).toBeCloseTo(90, 3);
    expect(s.timeSignatures).toEqual([{ tick: 0, numerator: 3, denominator: 4 }]);
    expect(s.tracks).toHaveLength(1);
    expect(s.tracks[0]).toMatchObject({ name: 'Lead', program: 40, isDrum: false });
    expect(s.tracks[0].notes).toEqual([{ pitch: 60, start: 0, duration: 100, velocity: 99 }]);
  });
  it('splits the channels of a type-0 track and marks channel 10 as drums', () => {
    const s = readMidiFast(smf([{ notes: [
      { pitch: 36, start: 0, duration: 10, channel: 9 },
      { pitch: 60, start: 0, duration: 10, channel: 0 },
    ] }]));
    expect(s.tracks.map((t) => [t.channel, t.isDrum])).toEqual([[9, true], [0, false]]);
  });
  it('keeps a note closed at its own onset short instead of stretching it to the track end', () => {
    const s = readMidiFast(smf([{ notes: [{ pitch: 60, start: 0, duration: 0 }, { pitch: 62, start: 0, duration: 960 }] }]));
    expect(s.tracks[0].notes.map((n) => n.duration)).toEqual([1, 960]);
  });
  it('never takes a part from a track name', () => {
    const s = readMidiFast(smf([{ name: 'MELODY', notes: [{ pitch: 60, start: 0, duration: 10 }] }, { name: 'Bass', notes: [{ pitch: 40, start: 0, duration: 10 }] }]));
    expect(s.tracks.map((t) => [t.name, t.part])).toEqual([['MELODY', undefined], ['Bass', undefined]]);
  });
  it('gives typed errors for bad input', () => {
    expect(() => readMidiFast(new Uint8Array([1, 2, 3]))).toThrow(MusicError);
    const truncated = smf([{ notes: [{ pitch: 60, start: 0, duration: 10 }] }]).slice(0, 20);
    expect(() => readMidiFast(truncated)).toThrow(/corrupt|no notes/);
    expect(() => readMidiFast(smf([{ name: 'empty' }]))).toThrow(/no notes/);
  });
});
