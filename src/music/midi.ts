// MIDI files <-> Score. The only module that imports @tonejs/midi.
//
// Reading does not use @tonejs/midi: its note pairing is quadratic (measured here: a
// 100K-note track takes 9 s, 400K notes 142 s), so an upload could hang the page. Instead the
// bytes are checked here, in one linear pass (truncation, garbage, timing, size), and then read
// by readMidiFast (midi-file, linear), so the app and preprocessing read files the same way.
// Writing uses @tonejs/midi, which writes a standard type-1 file.
import * as toneMidi from '@tonejs/midi';
import { MusicError } from './errors';
import { readMidiFast } from './midiFast';
import { DEFAULT_BPM, sortNotes, type Score, type Track } from './score';

// Node loads the package's CommonJS build, whose exports sit on `default`; bundlers load its ES build.
const { Midi } = (Reflect.get(toneMidi, 'default') ?? toneMidi) as typeof toneMidi;

/** Larger files are refused before parsing: real songs are well under 2 MB, and parsing is memory-bound. */
export const MAX_MIDI_BYTES = 16 * 1024 * 1024;
const DRUM_CHANNEL = 9;

const ascii = (b: Uint8Array, at: number) => String.fromCharCode(b[at], b[at + 1], b[at + 2], b[at + 3]);
const u32 = (b: Uint8Array, at: number) => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
const u16 = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1];
const corrupt = (why: string) => new MusicError('corrupt-midi', `corrupt MIDI file: ${why}`);

/** Walk one track's events without building them: every length must stay inside the chunk. */
function checkTrack(b: Uint8Array, start: number, end: number, track: number): void {
  let p = start;
  const fail = (why: string): never => {
    throw corrupt(`track ${track + 1}, byte ${p}: ${why}`);
  };
  const varLen = (): number => {
    let v = 0;
    for (let i = 0; i < 4; i++) {
      if (p >= end) fail('the track is cut short');
      const c = b[p++];
      v = v * 128 + (c & 0x7f);
      if (c < 0x80) return v;
    }
    return fail('a length longer than 4 bytes');
  };
  let running = 0;
  while (p < end) {
    varLen();
    if (p >= end) fail('the track is cut short');
    let status = b[p];
    if (status >= 0x80) p++;
    else if (running === 0) fail('running status with no earlier status byte');
    else status = running;
    if (status === 0xff || status === 0xf0 || status === 0xf7) {
      if (status === 0xff && p++ >= end) fail('the track is cut short');
      const length = varLen(); // not `p += varLen()`: that would add to p as it was before the call
      p += length;
      if (p > end) fail('an event runs past the end of its track');
      continue;
    }
    if (status > 0xf0) fail(`status byte 0x${status.toString(16)} does not belong in a file`);
    running = status;
    const dataBytes = status >= 0xc0 && status < 0xe0 ? 1 : 2;
    if (p + dataBytes > end) fail('the track is cut short');
    for (let k = 0; k < dataBytes; k++) if (b[p + k] >= 0x80) fail(`data byte 0x${b[p + k].toString(16)} (data is 0..127)`);
    p += dataBytes;
  }
}

/** The structural checks @tonejs/midi and midi-file skip: they read past the end or return junk instead. */
function checkSmf(b: Uint8Array): void {
  if (b.length < 4 || ascii(b, 0) !== 'MThd') throw new MusicError('not-midi', 'not a MIDI file (it does not start with MThd)');
  if (b.length > MAX_MIDI_BYTES)
    throw new MusicError('bad-argument', `MIDI file too large: ${(b.length / 2 ** 20).toFixed(1)} MB (the limit is ${MAX_MIDI_BYTES / 2 ** 20} MB)`);
  if (b.length < 14) throw corrupt('the header is cut short');
  const headerLength = u32(b, 4);
  const format = u16(b, 8);
  const declaredTracks = u16(b, 10);
  const division = u16(b, 12);
  if (headerLength < 6 || 8 + headerLength > b.length) throw corrupt(`bad header length ${headerLength}`);
  if (format > 2) throw corrupt(`unknown format ${format} (0, 1 or 2)`);
  if (division & 0x8000) throw corrupt('SMPTE (frames per second) timing is not supported, only ticks per quarter note');
  if (division === 0) throw corrupt('PPQ (ticks per quarter note) is 0');
  let p = 8 + headerLength;
  let tracks = 0;
  while (tracks < declaredTracks && p < b.length) {
    if (p + 8 > b.length) throw corrupt(`track ${tracks + 1} is cut short`);
    const length = u32(b, p + 4);
    if (ascii(b, p) !== 'MTrk') throw corrupt(`found "${ascii(b, p).replace(/[^ -~]/g, '?')}" where track ${tracks + 1} should start`);
    p += 8;
    if (p + length > b.length) throw corrupt(`track ${tracks + 1} is cut short (${b.length - p} of ${length} bytes)`);
    checkTrack(b, p, p + length, tracks);
    p += length;
    tracks++;
  }
  // A header that promises more tracks than the file holds is read as far as it goes.
  if (tracks === 0) throw new MusicError('no-tracks', 'the MIDI file has no tracks');
}

