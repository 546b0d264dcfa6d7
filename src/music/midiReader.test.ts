// The reader takes instruments from the file (GM program, channel 10 = drums), never from names,
// and splits what one MIDI track mixes: channels, and programs on a channel.
import { describe, expect, it } from 'vitest';
import { mapInstruments } from './instrumentMap';
import { readMidi, writeMidi } from './midi';
import { scoreToGrid } from './quantize';
import type { Track } from './score';
import {
  chunk,
  noteEvents,
  noteOff,
  noteOn,
  program,
  smf,
  tempo,
  timeSig,
  trackData,
  trackName,
  type RawEvent,
} from './testing/fixtures';
import { smf as smfOf } from './testing/smf';

const notesOf = (t: Track) => t.notes.map((n) => [n.pitch, n.start, n.duration, n.velocity]);
const shape = (t: Track) => ({ name: t.name, program: t.program, channel: t.channel, isDrum: t.isDrum, part: t.part });

/** A GM band whose track names are also part names of our corpora: they must stay plain GM tracks. */
function gmBand(): Uint8Array {
  const conductor = trackData([trackName(0, 'Song'), tempo(0, 110), timeSig(0, 4, 4)]);
  const voice = (name: string, ch: number, prog: number, notes: [number, number, number][]) =>
    trackData([trackName(0, name), program(0, ch, prog), ...noteEvents(ch, notes, 90)]);
  return smf({
    tracks: [
      conductor,
      voice('Piano', 0, 0, [
        [60, 0, 480],
        [64, 0, 480],
        [67, 480, 960],
      ]),
      voice('Bass', 1, 33, [
        [36, 0, 960],
        [43, 960, 960],
      ]),
      voice('Melody', 2, 73, [
        [76, 0, 240],
        [74, 240, 240],
        [72, 480, 1440],
      ]),
      voice('Drums', 9, 25, [
        [36, 0, 120],
        [38, 480, 120],
        [36, 960, 120],
        [38, 1440, 120],
      ]),
    ],
  });
}

