// The header bins (DENSITY, POLYPHONY, DURATION) a pass forces for each track: what the user asked
// for, else what a track's own notes realise, measured as training measured them: over one window
// of `encoding.bars` bars, the note count scaled to that length (controls.ts realisedBins).
//
// Continue measures each track on the song's last `encoding.bars` bars, not on what the model has
// just written: taken from the sliding passes' own context, the bins would drift with the new bars,
// and with a window shorter than the training one (many tracks in a small context) every track
// would read as sparser than it is (the rhythm slowed from eighths to halves).
import { realisedBins, type HeaderEdges } from '../music/controls';
import type { GridNote, GridPiece } from '../music/grid';
import { STEPS_PER_BAR } from '../music/vocab';
import type { TrackControls } from './protocol';

/** The header bins in header order. A job's bins per track are TrackControls: each one set is forced; an unset one is sampled once and kept. */
export const HEADER_KEYS = ['density', 'polyphony', 'duration'] as const;
export type HeaderKey = (typeof HEADER_KEYS)[number];

/** The header tokens a model's tracks have (those with edges), in header order. */
export function headerKeysOf(edges: HeaderEdges): HeaderKey[] {
  return HEADER_KEYS.filter((k) => edges[`${k}Edges`] !== undefined);
}

const notesIn = (notes: readonly GridNote[], fromBar: number, toBar: number) =>
  notes.filter((n) => n.start >= fromBar * STEPS_PER_BAR && n.start < toBar * STEPS_PER_BAR);

/** The bins `notes` (one track, `bars` bars of it) realise, as a `windowBars`-bar training window would carry them. */
export function measuredHeader(
  notes: readonly GridNote[],
  bars: number,
  windowBars: number,
  edges: HeaderEdges,
): TrackControls {
  const bins = realisedBins(notes, bars, windowBars, edges);
  const out: TrackControls = {};
  for (const k of HEADER_KEYS) if (bins[k] !== null) out[k] = bins[k];
  return out;
}

/** Each track's bins over the window's bars [first, first + span) of `history`. */
export function windowHeaders(
  history: GridPiece,
  first: number,
  span: number,
  windowBars: number,
  edges: HeaderEdges,
): TrackControls[] {
  return history.tracks.map((t) => measuredHeader(notesIn(t.notes, first, first + span), span, windowBars, edges));
}

/**
 * Continue: per track of `history`, the bins of its notes over the `bars` bars before `fromBar` (fewer in a
 * shorter song, the count scaled up). A track that rests through those bars keeps the DENSITY of no notes (the
 * song is quiet there; the register guard centres whatever it plays on its earlier notes) and leaves its
 * polyphony and note length to the model. A track with no notes before `fromBar` leaves every bin to the model.
 */
export function recentHeaders(history: GridPiece, fromBar: number, bars: number, edges: HeaderEdges): TrackControls[] {
  const lo = Math.max(0, fromBar - bars);
  return history.tracks.map((t) => {
    if (!t.notes.some((n) => n.start < fromBar * STEPS_PER_BAR)) return {};
    const recent = notesIn(t.notes, lo, fromBar);
    const header = measuredHeader(recent, fromBar - lo, bars, edges);
    return recent.length > 0 ? header : header.density === undefined ? {} : { density: header.density };
  });
}

/** `fixed` where set, else `measured`: the bins one pass forces for a track. */
export function mergedHeader(fixed: TrackControls, measured: TrackControls | undefined): TrackControls {
  const out: TrackControls = { ...measured };
  for (const k of HEADER_KEYS) if (fixed[k] !== undefined) out[k] = fixed[k];
  return out;
}
