// Voice leading of one candidate note against SATB voices already written: which pitches
// would make a parallel fifth/octave or a voice crossing. The definitions are those of
// training/music_stats.py (parallel_count, crossing_steps), so a sampler that avoids the
// flagged pitches moves exactly the figures the evaluation reports.
//
// Only the four chorale parts take part. A BASS track counts only next to other SATB parts
// (in a pop piece MELODY/BRIDGE/PIANO are not SATB, so a pop BASS finds nobody to check).
// Two tracks with the same part name are not compared with each other: the statistics merge
// them into one voice.
import { SATB } from './parts';

/** 0 for SOPRANO .. 3 for BASS (a higher part below a lower one is a crossing); -1 for anything else. */
export function satbRank(part: string): number {
  return (SATB as readonly string[]).indexOf(part);
}

/** A note on the 16th grid, in sixteenths from the start of the piece. */
export interface VoiceNote {
  pitch: number;
  start: number;
  /** Exclusive; Infinity while the note is still sounding (its NOTE_OFF not written yet). */
  end: number;
}

export interface Voice {
  /** The track's INST value, e.g. 'SOPRANO' or '52'. */
  part: string;
  notes: readonly VoiceNote[];
}

export const PARALLEL_FIFTH = 1;
export const PARALLEL_OCTAVE = 2;
export const CROSSING = 4;

/** Highest pitch sounding at `time` (as the statistics' piano roll keeps it), -1 for silence. */
export function soundingAt(notes: readonly VoiceNote[], time: number): number {
  let pitch = -1;
  for (const n of notes) if (n.start <= time && time < n.end && n.pitch > pitch) pitch = n.pitch;
  return pitch;
}

const mod12 = (n: number) => ((n % 12) + 12) % 12;

/**
 * Flags, per pitch 0..127, of a NOTE_ON of `current` at time `t` (sixteenths from the piece start):
 * PARALLEL_FIFTH / PARALLEL_OCTAVE when it and some other voice both move, the same way, from
 * interval class 7 (or 0) at the previous onset time to the same class at t; CROSSING when it would
 * sound above the nearest higher part or below the nearest lower part sounding at t. The previous
 * onset time is the latest onset before t among all voices given (current included).
 * `current.notes` are the current voice's notes before t; the candidate is taken as its only pitch at t.
 */
export function voiceLeadingFlags(
  others: readonly Voice[],
  current: Voice,
  t: number,
  out: Uint8Array = new Uint8Array(128),
): Uint8Array {
  out.fill(0);
  const rank = satbRank(current.part);
  if (rank < 0) return out;
  const voices = others.filter((v) => satbRank(v.part) >= 0 && v.part !== current.part);
  flagParallels(voices, current, rank, t, out);
  flagCrossings(voices, rank, t, out);
  return out;
}

function flagParallels(voices: readonly Voice[], current: Voice, rank: number, t: number, out: Uint8Array): void {
  let t1 = -1;
  for (const v of [...voices, current]) for (const n of v.notes) if (n.start < t && n.start > t1) t1 = n.start;
  if (t1 < 0) return;
  const p1 = soundingAt(current.notes, t1);
  if (p1 < 0) return;
  for (const v of voices) {
    const q1 = soundingAt(v.notes, t1);
    const q2 = soundingAt(v.notes, t);
    if (q1 < 0 || q2 < 0 || q1 === q2) continue;
    // The interval is measured from the lower part up to the higher part (in SATB order, not pitch).
    const sign = rank < satbRank(v.part) ? 1 : -1;
    const interval = mod12(sign * (p1 - q1));
    if (interval !== 7 && interval !== 0) continue;
    const flag = interval === 7 ? PARALLEL_FIFTH : PARALLEL_OCTAVE;
    const up = q2 > q1;
    for (let p2 = mod12(q2 + sign * interval); p2 < 128; p2 += 12) if (p2 !== p1 && p2 > p1 === up) out[p2] |= flag;
  }
}

function flagCrossings(voices: readonly Voice[], rank: number, t: number, out: Uint8Array): void {
  let above = { rank: -1, pitch: -1 };
  let below = { rank: SATB.length as number, pitch: -1 };
  for (const v of voices) {
    const r = satbRank(v.part);
    const pitch = soundingAt(v.notes, t);
    if (pitch < 0) continue;
    if (r < rank && r > above.rank) above = { rank: r, pitch };
    if (r > rank && r < below.rank) below = { rank: r, pitch };
  }
  if (above.pitch >= 0) for (let p = above.pitch + 1; p < 128; p++) out[p] |= CROSSING;
  if (below.pitch >= 0) for (let p = 0; p < below.pitch; p++) out[p] |= CROSSING;
}
