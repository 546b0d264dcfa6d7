// MIDI files built byte by byte in code, so tests control every detail (format, PPQ,
// running status, truncation) without committing binary fixtures.
import type { Note, Score, Track } from '../score';

/** MIDI variable-length quantity. */
export function vlq(n: number): number[] {
  const out = [n & 0x7f];
  for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) out.unshift((v & 0x7f) | 0x80);
  return out;
}

const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0) & 0x7f);

export function chunk(id: string, data: ArrayLike<number>): number[] {
  return [...ascii(id), ...u32(data.length), ...Array.from(data)];
}

/** One event: its delta time in ticks and its bytes (status byte optional for running status). */
export type RawEvent = [delta: number, ...bytes: number[]];

export const noteOn = (delta: number, ch: number, pitch: number, vel = 100): RawEvent => [delta, 0x90 | ch, pitch, vel];
export const noteOff = (delta: number, ch: number, pitch: number): RawEvent => [delta, 0x80 | ch, pitch, 0];
export const program = (delta: number, ch: number, prog: number): RawEvent => [delta, 0xc0 | ch, prog];
export const tempo = (delta: number, bpm: number): RawEvent => [
  delta,
  0xff,
  0x51,
  3,
  ...u32(Math.round(60_000_000 / bpm)).slice(1),
];
export const timeSig = (delta: number, num: number, den: number): RawEvent => [
  delta,
  0xff,
  0x58,
  4,
  num,
  Math.log2(den),
  24,
  8,
];
export const trackName = (delta: number, name: string): RawEvent => [
  delta,
  0xff,
  0x03,
  ...vlq(name.length),
  ...ascii(name),
];
export const END_OF_TRACK: RawEvent = [0, 0xff, 0x2f, 0];

/** The bytes of a track chunk's data; appends end-of-track unless told not to. */
export function trackData(events: RawEvent[], endOfTrack = true): number[] {
  const out: number[] = [];
  for (const [delta, ...bytes] of endOfTrack ? [...events, END_OF_TRACK] : events) out.push(...vlq(delta), ...bytes);
  return out;
}

export interface SmfSpec {
  format?: number;
  /** Division field as written: PPQ, or a raw value (e.g. 0, or 0xE728 for SMPTE). */
  division?: number;
  /** Track chunk data (see trackData). */
  tracks: number[][];
  /** Track count written in the header; defaults to tracks.length. */
  ntrks?: number;
}

export function smf(spec: SmfSpec): Uint8Array {
  const header = chunk('MThd', [
    ...u16(spec.format ?? 1),
    ...u16(spec.ntrks ?? spec.tracks.length),
    ...u16(spec.division ?? 480),
  ]);
  return Uint8Array.from([...header, ...spec.tracks.flatMap((t) => chunk('MTrk', t))]);
}

/** Events for notes given as [pitch, startTick, durationTicks] on one channel, sorted into a stream. */
export function noteEvents(ch: number, notes: [number, number, number][], vel = 100): RawEvent[] {
  const timed: [number, number, RawEvent][] = [];
  for (const [pitch, start, dur] of notes) {
    timed.push([start + dur, 0, noteOff(0, ch, pitch)]);
    timed.push([start, 1, noteOn(0, ch, pitch, vel)]);
  }
  // At one tick, note-offs first, so a re-struck pitch is not cut short.
  timed.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  return timed.map(([t, , ev]) => {
    const out: RawEvent = [t - now, ...ev.slice(1)];
    now = t;
    return out;
  });
}

/** The seed example: one bass bar C#3 B2 A#2 G#2 F#2 in sixteenths 4 2 2 4 4, at the given PPQ. */
export function seedScore(ppq = 480): Score {
  const s = ppq / 4;
  const notes: Note[] = [
    [61, 0, 4],
    [59, 4, 2],
    [58, 6, 2],
    [56, 8, 4],
    [54, 12, 4],
  ].map(([pitch, start, dur]) => ({ pitch, start: start * s, duration: dur * s, velocity: 90 }));
  const bass: Track = { name: 'Bass', program: 32, isDrum: false, part: 'BASS', notes };
  return {
    ppq,
    tempos: [{ tick: 0, bpm: 120 }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    tracks: [bass],
  };
}
