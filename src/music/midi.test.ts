import { describe, expect, it } from 'vitest';
import { readMidi, writeMidi } from './midi';
import type { Score, Track } from './score';
import {
  noteEvents,
  noteOn,
  program,
  smf,
  tempo,
  timeSig,
  trackData,
  trackName,
  type RawEvent,
} from './testing/fixtures';

const notesOf = (t: Track) => t.notes.map((n) => [n.pitch, n.start, n.duration, n.velocity]);

describe('readMidi', () => {
  it('splits the channels of a format-0 track into tracks, with programs, and drums on channel index 9', () => {
    const events: RawEvent[] = [
      trackName(0, 'Band'),
      tempo(0, 90),
      program(0, 0, 24),
      program(0, 1, 33),
      ...noteEvents(0, [
        [60, 0, 480],
        [64, 480, 480],
      ]),
    ];
    // Bass and drums are merged into the same stream by time.
    const merged = [
      ...events,
      noteOn(0, 1, 40, 70),
      noteOn(0, 9, 36, 120),
      [240, 0x89, 36, 0] as RawEvent,
      [720, 0x81, 40, 0] as RawEvent,
    ];
    const score = readMidi(smf({ format: 0, division: 96, tracks: [trackData(merged)] }));
    expect(score.ppq).toBe(96);
    expect(score.tempos).toEqual([{ tick: 0, bpm: expect.closeTo(90, 3) }]);
    const byChannel = Object.fromEntries(score.tracks.map((t) => [t.channel, t]));
    expect(Object.keys(byChannel).sort()).toEqual(['0', '1', '9']);
    expect(byChannel[0]).toMatchObject({ program: 24, isDrum: false });
    expect(notesOf(byChannel[0])).toEqual([
      [60, 0, 480, 100],
      [64, 480, 480, 100],
    ]);
    expect(byChannel[1]).toMatchObject({ program: 33, isDrum: false });
    expect(notesOf(byChannel[1])).toEqual([[40, 960, 960, 70]]);
    expect(byChannel[9].isDrum).toBe(true);
    expect(notesOf(byChannel[9])).toEqual([[36, 960, 240, 120]]);
    // One MIDI track, three channels: the names tell them apart.
    expect(new Set(score.tracks.map((t) => t.name)).size).toBe(3);
  });

  it('reads running status, note-on with velocity 0 as note-off, a tempo map and meters from a conductor track', () => {
    const conductor = trackData([tempo(0, 120), timeSig(0, 4, 4), tempo(1920, 60), timeSig(0, 3, 4)]);
    // One status byte, then running status for every following note event (velocity 0 = off).
    const running = trackData([
      [0, 0x90, 60, 80],
      [240, 60, 0],
      [0, 62, 81],
      [240, 62, 0],
    ]);
    const score = readMidi(smf({ format: 1, division: 480, tracks: [conductor, running] }));
    expect(score.tempos.map((t) => [t.tick, Math.round(t.bpm)])).toEqual([
      [0, 120],
      [1920, 60],
    ]);
    expect(score.timeSignatures).toEqual([
      { tick: 0, numerator: 4, denominator: 4 },
      { tick: 1920, numerator: 3, denominator: 4 },
    ]);
    expect(score.tracks).toHaveLength(1);
    expect(notesOf(score.tracks[0])).toEqual([
      [60, 0, 240, 80],
      [62, 240, 240, 81],
    ]);
  });

  it('accepts any PPQ from 1 to 32767, keeping ticks as they are', () => {
    for (const ppq of [1, 24, 1000, 32767]) {
      const score = readMidi(smf({ division: ppq, tracks: [trackData(noteEvents(0, [[60, 7, 13]]))] }));
      expect(score.ppq).toBe(ppq);
      expect(notesOf(score.tracks[0])).toEqual([[60, 7, 13, 100]]);
    }
  });

  it('names unnamed tracks by position, and numbers tracks that share a name on one channel', () => {
    const voice = (name: string, pitch: number) =>
      trackData([...(name ? [trackName(0, name)] : []), ...noteEvents(0, [[pitch, 0, 10]])]);
    const score = readMidi(smf({ tracks: [voice('', 60), voice('', 62), voice('Choir', 64), voice('Choir', 65)] }));
    expect(score.tracks.map((t) => t.name)).toEqual(['Track 1', 'Track 2', 'Choir (1)', 'Choir (2)']);
  });

  it('takes an ArrayBuffer as well as a Uint8Array', () => {
    const bytes = smf({ tracks: [trackData(noteEvents(0, [[60, 0, 10]]))] });
    expect(readMidi(bytes.slice().buffer).tracks).toHaveLength(1);
  });
});

function bandScore(): Score {
  return {
    ppq: 96,
    tempos: [
      { tick: 0, bpm: 100 },
      { tick: 384, bpm: 150 },
    ],
    timeSignatures: [
      { tick: 0, numerator: 4, denominator: 4 },
      { tick: 768, numerator: 6, denominator: 8 },
    ],
    tracks: [
      {
        name: 'Piano',
        program: 0,
        isDrum: false,
        notes: [
          { pitch: 60, start: 0, duration: 96, velocity: 1 },
          { pitch: 64, start: 0, duration: 192, velocity: 127 },
        ],
      },
      {
        name: 'Drums',
        program: 0,
        isDrum: true,
        notes: [
          { pitch: 36, start: 0, duration: 24, velocity: 100 },
          { pitch: 36, start: 24, duration: 24, velocity: 99 },
        ],
      },
      { name: 'Bass', program: 33, isDrum: false, notes: [{ pitch: 40, start: 48, duration: 7, velocity: 64 }] },
    ],
  };
}

