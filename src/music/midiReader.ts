// Standard MIDI File -> Score, in one linear pass that checks the structure as it reads the events.
// The app, the CLI and the preprocess workers all read through here, so they accept and refuse the
// same bytes, and a refusal names what is wrong and where: the track and the byte.
//
// Instruments come from the file, never from names: a track's program is the GM program in force at
// each note's onset, channel index 9 is drums (whatever kit program it selects), a channel that
// changes program becomes one track per program, and a track that carries several channels becomes
// one track per channel. Part names (SOPRANO, MELODY…) are a corpus's business, not the reader's.
import { MusicError } from './errors';
import { MAX_MIDI_BYTES, MAX_TRACKS, maxTicks } from './limits';
import { corrupt, count, hex, PITCH_SLOTS, PROGRAM_SLOTS, readTrack, tooLarge, type ReadState } from './midiTrack';
import { resolvePrograms } from './programs';
import { nameTracks } from './trackNames';
import type { Score } from './score';

const ascii = (b: Uint8Array, at: number) => String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);
const u32 = (b: Uint8Array, at: number) => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
const u16 = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1];
const printable = (s: string) => /^[ -~]{4}$/.test(s);
const shown = (s: string) => (printable(s) ? `"${s}"` : [...s].map((c) => hex(c.charCodeAt(0))).join(' '));

/** The refusal for a file of `bytes` bytes over MAX_MIDI_BYTES, so callers can refuse before reading it in. */
export function sizeError(bytes: number): MusicError | undefined {
  return bytes > MAX_MIDI_BYTES
    ? tooLarge(`${(bytes / 2 ** 20).toFixed(1)} MB (the limit is ${MAX_MIDI_BYTES / 2 ** 20} MB)`)
    : undefined;
}

/**
 * Read a standard MIDI file (format 0, 1 or 2; running status; any PPQ). Throws MusicError:
 * empty-file, not-midi, corrupt-midi, unsupported-midi (SMPTE timing), too-large (bytes, tracks,
 * notes, or length: see limits.ts), no-tracks, no-notes.
 */
export function readMidi(bytes: Uint8Array | ArrayBuffer): Score {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (b.length === 0) throw new MusicError('empty-file', 'the file is empty (0 bytes)');
  if (b.length < 4 || ascii(b, 0) !== 'MThd')
    throw new MusicError(
      'not-midi',
      `not a MIDI file: it starts with ${shown(ascii(b, 0).slice(0, b.length))}, not "MThd"`,
    );
  const size = sizeError(b.length);
  if (size) throw size;
  if (b.length < 14) throw corrupt(`the header is cut short: the file has ${b.length} bytes, a header needs 14`);
  const headerLength = u32(b, 4);
  const format = u16(b, 8);
  const declared = u16(b, 10);
  const division = u16(b, 12);
  if (headerLength < 6) throw corrupt(`the header length at byte 4 says ${headerLength} bytes; a header has 6`);
  if (8 + headerLength > b.length)
    throw corrupt(
      `the header length at byte 4 says ${count(headerLength)} bytes; the file has ${count(b.length - 8)} after it`,
    );
  if (format > 2) throw corrupt(`unknown format ${format} at byte 8 (0, 1 or 2)`);
  if (division & 0x8000)
    throw new MusicError(
      'unsupported-midi',
      'SMPTE (frames per second) timing is not supported, only ticks per quarter note (header byte 12)',
    );
  if (division === 0) throw corrupt('PPQ (ticks per quarter note) is 0 at byte 12');
  if (declared === 0) throw new MusicError('no-tracks', 'the MIDI file has no tracks (its header says 0)');

  const state: ReadState = {
    b,
    horizon: maxTicks(division),
    score: { ppq: division, tempos: [], timeSignatures: [], tracks: [] },
    origins: [],
    notes: 0,
    open: new Array(PITCH_SLOTS),
    heads: new Int32Array(PITCH_SLOTS),
    setTracks: 0,
    channelTracks: 0,
    outs: new Int32Array(PROGRAM_SLOTS).fill(-1),
    changes: Array.from({ length: 16 }, () => []),
    touchedOpen: [],
    touchedOuts: [],
  };
  let p = 8 + headerLength;
  let tracks = 0;
  // Only the tracks the header promises are read: what follows them is not ours to judge. A header
  // that promises more than the file holds is read as far as it goes.
  while (tracks < declared && p < b.length) {
    const where = `track ${tracks + 1} (byte ${count(p)})`;
    if (p + 8 > b.length) throw corrupt(`${where} is cut short: the file ends inside its chunk header`);
    const id = ascii(b, p);
    const length = u32(b, p + 4);
    const fits = p + 8 + length <= b.length;
    if (id !== 'MTrk') {
      // The standard asks readers to skip chunk types they do not know; binary garbage is not one.
      if (printable(id) && fits) {
        p += 8 + length;
        continue;
      }
      throw corrupt(`found ${shown(id)} at byte ${count(p)} where track ${tracks + 1} should start`);
    }
    if (!fits)
      throw corrupt(
        `${where} is cut short: its chunk says ${count(length)} bytes, the file has ${count(b.length - p - 8)} after its header`,
      );
    readTrack(state, p + 8, p + 8 + length, tracks);
    p += 8 + length;
    tracks++;
  }
  if (tracks === 0) throw new MusicError('no-tracks', `the MIDI file has no tracks (its header promises ${declared})`);
  const { score } = state;
  if (score.tracks.length === 0)
    throw new MusicError('no-notes', `the MIDI file has no notes (in ${tracks} track${tracks === 1 ? '' : 's'})`);
  const resolved = resolvePrograms(score.tracks, state.origins, state.changes);
  // Counted once channels and programs are split (work was bounded meanwhile by bytes and notes).
  if (resolved.tracks.length > MAX_TRACKS) {
    const o = resolved.origins[MAX_TRACKS];
    throw tooLarge(
      `${resolved.tracks.length} tracks with notes, over the limit of ${MAX_TRACKS} (number ${MAX_TRACKS + 1} is track ${o.track + 1}, channel ${o.channel + 1}, program ${o.program})`,
    );
  }
  score.tracks = resolved.tracks;
  score.tempos.sort((x, y) => x.tick - y.tick);
  score.timeSignatures.sort((x, y) => x.tick - y.tick);
  nameTracks(score.tracks, resolved.origins);
  return score;
}
