// N-bar windows of a GridPiece, and the training-time augmentations (transposition, track order).
import type { GridPiece, GridTrack } from './grid';
import { STEPS_PER_BAR } from './vocab';

/**
 * Windows of `bars` bars every `hop` bars. Tracks with no note in a window are left out of it, and
 * windows with no notes at all are skipped. A piece shorter than one window gives one window, padded
 * with empty bars.
 */
export function windows(piece: GridPiece, bars: number, hop = bars): GridPiece[] {
  if (!(bars >= 1) || !(hop >= 1)) throw new RangeError(`bad window: ${bars} bars, hop ${hop}`);
  const out: GridPiece[] = [];
  const last = Math.max(0, piece.bars - bars);
  for (let first = 0; first <= last; first += hop) {
    const w = slice(piece, first, bars);
    if (w.tracks.length > 0) out.push(w);
  }
  return out;
}

/** Bars [first, first + bars) of a piece, shifted to start at bar 0; empty tracks dropped. */
export function slice(piece: GridPiece, first: number, bars: number): GridPiece {
  const lo = first * STEPS_PER_BAR;
  const hi = (first + bars) * STEPS_PER_BAR;
  const tracks: GridTrack[] = [];
  for (const t of piece.tracks) {
    const notes = t.notes.filter((n) => n.start >= lo && n.start < hi).map((n) => ({ ...n, start: n.start - lo }));
    if (notes.length > 0) tracks.push({ inst: t.inst, notes });
  }
  return { bars, tracks };
}

/** Semitone range a piece can move by without leaving 0..127 (drums never move). */
export function transposeRange(piece: GridPiece): [number, number] {
  let lo = 127;
  let hi = 0;
  for (const t of piece.tracks) {
    if (t.inst === 'DRUMS') continue;
    for (const n of t.notes) {
      lo = Math.min(lo, n.pitch);
      hi = Math.max(hi, n.pitch);
    }
  }
  return lo > hi ? [0, 0] : [-lo, 127 - hi];
}

/** Transpose every pitched track; drums stay. Throws RangeError if a pitch would leave 0..127. */
export function transpose(piece: GridPiece, semitones: number): GridPiece {
  const [lo, hi] = transposeRange(piece);
  if (semitones < lo || semitones > hi) throw new RangeError(`transposing by ${semitones} leaves the MIDI range`);
  return {
    bars: piece.bars,
    tracks: piece.tracks.map((t) =>
      t.inst === 'DRUMS' ? t : { ...t, notes: t.notes.map((n) => ({ ...n, pitch: n.pitch + semitones })) },
    ),
  };
}

/** Reorder tracks with a permutation drawn from `random` (Fisher–Yates). */
export function shuffleTracks(piece: GridPiece, random: () => number): GridPiece {
  const tracks = [...piece.tracks];
  for (let i = tracks.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [tracks[i], tracks[j]] = [tracks[j], tracks[i]];
  }
  return { bars: piece.bars, tracks };
}

/** A small seedable PRNG (mulberry32), so augmentation is the same on every run and machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
