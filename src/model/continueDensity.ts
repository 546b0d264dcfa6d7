// The DENSITY each track is continued with: measured on the song, not on what the model just wrote.
// In training a track's DENSITY bins its note count over one window of `encoding.bars` bars, so
// the prompt bins the same count over the song's last `encoding.bars` bars (the window the register
// guard measures too). Taken from the sliding passes' own context instead, it would drift with the
// model's new bars, and with a window shorter than the training one (many tracks in a small
// context) every track would read as sparser than it is: the rhythm slowed from eighths to halves.
import { densityBin } from '../music/encode';
import type { GridNote, GridPiece } from '../music/grid';
import { STEPS_PER_BAR } from '../music/vocab';

const notesIn = (notes: readonly GridNote[], fromBar: number, toBar: number) =>
  notes.filter((n) => n.start >= fromBar * STEPS_PER_BAR && n.start < toBar * STEPS_PER_BAR).length;

/**
 * A note count over `known` bars as the count over `bars` bars (a song shorter than a window), binned by `edges`.
 */
export function windowDensity(count: number, known: number, bars: number, edges: readonly number[]): number {
  return densityBin(Math.round((count * bars) / Math.max(1, known)), edges);
}

/**
 * Per track of `history`, the DENSITY bin of its notes over the `bars` bars before `fromBar`. A track that
 * rests through those bars gets the bin of no notes: the song is quiet there, and the continuation stays
 * close to it (the model may still bring the track in lightly; the register guard centres it on its
 * earlier notes). A track with no notes before `fromBar` gets undefined, and the model samples its DENSITY.
 */
export function recentDensities(history: GridPiece, fromBar: number, bars: number, edges: readonly number[]): (number | undefined)[] {
  const lo = Math.max(0, fromBar - bars);
  return history.tracks.map((t) =>
    t.notes.some((n) => n.start < fromBar * STEPS_PER_BAR) ? windowDensity(notesIn(t.notes, lo, fromBar), fromBar - lo, bars, edges) : undefined,
  );
}
