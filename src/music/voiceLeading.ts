// Voice leading of one candidate note against SATB voices already written: which pitches
// would make a parallel fifth/octave or a voice crossing. The definitions are those of
// training/music_stats.py (parallel_count, crossing_steps), so a sampler that avoids the
// flagged pitches moves exactly the figures the evaluation reports.
//
// Only the four chorale parts take part. A BASS track counts only next to other SATB parts
// (in a pop piece MELODY/BRIDGE/PIANO are not SATB, so a pop BASS finds nobody to check).
// Two tracks with the same part name are not compared with each other: the statistics merge
// them into one voice.
import type { GridPiece } from './grid';
import { SATB } from './parts';
import { STEPS_PER_BAR } from './vocab';

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

/** A piece's voice-leading faults, as training/music_stats.py counts them. */
export interface VoiceLeadingFaults {
  /** Parallel fifths and octaves (unisons included): parallel_count. */
  fifths: number;
  octaves: number;
  /** Sixteenths where some adjacent pair of SATB parts is crossed: crossing_steps' first figure. */
  crossedSteps: number;
}

/** The SATB parts present, top down, each as its highest sounding pitch per sixteenth (-1: silence). */
function satbRolls(piece: GridPiece): Int16Array[] {
  const steps = piece.bars * STEPS_PER_BAR;
  const rolls = new Map<string, Int16Array>();
  for (const t of piece.tracks) {
    if (satbRank(t.inst) < 0) continue;
    const roll = rolls.get(t.inst) ?? new Int16Array(steps).fill(-1);
    rolls.set(t.inst, roll);
    for (const n of t.notes)
      for (let s = n.start; s < Math.min(steps, n.start + n.duration); s++) roll[s] = Math.max(roll[s], n.pitch);
  }
  return SATB.filter((part) => rolls.has(part)).map((part) => rolls.get(part)!);
}

/** Counts what the guard avoids: parallels between any two SATB parts at consecutive onsets, and crossed steps. */
export function voiceLeadingFaults(piece: GridPiece): VoiceLeadingFaults {
  const rolls = satbRolls(piece);
  const times = [...new Set(piece.tracks.flatMap((t) => t.notes.map((n) => n.start)))].sort((a, b) => a - b);
  const faults = { fifths: 0, octaves: 0, crossedSteps: 0 };
  for (let i = 0; i < rolls.length; i++)
    for (let j = i + 1; j < rolls.length; j++)
      for (let k = 1; k < times.length; k++) {
        const [p1, p2, q1, q2] = [
          rolls[i][times[k - 1]],
          rolls[i][times[k]],
          rolls[j][times[k - 1]],
          rolls[j][times[k]],
        ];
        if (Math.min(p1, p2, q1, q2) < 0 || p1 === p2 || q1 === q2 || (p2 - p1) * (q2 - q1) <= 0) continue;
        const [i1, i2] = [mod12(p1 - q1), mod12(p2 - q2)];
        if (i1 === 7 && i2 === 7) faults.fifths++;
        else if (i1 === 0 && i2 === 0) faults.octaves++;
      }
  for (let s = 0; s < piece.bars * STEPS_PER_BAR; s++)
    if (
      rolls.some(
        (upper, i) => i + 1 < rolls.length && upper[s] >= 0 && rolls[i + 1][s] >= 0 && upper[s] < rolls[i + 1][s],
      )
    )
      faults.crossedSteps++;
  return faults;
}
