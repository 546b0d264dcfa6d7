// Bad input gives a MusicError with a reason, never another exception and never a hang.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MusicError, type MusicErrorCode } from './errors';
import { MAX_MIDI_BYTES, MAX_NOTES, MAX_QUARTERS, MAX_TRACKS } from './limits';
import { readMidi } from './midi';
import {
  chunk,
  noteEvents,
  noteOn,
  noteOff,
  program,
  smf,
  tempo,
  timeSig,
  trackData,
  trackName,
} from './testing/fixtures';

function errorOf(bytes: Uint8Array): MusicError {
  try {
    readMidi(bytes);
  } catch (e) {
    if (e instanceof MusicError) return e;
    throw new Error(`not a MusicError: ${String(e)}`);
  }
  throw new Error('readMidi accepted the input');
}

const expectError = (bytes: Uint8Array, code: MusicErrorCode, message?: RegExp) => {
  const e = errorOf(bytes);
  expect(e.code).toBe(code);
  if (message) expect(e.message).toMatch(message);
};

/** readMidi either reads the bytes or throws a MusicError: anything else fails the property. */
function readsOrRefuses(bytes: Uint8Array): boolean {
  try {
    readMidi(bytes);
  } catch (e) {
    return e instanceof MusicError;
  }
  return true;
}

const valid = smf({
  tracks: [
    trackData([tempo(0, 120)]),
    trackData([
      program(0, 0, 5),
      ...noteEvents(0, [
        [60, 0, 480],
        [64, 240, 960],
        [67, 480, 100],
      ]),
    ]),
  ],
});

describe('readMidi refuses bad input with a typed error', () => {
  it('an empty file says so; text and a RIFF header are not MIDI, and say what they start with', () => {
    expectError(new Uint8Array(0), 'empty-file', /^the file is empty/);
    expectError(new TextEncoder().encode('hello, this is not a song'), 'not-midi', /starts with "hell", not "MThd"/);
    expectError(new TextEncoder().encode('RIFF....WAVEfmt '), 'not-midi', /"RIFF"/);
    expectError(Uint8Array.from([0, 1, 0xfe]), 'not-midi', /0x00 0x01 0xfe/);
  });

  it('a file truncated at any byte', () => {
    for (let n = 4; n < valid.length; n++) {
      const e = errorOf(valid.slice(0, n));
      // Cut at a chunk boundary, what is left is whole but has no (note) tracks.
      expect(['corrupt-midi', 'no-tracks', 'no-notes']).toContain(e.code);
    }
    expectError(valid.slice(0, valid.length - 1), 'corrupt-midi', /cut short/);
    expectError(valid.slice(0, 10), 'corrupt-midi', /header/);
  });

  it('zero tracks, and a header that promises tracks the file lacks', () => {
    expectError(smf({ tracks: [] }), 'no-tracks');
    expectError(smf({ tracks: [], ntrks: 3 }), 'no-tracks', /promises 3/);
    expectError(smf({ tracks: [trackData(noteEvents(0, [[60, 0, 10]]))], ntrks: 0 }), 'no-tracks', /header says 0/);
  });

  it('tracks without notes', () => {
    expectError(smf({ tracks: [trackData([tempo(0, 100)]), trackData([program(0, 0, 1)])] }), 'no-notes');
  });

  it('absurd or unsupported timing: PPQ 0 and SMPTE', () => {
    expectError(smf({ division: 0, tracks: [trackData(noteEvents(0, [[60, 0, 10]]))] }), 'corrupt-midi', /PPQ .* is 0/);
    expectError(
      smf({ division: 0xe728, tracks: [trackData(noteEvents(0, [[60, 0, 10]]))] }),
      'unsupported-midi',
      /SMPTE/,
    );
  });

  it('garbage inside a track: running status with no status, data bytes over 127, a status byte for real-time messages, overlong lengths', () => {
    const track = (bytes: number[]) => smf({ tracks: [[...bytes, 0, 0xff, 0x2f, 0]] });
    expectError(track([0, 60, 100]), 'corrupt-midi', /running status/);
    expectError(track([0, 0x90, 200, 100]), 'corrupt-midi', /data byte 0xc8/);
    expectError(track([0, 0xf8]), 'corrupt-midi', /0xf8/);
    expectError(track([0, 0xff, 0x01, 0x7f, 65]), 'corrupt-midi', /past the end/);
    expectError(track([0xff, 0xff, 0xff, 0xff, 0x7f, 0x90, 60, 1]), 'corrupt-midi', /longer than 4 bytes/);
    expectError(smf({ tracks: [[0, 0xff, 0x51, 2, 1, 2, 0, 0xff, 0x2f, 0]] }), 'corrupt-midi'); // a tempo of 2 bytes
  });

  it('skips a chunk type it does not know, as the standard asks, but not binary garbage where a track belongs', () => {
    const alien = Uint8Array.from([...valid.slice(0, 14), ...chunk('JUNK', [1, 2, 3]), ...valid.slice(14)]);
    expect(readMidi(alien).tracks).toHaveLength(1);
    expectError(Uint8Array.from([...valid.slice(0, 14), ...chunk('JUNK', [1, 2, 3])]), 'no-tracks');
    const garbage = Uint8Array.from([...valid.slice(0, 14), 0x01, 0xfe, 0x00, 0x99, ...valid.slice(18)]);
    expectError(garbage, 'corrupt-midi', /found 0x01 0xfe 0x00 0x99 at byte 14 where track 1 should start/);
  });

  it('a refusal names the track and the byte', () => {
    const second = trackData([program(0, 0, 5), [0, 0x90, 60, 0xac]]);
    const bytes = smf({ tracks: [trackData([tempo(0, 120)]), second] });
    // Header 14 bytes, track 1 (8 + 11), track 2's header (8), then the program change (3) and the note.
    expectError(
      bytes,
      'corrupt-midi',
      /^corrupt MIDI file: track 2, byte 44: data byte 0xac in a note-on \(data bytes are 0\.\.127\)$/,
    );
  });
});