describe('writeMidi', () => {
  it('re-imports to the same notes, programs, names, tempo map, meters and PPQ', () => {
    const score = bandScore();
    const back = readMidi(writeMidi(score));
    expect(back.ppq).toBe(96);
    expect(back.tempos.map((t) => [t.tick, t.bpm])).toEqual([
      [0, expect.closeTo(100, 3)],
      [384, expect.closeTo(150, 3)],
    ]);
    expect(back.timeSignatures).toEqual(score.timeSignatures);
    expect(back.tracks.map((t) => [t.name, t.program, t.isDrum, t.channel])).toEqual([
      ['Piano', 0, false, 0],
      ['Drums', 0, true, 9],
      ['Bass', 33, false, 1],
    ]);
    back.tracks.forEach((t, i) => expect(notesOf(t)).toEqual(notesOf(score.tracks[i])));
  });

  it('writes a type-1 file: header, a conductor track, one track per score track, each ending with end-of-track', () => {
    const bytes = writeMidi(bandScore());
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(String.fromCharCode(...bytes.slice(0, 4))).toBe('MThd');
    expect([view.getUint16(8), view.getUint16(10), view.getUint16(12)]).toEqual([1, 4, 96]);
    let p = 14;
    for (let i = 0; i < 4; i++) {
      expect(String.fromCharCode(...bytes.slice(p, p + 4))).toBe('MTrk');
      const end = p + 8 + view.getUint32(p + 4);
      expect([...bytes.slice(end - 3, end)]).toEqual([0xff, 0x2f, 0]);
      p = end;
    }
    expect(p).toBe(bytes.length);
    // Program change for the bass on its own channel, and drum notes on channel 10 (status 0x99).
    expect(bytes.some((b, i) => b === 0xc1 && bytes[i + 1] === 33)).toBe(true);
    expect(bytes.some((b, i) => b === 0x99 && bytes[i + 1] === 36)).toBe(true);
  });

  it('writes one tempo at time 0 and 4/4 when the score has none, and a tempo at 0 when the first comes later', () => {
    const score: Score = { ...bandScore(), tempos: [], timeSignatures: [] };
    const back = readMidi(writeMidi(score));
    expect(back.tempos).toEqual([{ tick: 0, bpm: 120 }]);
    expect(back.timeSignatures).toEqual([{ tick: 0, numerator: 4, denominator: 4 }]);
    const late = readMidi(writeMidi({ ...score, tempos: [{ tick: 96, bpm: 60 }] }));
    expect(late.tempos).toEqual([
      { tick: 0, bpm: 120 },
      { tick: 96, bpm: 60 },
    ]);
  });

  it('gives every note a velocity in 1..127 and a length of at least one tick', () => {
    const score = bandScore();
    score.tracks[0].notes = [
      { pitch: 60, start: 0, duration: 0, velocity: 0 },
      { pitch: 61, start: 10, duration: 5, velocity: 300 },
      { pitch: 62, start: 20, duration: 5, velocity: NaN },
    ];
    expect(notesOf(readMidi(writeMidi(score)).tracks[0])).toEqual([
      [60, 0, 1, 1],
      [61, 10, 5, 127],
      [62, 20, 5, 100],
    ]);
  });

  it('keeps a re-struck pitch as two notes, and gives 16 melodic tracks channels that skip 9', () => {
    const tracks: Track[] = Array.from({ length: 16 }, (_, i) => ({
      name: `T${i}`,
      program: i,
      isDrum: false,
      notes: [
        { pitch: 60, start: 0, duration: 120, velocity: 90 },
        { pitch: 60, start: 120, duration: 120, velocity: 91 },
      ],
    }));
    const back = readMidi(writeMidi({ ppq: 480, tempos: [], timeSignatures: [], tracks }));
    expect(back.tracks.map((t) => t.channel)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 0]);
    for (const t of back.tracks)
      expect(notesOf(t)).toEqual([
        [60, 0, 120, 90],
        [60, 120, 120, 91],
      ]);
  });
});

describe('writeMidi channels', () => {
  it('writes a track back on the channel it came from, and gives the others free channels', () => {
    const note = { pitch: 60, start: 0, duration: 240, velocity: 90 };
    const score = {
      ppq: 480,
      tempos: [],
      timeSignatures: [],
      tracks: [
        { name: 'a', program: 0, isDrum: false, channel: 0, notes: [note] },
        { name: 'b', program: 33, isDrum: false, notes: [note] },
        { name: 'c', program: 80, isDrum: false, channel: 5, notes: [note] },
        { name: 'kit', program: 0, isDrum: true, channel: 9, notes: [{ ...note, pitch: 36 }] },
      ],
    };
    expect(readMidi(writeMidi(score)).tracks.map((t) => t.channel)).toEqual([0, 1, 5, 9]);
  });
});
