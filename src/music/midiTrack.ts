// One MTrk chunk of a Standard MIDI File -> notes, tempos and meters, in one pass that checks every
// byte it reads: a refusal names the track and the byte. midiReader.ts drives it over the file.
import { MusicError } from './errors';
import { MAX_NOTES, MAX_QUARTERS, MAX_TRACKS } from './limits';
import { UNSET, type ProgramChange } from './programs';
import type { TrackOrigin } from './trackNames';
import type { Note, Score } from './score';

const DRUM_CHANNEL = 9;
/** Slots of the per-(channel, pitch) table, 16 x 128, and of the per-(channel, program or UNSET) one, 16 x 129. */
export const PITCH_SLOTS = 16 * 128;
export const PROGRAM_SLOTS = 16 * 129;

export const hex = (v: number) => `0x${v.toString(16).padStart(2, '0')}`;
export const count = (n: number) => n.toLocaleString('en-US');
export const corrupt = (why: string) => new MusicError('corrupt-midi', `corrupt MIDI file: ${why}`);
export const tooLarge = (why: string) => new MusicError('too-large', `MIDI file too large: ${why}`);

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Track names are UTF-8 in new files and Latin-1 (or worse) in old ones; either way they become one tidy line. */
function text(b: Uint8Array, at: number, length: number): string {
  const bytes = b.subarray(at, at + Math.min(length, 200));
  let s: string;
  try {
    s = utf8.decode(bytes);
  } catch {
    s = String.fromCharCode(...bytes);
  }
  let line = '';
  for (const c of s) line += c < ' ' || c === '\u007f' ? ' ' : c;
  return line.replace(/ {2,}/g, ' ').trim();
}

/** What a whole read collects, and the tables one track's pass reuses (cleared after each track). */
export interface ReadState {
  b: Uint8Array;
  horizon: number;
  score: Score;
  origins: TrackOrigin[];
  notes: number;
  /** Open notes per (channel, pitch), oldest first from heads[key] on (a queue: shift() is linear, and a file can stack a million ons). */
  open: (Note[] | undefined)[];
  heads: Int32Array;
  /** Lower bounds on the final track count, to refuse a file over MAX_TRACKS as soon as it is sure. */
  setTracks: number;
  channelTracks: number;
  /** Output track index per (channel, program + 1) in the current MIDI track; drums use (9, 0). */
  outs: Int32Array;
  /** Every program change per channel, in file order. */
  changes: ProgramChange[][];
  touchedOpen: number[];
  touchedOuts: number[];
}