describe('readMidi bounds its work, and says which limit a file is over', () => {
  it('a 50 MB file, quickly and without parsing it', () => {
    const big = new Uint8Array(50 * 1024 * 1024);
    big.set(valid.slice(0, 14 + 8));
    expect(big.length).toBeGreaterThan(MAX_MIDI_BYTES);
    expectError(big, 'too-large', /too large: 50\.0 MB \(the limit is 16 MB\)/);
  });

  it('a small valid file with one long rest (a delta of 0x0FFFFFF0 ticks) is refused, not read into millions of bars', () => {
    const events = [
      trackName(0, 'Lead'),
      tempo(0, 120),
      timeSig(0, 4, 4),
      program(0, 0, 0),
      ...noteEvents(0, [[60, 0, 480]]),
      noteOn(0x0ffffff0, 0, 62),
      noteOff(480, 0, 62),
    ];
    const bytes = smf({ format: 0, tracks: [trackData(events)] });
    expect(bytes.length).toBeLessThan(110);
    expectError(
      bytes,
      'too-large',
      new RegExp(
        `track 1, byte \\d+: a note starts at quarter note 559,241 \\(tick 268,435,920\\); the limit is ${MAX_QUARTERS.toLocaleString('en-US')} quarter notes`,
      ),
    );
    // At the limit's edge: a note that starts inside but ends past it, and one never released in a track that ends past it.
    const edge = MAX_QUARTERS * 480;
    expectError(
      smf({ tracks: [trackData([noteOn(edge - 10, 0, 60), noteOff(20, 0, 60)])] }),
      'too-large',
      /a note \(pitch 60, from tick 3,932,150\) ends/,
    );
    expectError(
      smf({ tracks: [trackData([noteOn(edge - 10, 0, 60), [20, 0xff, 0x2f, 0]], false)] }),
      'too-large',
      /never released/,
    );
    expect(
      readMidi(smf({ tracks: [trackData([noteOn(edge - 10, 0, 60), noteOff(10, 0, 60)])] })).tracks[0].notes,
    ).toHaveLength(1);
  });

  it(`more than ${MAX_TRACKS} tracks with notes`, () => {
    const voice = (i: number) => trackData(noteEvents(i % 9, [[40 + (i % 40), 0, 10]]));
    expect(readMidi(smf({ tracks: Array.from({ length: MAX_TRACKS }, (_, i) => voice(i)) })).tracks).toHaveLength(
      MAX_TRACKS,
    );
    // Refused as soon as it is sure: the 65th MIDI track with notes.
    expectError(
      smf({ tracks: Array.from({ length: MAX_TRACKS + 1 }, (_, i) => voice(i)) }),
      'too-large',
      /^MIDI file too large: more than 64 tracks with notes \(track 65, channel 2 would be number 65, at byte 1,[\d,]+\)$/,
    );
    // Or once the programs are known: a setup track changes channel 1's program 65 times under one track's notes.
    const setup = trackData(Array.from({ length: MAX_TRACKS + 1 }, (_, i) => program(i === 0 ? 0 : 10, 0, i)));
    const notes = trackData(
      noteEvents(
        0,
        Array.from({ length: MAX_TRACKS + 1 }, (_, i): [number, number, number] => [60, i * 10, 5]),
      ),
    );
    expectError(
      smf({ tracks: [setup, notes] }),
      'too-large',
      /^MIDI file too large: 65 tracks with notes, over the limit of 64 \(number 65 is track 2, channel 1, program 64\)$/,
    );
    // Tracks without notes (a conductor, lyrics) do not count.
    const empty = Array.from({ length: 100 }, () => trackData([tempo(0, 100)]));
    expect(readMidi(smf({ tracks: [...empty, voice(0)] })).tracks).toHaveLength(1);
  });

  it(`more than ${MAX_NOTES.toLocaleString('en-US')} notes`, () => {
    // One note-on, then running status: (delta 1, off as velocity 0) and (delta 0, on) for every further note.
    const header = smf({ division: 32767, tracks: [] }).slice(0, 14);
    header[11] = 1;
    const body = new Uint8Array(4 + MAX_NOTES * 6 + 7);
    body.set([0, 0x90, 60, 100]);
    for (let p = 4; p < body.length - 7; p += 6) body.set([1, 60, 0, 0, 60, 100], p);
    body.set([1, 60, 0, 0, 0xff, 0x2f, 0], body.length - 7);
    const bytes = Uint8Array.from([...header, ...chunk('MTrk', [])]);
    const file = new Uint8Array(bytes.length + body.length);
    file.set(bytes);
    new DataView(file.buffer).setUint32(18, body.length);
    file.set(body, bytes.length);
    expectError(file, 'too-large', /more than 1,000,000 notes \(note 1,000,001 is in track 1, byte 6,000,0\d\d\)$/);
  });
});

describe('readMidi never throws anything but MusicError (fast-check)', () => {
  it('on random bytes, with and without a MIDI header', () => {
    const header = Array.from(valid.slice(0, 14));
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), (bytes, withHeader) =>
        readsOrRefuses(withHeader ? Uint8Array.from([...header, ...chunk('MTrk', bytes)]) : bytes),
      ),
      { numRuns: 500 },
    );
  });

  it('on a valid file with random bytes overwritten', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
        (edits) => {
          const bytes = valid.slice();
          for (const [at, value] of edits) bytes[at] = value;
          return readsOrRefuses(bytes);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
