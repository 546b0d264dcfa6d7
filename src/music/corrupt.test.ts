// Bad input gives a MusicError with a reason, never another exception and never a hang.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MusicError, type MusicErrorCode } from './errors';
import { MAX_MIDI_BYTES, readMidi } from './midi';
import { chunk, noteEvents, program, smf, tempo, trackData } from './testing/fixtures';

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
  tracks: [trackData([tempo(0, 120)]), trackData([program(0, 0, 5), ...noteEvents(0, [[60, 0, 480], [64, 240, 960], [67, 480, 100]])])],
});

describe('readMidi refuses bad input with a typed error', () => {
  it('not MIDI: empty, text, a RIFF header', () => {
    expectError(new Uint8Array(0), 'not-midi', /MThd/);
    expectError(new TextEncoder().encode('hello, this is not a song'), 'not-midi');
    expectError(new TextEncoder().encode('RIFF....WAVEfmt '), 'not-midi');
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
    expectError(smf({ tracks: [], ntrks: 3 }), 'no-tracks');
  });

  it('tracks without notes', () => {
    expectError(smf({ tracks: [trackData([tempo(0, 100)]), trackData([program(0, 0, 1)])] }), 'no-notes');
  });

  it('absurd or unsupported timing: PPQ 0 and SMPTE', () => {
    expectError(smf({ division: 0, tracks: [trackData(noteEvents(0, [[60, 0, 10]]))] }), 'corrupt-midi', /PPQ .* is 0/);
    expectError(smf({ division: 0xe728, tracks: [trackData(noteEvents(0, [[60, 0, 10]]))] }), 'corrupt-midi', /SMPTE/);
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

  it('a chunk that is not a track where a track belongs', () => {
    const bytes = Uint8Array.from([...valid.slice(0, 14), ...chunk('JUNK', [1, 2, 3])]);
    expectError(bytes, 'corrupt-midi', /"JUNK"/);
  });

  it('a 50 MB file, quickly and without parsing it', () => {
    const big = new Uint8Array(50 * 1024 * 1024);
    big.set(valid.slice(0, 14 + 8));
    expect(big.length).toBeGreaterThan(MAX_MIDI_BYTES);
    expectError(big, 'bad-argument', /too large: 50\.0 MB/);
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
      fc.property(fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), (edits) => {
        const bytes = valid.slice();
        for (const [at, value] of edits) bytes[at] = value;
        return readsOrRefuses(bytes);
      }),
      { numRuns: 1000 },
    );
  });
});