/** One MTrk chunk, bytes [start, end) of the file; `index` counts MIDI tracks from 0. */
export function readTrack(state: ReadState, start: number, end: number, index: number): void {
  const { b, horizon, score, open, heads, outs, touchedOpen, touchedOuts } = state;
  let channelsWithTracks = 0;
  const firstOut = score.tracks.length;
  const programs = new Int16Array(16).fill(UNSET);
  let name = '';
  let instrument = '';
  let p = start;
  let eventAt = start;
  let tick = 0;
  let running = 0;
  const fail = (why: string): never => {
    throw corrupt(`track ${index + 1}, byte ${count(eventAt)}: ${why}`);
  };
  const pastHorizon = (what: string, at: number): never => {
    const q = Math.floor(at / score.ppq);
    throw tooLarge(
      `track ${index + 1}, byte ${count(eventAt)}: ${what} at quarter note ${count(q)} (tick ${count(at)}); ` +
        `the limit is ${count(MAX_QUARTERS)} quarter notes (${count(MAX_QUARTERS / 4)} bars of 4/4)`,
    );
  };
  const varLen = (): number => {
    let v = 0;
    for (let i = 0; i < 4; i++) {
      if (p >= end) fail('the track ends in the middle of a number');
      const c = b[p++];
      v = v * 128 + (c & 0x7f);
      if (c < 0x80) return v;
    }
    return fail('a number longer than 4 bytes');
  };
  const dataByte = (at: number, what: string): number => {
    if (at >= end) fail(`the track ends in the middle of a ${what}`);
    const v = b[at];
    if (v >= 0x80) fail(`data byte ${hex(v)} in a ${what} (data bytes are 0..127)`);
    return v;
  };

  while (p < end) {
    eventAt = p;
    if (b[p] < 0x80)
      tick += b[p++]; // most deltas fit one byte (p < end here)
    else tick += varLen();
    if (p >= end) fail('the track ends after a delta time, with no event');
    let status = b[p];
    if (status >= 0x80) p++;
    else if (running === 0) fail(`running status (data byte ${hex(status)}) with no earlier status byte`);
    else status = running;

    if (status < 0xf0) {
      running = status;
      const kind = status & 0xf0;
      const channel = status & 0x0f;
      if (kind === 0xc0 || kind === 0xd0) {
        const v = dataByte(p, kind === 0xc0 ? 'program change' : 'channel pressure');
        p += 1;
        if (kind === 0xc0) {
          programs[channel] = v;
          state.changes[channel].push({ tick, program: v });
        }
        continue;
      }
      if (p + 1 >= end || b[p] >= 0x80 || b[p + 1] >= 0x80) {
        const what =
          kind === 0x90
            ? 'note-on'
            : kind === 0x80
              ? 'note-off'
              : kind === 0xa0
                ? 'key pressure'
                : kind === 0xb0
                  ? 'controller'
                  : 'pitch bend';
        dataByte(p, what);
        dataByte(p + 1, what);
      }
      const pitch = b[p];
      const velocity = b[p + 1];
      p += 2;
      if (kind === 0x90 && velocity > 0) {
        if (tick >= horizon) pastHorizon('a note starts', tick);
        if (++state.notes > MAX_NOTES)
          throw tooLarge(
            `more than ${count(MAX_NOTES)} notes (note ${count(state.notes)} is in track ${index + 1}, byte ${count(eventAt)})`,
          );
        // Drums are one track whatever kit is selected; UNSET: resolved once every track is read.
        const program = channel === DRUM_CHANNEL ? 0 : programs[channel];
        const slot = channel * 129 + program + 1;
        let out = outs[slot];
        if (out < 0) {
          // An UNSET track may yet merge into another of its channel, but never below one track per channel.
          if (program !== UNSET) state.setTracks++;
          if (!(channelsWithTracks & (1 << channel))) {
            channelsWithTracks |= 1 << channel;
            state.channelTracks++;
          }
          if (state.setTracks > MAX_TRACKS || state.channelTracks > MAX_TRACKS)
            throw tooLarge(
              `more than ${MAX_TRACKS} tracks with notes (track ${index + 1}, channel ${channel + 1} would be number ${MAX_TRACKS + 1}, at byte ${count(eventAt)})`,
            );
          out = outs[slot] = score.tracks.length;
          touchedOuts.push(slot);
          const isDrum = channel === DRUM_CHANNEL;
          score.tracks.push({
            name: '',
            program: isDrum ? Math.max(0, programs[channel]) : program,
            isDrum,
            channel,
            notes: [],
          });
          state.origins.push({ track: index, channel, program });
        }
        const note: Note = { pitch, start: tick, duration: -1, velocity }; // -1: still sounding
        score.tracks[out].notes.push(note);
        const key = channel * 128 + pitch;
        const queue = open[key];
        if (queue) queue.push(note);
        else {
          open[key] = [note];
          touchedOpen.push(key);
        }
      } else if (kind === 0x80 || kind === 0x90) {
        // First in, first out, as @tonejs/midi pairs them; an off with nothing sounding is ignored.
        const key = channel * 128 + pitch;
        const queue = open[key];
        if (queue && heads[key] < queue.length) {
          const note = queue[heads[key]++];
          if (heads[key] === queue.length) {
            queue.length = 0;
            heads[key] = 0;
          }
          if (tick > horizon) pastHorizon(`a note (pitch ${pitch}, from tick ${count(note.start)}) ends`, tick);
          note.duration = Math.max(1, tick - note.start);
        }
      }
      continue;
    }

    if (status === 0xff) {
      if (p >= end) fail('the track ends in the middle of a meta event');
      const type = b[p++];
      const length = varLen();
      if (p + length > end)
        fail(`a meta event (type ${hex(type)}) of ${count(length)} bytes runs past the end of its track`);
      if (type === 0x2f) break; // end of track: what follows in the chunk is padding
      if (type === 0x03 && !name) name = text(b, p, length);
      else if (type === 0x04 && !instrument) instrument = text(b, p, length);
      else if (type === 0x51) {
        if (length !== 3) fail(`a tempo event of ${length} bytes (a tempo has 3)`);
        const microseconds = (b[p] << 16) | (b[p + 1] << 8) | b[p + 2];
        // Events past the horizon cannot touch a note; a tempo of 0 microseconds per beat means nothing.
        if (microseconds > 0 && tick < horizon) score.tempos.push({ tick, bpm: 60_000_000 / microseconds });
      } else if (type === 0x58) {
        if (length < 2) fail(`a time signature of ${length} bytes (it has 4)`);
        const numerator = b[p];
        const power = b[p + 1];
        if (numerator >= 1 && power <= 7 && tick < horizon)
          score.timeSignatures.push({ tick, numerator, denominator: 2 ** power });
      }
      p += length;
      continue;
    }
    if (status === 0xf0 || status === 0xf7) {
      const length = varLen();
      if (p + length > end) fail(`a system exclusive message of ${count(length)} bytes runs past the end of its track`);
      p += length;
      continue;
    }
    fail(`status byte ${hex(status)} is a real-time or system common message, which does not belong in a file`);
  }

  // A note never released ends where its track ends.
  for (const key of touchedOpen) {
    const queue = open[key]!;
    for (let i = heads[key]; i < queue.length; i++) {
      const note = queue[i];
      if (tick > horizon)
        pastHorizon(
          `a note (pitch ${note.pitch}, from tick ${count(note.start)}) is never released, and its track ends`,
          tick,
        );
      note.duration = Math.max(1, tick - note.start);
    }
    open[key] = undefined;
    heads[key] = 0;
  }
  touchedOpen.length = 0;
  for (const slot of touchedOuts) outs[slot] = -1;
  touchedOuts.length = 0;
  // Within one MIDI track, the tracks it splits into go by channel (then by first note), as sequencers list them.
  const made = score.tracks.splice(firstOut).map((track, k) => ({ track, origin: state.origins[firstOut + k] }));
  made.sort((x, y) => x.origin.channel - y.origin.channel);
  state.origins.length = firstOut;
  for (const { track, origin } of made) {
    sortChords(track.notes);
    origin.name = name || instrument;
    score.tracks.push(track);
    state.origins.push(origin);
  }
}

/**
 * Notes are pushed in onset order, so only notes that share an onset may be out of order (by pitch):
 * sorting those runs is linear for real music, where a general sort of a million notes is not.
 */
function sortChords(notes: Note[]): void {
  for (let i = 0; i < notes.length;) {
    let j = i + 1;
    while (j < notes.length && notes[j].start === notes[i].start) j++;
    if (j - i > 1) {
      const run = notes.slice(i, j).sort((x, y) => x.pitch - y.pitch);
      for (let k = 0; k < run.length; k++) notes[i + k] = run[k];
    }
    i = j;
  }
}