/** Names for unnamed tracks, and distinct names for tracks that share one (channel number when that tells them apart). */
function nameTracks(tracks: Track[]): void {
  tracks.forEach((t, i) => (t.name = t.name.trim() || `Track ${i + 1}`));
  const groups = new Map<string, Track[]>();
  for (const t of tracks) groups.set(t.name, [...(groups.get(t.name) ?? []), t]);
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const byChannel = new Set(group.map((t) => t.channel)).size === group.length;
    group.forEach((t, k) => (t.name = `${t.name} (${byChannel && t.channel !== undefined ? `channel ${t.channel + 1}` : k + 1})`));
  }
}

/** Drop what the file says but cannot mean (zero tempo, 4/0 meters, silent notes). */
function tidy(score: Score): Score {
  score.tempos = score.tempos.filter((t) => Number.isFinite(t.bpm) && t.bpm > 0);
  score.timeSignatures = score.timeSignatures.filter((s) => s.numerator >= 1 && s.denominator >= 1 && s.denominator <= 128);
  nameTracks(score.tracks);
  for (const n of score.tracks.flatMap((t) => t.notes)) {
    n.duration = Math.max(1, n.duration);
    n.velocity = Math.min(127, Math.max(1, n.velocity));
  }
  return score;
}

/**
 * Read a standard MIDI file (format 0, 1 or 2; running status; any PPQ). One track per MIDI
 * track and channel; channel index 9 is drums. Throws MusicError: not-midi, corrupt-midi,
 * no-tracks, no-notes, or bad-argument for a file over MAX_MIDI_BYTES.
 */
export function readMidi(bytes: Uint8Array | ArrayBuffer): Score {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  checkSmf(b);
  try {
    return tidy(readMidiFast(b));
  } catch (e) {
    if (e instanceof MusicError) throw e;
    throw corrupt(e instanceof Error ? e.message : String(e));
  }
}

/** MIDI channel for each track: drums on 9, every other track its own channel (skipping 9), reused past 15. */
function channels(tracks: readonly Track[]): number[] {
  const melodic = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15];
  let next = 0;
  return tracks.map((t) => (t.isDrum ? DRUM_CHANNEL : melodic[next++ % melodic.length]));
}

const clampVelocity = (v: number) => (Number.isFinite(v) ? Math.min(127, Math.max(1, Math.round(v))) : 100);

/** Write a type-1 MIDI file: a tempo/meter track, then one named track per score track with its program. */
export function writeMidi(score: Score): Uint8Array {
  const midi = new Midi();
  const tempos = score.tempos.length > 0 ? [...score.tempos] : [{ tick: 0, bpm: DEFAULT_BPM }];
  if (tempos[0].tick > 0) tempos.unshift({ tick: 0, bpm: DEFAULT_BPM });
  const meters = score.timeSignatures.length > 0 ? score.timeSignatures : [{ tick: 0, numerator: 4, denominator: 4 }];
  midi.header.fromJSON({
    name: '',
    ppq: score.ppq,
    meta: [],
    keySignatures: [],
    tempos: tempos.map((t) => ({ ticks: t.tick, bpm: t.bpm })),
    timeSignatures: meters.map((s) => ({ ticks: s.tick, timeSignature: [s.numerator, s.denominator] })),
  });
  const channelOf = channels(score.tracks);
  score.tracks.forEach((t, i) => {
    const track = midi.addTrack();
    track.name = t.name;
    track.channel = channelOf[i];
    track.instrument.number = t.isDrum ? 0 : t.program;
    // Sorted by start, so at a shared tick a note's off is written before the next same-pitch on.
    for (const n of sortNotes([...t.notes])) {
      // @tonejs/midi stores velocity as v/127 and writes floor(v*127): the half step keeps it exact.
      track.addNote({ midi: n.pitch, ticks: n.start, durationTicks: Math.max(1, n.duration), velocity: (clampVelocity(n.velocity) + 0.5) / 127 });
    }
  });
  return midi.toArray();
}