describe('instruments come from the GM program and channel, never from a track name', () => {
  it('reads "Piano", "Bass" and "Melody" as programs 0, 33 and 73 on their channels, with no part', () => {
    const score = readMidi(gmBand());
    expect(score.tracks.map(shape)).toEqual([
      { name: 'Piano', program: 0, channel: 0, isDrum: false, part: undefined },
      { name: 'Bass', program: 33, channel: 1, isDrum: false, part: undefined },
      { name: 'Melody', program: 73, channel: 2, isDrum: false, part: undefined },
      { name: 'Drums', program: 25, channel: 9, isDrum: true, part: undefined },
    ]);
    expect(scoreToGrid(score).tracks.map((t) => t.inst)).toEqual(['0', '33', '73', 'DRUMS']);
  });

  it('round-trips read -> write -> read with its programs, channels, names and notes', () => {
    const first = readMidi(gmBand());
    const back = readMidi(writeMidi(first));
    expect(back.tracks.map(shape)).toEqual(first.tracks.map(shape));
    back.tracks.forEach((t, i) => expect(notesOf(t)).toEqual(notesOf(first.tracks[i])));
    expect(back.tempos).toEqual([{ tick: 0, bpm: expect.closeTo(110, 3) }]);
  });

  it('splits a channel that changes program into one track per program: a note goes to the program in force at its onset', () => {
    // Strings: program 49 for two notes (the second held across the change), then 48.
    const events: RawEvent[] = [
      trackName(0, 'Strings'),
      program(0, 0, 49),
      noteOn(0, 0, 60),
      noteOff(480, 0, 60),
      noteOn(0, 0, 62),
      program(240, 0, 48), // while 62 sounds
      noteOn(0, 0, 64),
      noteOff(240, 0, 62), // releases the 49 note, though 48 is in force now
      noteOff(240, 0, 64),
      program(0, 0, 49),
      noteOn(0, 0, 65),
      noteOff(480, 0, 65),
    ];
    const score = readMidi(smf({ format: 0, tracks: [trackData(events)] }));
    expect(score.tracks.map(shape)).toEqual([
      { name: 'Strings', program: 49, channel: 0, isDrum: false, part: undefined },
      { name: 'Strings (program 48)', program: 48, channel: 0, isDrum: false, part: undefined },
    ]);
    expect(notesOf(score.tracks[0])).toEqual([
      [60, 0, 480, 100],
      [62, 480, 480, 100],
      [65, 1200, 480, 100],
    ]);
    expect(notesOf(score.tracks[1])).toEqual([[64, 720, 480, 100]]);
  });

  it('splits a track that carries several channels into one track per channel, in channel order', () => {
    const events: RawEvent[] = [
      trackName(0, 'Piano'),
      program(0, 2, 0),
      noteOn(0, 9, 42),
      noteOn(0, 2, 48),
      noteOn(0, 0, 60),
      noteOff(480, 9, 42),
      noteOff(0, 2, 48),
      noteOff(0, 0, 60),
    ];
    const score = readMidi(smf({ format: 0, tracks: [trackData(events)] }));
    expect(score.tracks.map((t) => [t.name, t.channel, t.program, t.isDrum])).toEqual([
      ['Piano', 0, 0, false],
      ['Piano (channel 3)', 2, 0, false],
      ['Piano (channel 10)', 9, 0, true],
    ]);
    expect(score.tracks.map((t) => t.notes.map((n) => n.pitch))).toEqual([[60], [48], [42]]);
  });

  it('takes a program a "setup" track sets for a channel, before or after the tracks that play it', () => {
    const setup = trackData([trackName(0, 'Setup'), program(0, 0, 40), program(0, 1, 33)]);
    const violin = trackData([trackName(0, 'Violin'), ...noteEvents(0, [[76, 0, 480]])]);
    const bass = trackData([trackName(0, 'Bass'), ...noteEvents(1, [[40, 0, 480]])]);
    expect(readMidi(smf({ tracks: [setup, violin, bass] })).tracks.map((t) => [t.name, t.program])).toEqual([
      ['Violin', 40],
      ['Bass', 33],
    ]);
    expect(readMidi(smf({ tracks: [violin, bass, setup] })).tracks.map((t) => [t.name, t.program])).toEqual([
      ['Violin', 40],
      ['Bass', 33],
    ]);
    // No program change anywhere: program 0.
    expect(readMidi(smf({ tracks: [violin] })).tracks[0].program).toBe(0);
  });

  it("lets a track's own program changes decide for the notes after them, even when other tracks share its channel", () => {
    const own = (name: string, prog: number, pitch: number) =>
      trackData([trackName(0, name), program(0, 0, prog), ...noteEvents(0, [[pitch, 0, 480]])]);
    const score = readMidi(smf({ tracks: [own('Guitar', 30, 52), own('Bass', 33, 40)] }));
    expect(score.tracks.map((t) => [t.name, t.program, t.channel])).toEqual([
      ['Guitar', 30, 0],
      ['Bass', 33, 0],
    ]);
    // Notes before a track's first change take the file's program at their onset, and join the
    // track's own track of that program when it has one.
    const setup = trackData([program(0, 0, 40)]);
    const late = trackData([
      trackName(0, 'Lead'),
      ...noteEvents(0, [[60, 0, 240]]),
      program(480, 0, 48),
      ...noteEvents(0, [[62, 0, 240]]),
      program(240, 0, 40),
      ...noteEvents(0, [[64, 0, 240]]),
    ]);
    const split = readMidi(smf({ tracks: [setup, late] }));
    expect(split.tracks.map((t) => [t.name, t.program, t.notes.map((n) => [n.pitch, n.start])])).toEqual([
      [
        'Lead',
        40,
        [
          [60, 0],
          [64, 1200],
        ],
      ],
      ['Lead (program 48)', 48, [[62, 720]]],
    ]);
  });

  it('keeps channel 10 one drum track through GS drum-kit program changes', () => {
    const events: RawEvent[] = [
      program(0, 9, 0),
      ...noteEvents(9, [[36, 0, 60]]),
      program(480, 9, 25),
      noteOn(0, 9, 38),
      noteOff(60, 9, 38),
      program(0, 9, 40),
      noteOn(0, 9, 42),
      noteOff(60, 9, 42),
    ];
    const score = readMidi(smf({ tracks: [trackData([trackName(0, 'Kit'), ...events])] }));
    expect(score.tracks).toHaveLength(1);
    expect(shape(score.tracks[0])).toEqual({ name: 'Kit', program: 0, channel: 9, isDrum: true, part: undefined });
    expect(score.tracks[0].notes.map((n) => n.pitch)).toEqual([36, 38, 42]);
  });

  it('names split tracks by channel and program together, and keeps every name distinct', () => {
    const events: RawEvent[] = [
      trackName(0, 'Band'),
      ...noteEvents(0, [[60, 0, 10]]),
      program(0, 3, 5),
      noteOn(20, 3, 50),
      noteOff(10, 3, 50),
      program(0, 3, 6),
      noteOn(0, 3, 52),
      noteOff(10, 3, 52),
    ];
    const other = trackData([trackName(0, 'Band (channel 4)'), ...noteEvents(7, [[70, 0, 10]])]);
    const score = readMidi(smf({ tracks: [trackData(events), other] }));
    expect(score.tracks.map((t) => t.name)).toEqual([
      'Band',
      'Band (channel 4)',
      'Band (channel 4, program 6)',
      'Band (channel 4) #2',
    ]);
  });

  it('a piece the app wrote (Soprano…Bass) maps back onto the chorale parts by pitch', () => {
    const satb = smfOf(
      [72, 64, 57, 48].map((base, v) => ({
        name: ['Soprano', 'Alto', 'Tenor', 'Bass'][v],
        program: 52,
        channel: v,
        notes: [0, 1, 2, 3].map((k) => ({ pitch: base + k, start: k * 480, duration: 480 })),
      })),
    );
    const score = readMidi(satb);
    expect(score.tracks.map((t) => t.part)).toEqual([undefined, undefined, undefined, undefined]);
    const map = mapInstruments(score, ['SOPRANO', 'ALTO', 'TENOR', 'BASS']);
    expect(map.mapping.map((m) => m.inst)).toEqual(['SOPRANO', 'ALTO', 'TENOR', 'BASS']);
  });
});

