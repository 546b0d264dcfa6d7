// N-bar windows of a GridPiece, and the training-time augmentations (transposition, track order).
import { runStarts, type GridNote, type GridPiece, type GridTrack } from './grid';
import { STEPS_PER_BAR } from './vocab';

/**
 * Windows of `bars` bars every `hop` bars, inside each run of consecutive file bars (a window never
 * spans a bar the grid skipped, such as a 2/4 bar). Tracks with no note in a window are left out of
 * it, and windows with no notes at all are skipped, so long rests cost nothing. A run shorter than
 * one window gives one window, padded with empty bars. Time: linear in the windows and their notes.
 */
export function windows(piece: GridPiece, bars: number, hop = bars): GridPiece[] {
  if (!(bars >= 1) || !(hop >= 1)) throw new RangeError(`bad window: ${bars} bars, hop ${hop}`);
  const sorted = sortedTracks(piece);
  const starts = runStarts(piece);
  const out: GridPiece[] = [];
  starts.forEach((runStart, r) => {
    const runEnd = r + 1 < starts.length ? starts[r + 1] : piece.bars;
    const last = Math.max(runStart, runEnd - bars);
    for (let first = runStart; first <= last; first += hop) {
      const w = cut(sorted, first, Math.min(bars, runEnd - first), bars);
      if (w.tracks.length > 0) out.push(w);
    }
  });
  return out;
}

/** Bars [first, first + bars) of a piece, shifted to start at bar 0; empty tracks dropped. */
export function slice(piece: GridPiece, first: number, bars: number): GridPiece {
  return cut(sortedTracks(piece), first, bars, bars);
}

function sortedTracks(piece: GridPiece): GridTrack[] {
  return piece.tracks.map((t) => ({
    inst: t.inst,
    notes: [...t.notes].sort((a, b) => a.start - b.start || a.pitch - b.pitch),
  }));
}

/** First index of a note starting at or after `step` (notes sorted by start). */
function lowerBound(notes: readonly GridNote[], step: number): number {
  let lo = 0;
  let hi = notes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (notes[mid].start < step) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The notes of `take` bars from `first` (tracks sorted by start), as a piece of `bars` bars. */
function cut(tracks: readonly GridTrack[], first: number, take: number, bars: number): GridPiece {
  const lo = first * STEPS_PER_BAR;
  const hi = (first + take) * STEPS_PER_BAR;
  const out: GridTrack[] = [];
  for (const t of tracks) {
    const notes: GridNote[] = [];
    for (let i = lowerBound(t.notes, lo); i < t.notes.length && t.notes[i].start < hi; i++)
      notes.push({ ...t.notes[i], start: t.notes[i].start - lo });
    if (notes.length > 0) out.push({ inst: t.inst, notes });
  }
  return { bars, tracks: out };
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
