// The song model. Ticks are the source of truth: seconds are derived from the
// tempo map only where audio needs them, never stored here.

import type { PartName } from './parts';

// Which part names exist is the encoding's business (parts.ts), not the song model's.
export { isPartName, type PartName } from './parts';

export interface Note {
  /** MIDI pitch 0..127. */
  pitch: number;
  /** Onset in ticks from the start of the piece. */
  start: number;
  /** Length in ticks, > 0. */
  duration: number;
  /** MIDI velocity 1..127. */
  velocity: number;
}

export interface Track {
  /** Display name (from the MIDI track name, or made up). */
  name: string;
  /** General MIDI program 0..127; for drums the GS kit it selects (0 = standard), which does not change the sound set. */
  program: number;
  /** True for percussion (MIDI channel 10, index 9). */
  isDrum: boolean;
  /** MIDI channel 0..15 the notes came from / go to, when known. */
  channel?: number;
  /** Part name, when a corpus or encoding names the track's voice (SATB, MELODY…); never from a track name. */
  part?: PartName;
  /** Notes sorted by start, then pitch. */
  notes: Note[];
}

export interface TempoEvent {
  tick: number;
  bpm: number;
}

export interface TimeSignatureEvent {
  tick: number;
  numerator: number;
  denominator: number;
}

export interface Score {
  /** Ticks per quarter note. */
  ppq: number;
  /** Sorted by tick; an empty map means 120 BPM. */
  tempos: TempoEvent[];
  /** Sorted by tick; an empty list means 4/4 throughout. */
  timeSignatures: TimeSignatureEvent[];
  tracks: Track[];
}

export const DEFAULT_BPM = 120;

export function emptyScore(ppq = 480): Score {
  return {
    ppq,
    tempos: [{ tick: 0, bpm: DEFAULT_BPM }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    tracks: [],
  };
}

export function noteCount(score: Score): number {
  return score.tracks.reduce((n, t) => n + t.notes.length, 0);
}

/** Last tick at which any note sounds. */
export function endTick(score: Score): number {
  let end = 0;
  for (const t of score.tracks) for (const n of t.notes) end = Math.max(end, n.start + n.duration);
  return end;
}

export function sortNotes(notes: Note[]): Note[] {
  return notes.sort((a, b) => a.start - b.start || a.pitch - b.pitch);
}