describe('readMidi reads what the file says, in ticks', () => {
  it('reads notes, tempo, meter and program', () => {
    const bytes = smfOf(
      [
        { tempos: [{ tick: 0, bpm: 90 }], timeSignatures: [{ tick: 0, numerator: 3, denominator: 4 }] },
        { name: 'Lead', program: 40, notes: [{ pitch: 60, start: 0, duration: 100, velocity: 99 }] },
      ],
      96,
    );
    const s = readMidi(bytes);
    expect(s.ppq).toBe(96);
    expect(s.tempos[0].bpm).toBeCloseTo(90, 3);
    expect(s.timeSignatures).toEqual([{ tick: 0, numerator: 3, denominator: 4 }]);
    expect(s.tracks.map(shape)).toEqual([{ name: 'Lead', program: 40, channel: 0, isDrum: false, part: undefined }]);
    expect(s.tracks[0].notes).toEqual([{ pitch: 60, start: 0, duration: 100, velocity: 99 }]);
  });

  it('keeps a note closed at its own onset one tick long, and ends a note never released at the end of its track', () => {
    const s = readMidi(
      smfOf([
        {
          notes: [
            { pitch: 60, start: 0, duration: 0 },
            { pitch: 62, start: 0, duration: 960 },
          ],
        },
      ]),
    );
    expect(s.tracks[0].notes.map((n) => n.duration)).toEqual([1, 960]);
    const open = readMidi(smf({ tracks: [trackData([noteOn(10, 0, 60), [500, 0xff, 0x2f, 0]], false)] }));
    expect(notesOf(open.tracks[0])).toEqual([[60, 10, 500, 100]]);
  });

  it('pairs re-struck pitches first in, first out, and ignores an off with nothing sounding', () => {
    const events: RawEvent[] = [
      noteOff(0, 0, 61),
      noteOn(0, 0, 60, 10),
      noteOn(10, 0, 60, 20),
      noteOff(10, 0, 60),
      noteOff(10, 0, 60),
    ];
    expect(notesOf(readMidi(smf({ tracks: [trackData(events)] })).tracks[0])).toEqual([
      [60, 0, 20, 10],
      [60, 10, 20, 20],
    ]);
  });

  it('stops a track at end-of-track (what follows in the chunk is padding), and reads the tracks the header promises', () => {
    const padded = [...trackData(noteEvents(0, [[60, 0, 10]])), 0xde, 0xad, 0xbe, 0xef];
    expect(readMidi(smf({ tracks: [padded] })).tracks[0].notes).toHaveLength(1);
    const extra = Uint8Array.from([
      ...smf({ tracks: [trackData(noteEvents(0, [[60, 0, 10]]))] }),
      ...chunk('MTrk', [0xff, 0xff]),
    ]);
    expect(readMidi(extra).tracks).toHaveLength(1);
  });

  it('reads sysex, controllers, pitch bend and pressure without making notes of them; meta events do not reset running status', () => {
    const events: RawEvent[] = [
      [0, 0xf0, 3, 0x7e, 0x7f, 0xf7],
      [0, 0xb0, 7, 100],
      [0, 0xe0, 0, 64],
      [0, 0xd0, 30],
      [0, 0xa0, 60, 30],
      [0, 0x90, 60, 90],
      [0, 0xff, 0x01, 1, 65], // a text event between two running-status notes
      [0, 62, 91],
      [120, 60, 0],
      [0, 62, 0],
    ];
    expect(notesOf(readMidi(smf({ tracks: [trackData(events)] })).tracks[0])).toEqual([
      [60, 0, 120, 90],
      [62, 0, 120, 91],
    ]);
  });

  it('decodes names as UTF-8, else Latin-1, on one line; an unnamed track uses its instrument name, else its number', () => {
    const named = (bytes: number[]) =>
      trackData([[0, 0xff, 0x03, bytes.length, ...bytes], ...noteEvents(0, [[60, 0, 10]])]);
    const instrument = trackData([
      [0, 0xff, 0x04, 5, ...[...'Flute'].map((c) => c.charCodeAt(0))],
      ...noteEvents(1, [[60, 0, 10]]),
    ]);
    const score = readMidi(
      smf({
        tracks: [
          named([0x43, 0x61, 0x66, 0xc3, 0xa9]),
          named([0x43, 0x61, 0x66, 0xe9, 0x0a, 0x32]),
          instrument,
          trackData(noteEvents(2, [[60, 0, 10]])),
        ],
      }),
    );
    expect(score.tracks.map((t) => t.name)).toEqual(['Café', 'Café 2', 'Flute', 'Track 4']);
  });

  it('drops meta events that cannot mean anything: a tempo of 0, a meter of 0/4 or over 128', () => {
    const events: RawEvent[] = [
      [0, 0xff, 0x51, 3, 0, 0, 0],
      [0, 0xff, 0x58, 4, 0, 2, 24, 8],
      [0, 0xff, 0x58, 4, 3, 9, 24, 8],
      timeSig(0, 6, 8),
      ...noteEvents(0, [[60, 0, 10]]),
    ];
    const score = readMidi(smf({ tracks: [trackData(events)] }));
    expect(score.tempos).toEqual([]);
    expect(score.timeSignatures).toEqual([{ tick: 0, numerator: 6, denominator: 8 }]);
  });
});
