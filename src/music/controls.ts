// The per-track control measures behind the POLYPHONY and DURATION header tokens (beside DENSITY):
// what a track's notes realise, and which bin of a model's edges that falls in. The encoder, the
// preprocess stats and `cantor decode --json` all measure through these, so a requested bin and
// a realised bin mean the same thing.
import type { GridNote } from './grid';

/** The control tokens of a track header after DENSITY, in header (and vocabulary) order. */
export const CONTROL_KINDS = ['POLYPHONY', 'DURATION'] as const;
export type ControlKind = (typeof CONTROL_KINDS)[number];

/** Bins per control (so bins - 1 edges): 5, as the quantiles of band data separate them well. */
export const CONTROL_BINS: Record<ControlKind, number> = { POLYPHONY: 5, DURATION: 5 };

/**
 * Edges are multiples of 1/CONTROL_SCALE and preprocessing stores a value as floor(value * CONTROL_SCALE):
 * then `edge <= value` exactly when `edge <= stored / CONTROL_SCALE`, so training and generation bin alike.
 */
export const CONTROL_SCALE = 256;

/** Mean number of notes sounding per 16th step, over the steps where at least one sounds (1 = monophonic; 0 with no notes). */
export function polyphony(notes: readonly GridNote[]): number {
  if (notes.length === 0) return 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const n of notes) {
    lo = Math.min(lo, n.start);
    hi = Math.max(hi, n.start + n.duration);
  }
  const sounding = new Uint16Array(hi - lo);
  let total = 0;
  for (const n of notes) {
    total += n.duration;
    for (let s = n.start; s < n.start + n.duration; s++) sounding[s - lo]++;
  }
  let busy = 0;
  for (const c of sounding) if (c > 0) busy++;
  return total / busy;
}

/** Mean note length in 16ths (0 with no notes). The mean, not the median: the median of whole 16ths bins too coarsely. */
export function meanDuration(notes: readonly GridNote[]): number {
  if (notes.length === 0) return 0;
  let total = 0;
  for (const n of notes) total += n.duration;
  return total / notes.length;
}

export const CONTROL_MEASURES: Record<ControlKind, (notes: readonly GridNote[]) => number> = {
  POLYPHONY: polyphony,
  DURATION: meanDuration,
};

/** A measure in units of 1/CONTROL_SCALE, rounded down (what the preprocess stats and placeholders hold). */
export function controlUnits(value: number): number {
  return Math.floor(value * CONTROL_SCALE + 1e-9);
}

/** The bin of a value: the number of edges at or below it (as densityBin). */
export function binOf(value: number, edges: readonly number[]): number {
  let bin = 0;
  while (bin < edges.length && edges[bin] <= value) bin++;
  return bin;
}

/**
 * Bin edges, as multiples of 1/CONTROL_SCALE, that cut values (in 1/CONTROL_SCALE units) into `bins` bins as
 * near equal in size as the data's ties allow. Measures have heavy ties (nearly half of band tracks are
 * exactly monophonic), which plain quantiles would turn into empty bins: here each edge is the value whose
 * count below it is nearest to an equal share of what the bins before it left, so a tie that overfills one
 * bin leaves the rest evenly split. No values: evenly spaced placeholders.
 */
export function controlEdges(units: readonly number[], bins: number): number[] {
  if (units.length === 0) return Array.from({ length: bins - 1 }, (_, i) => i + 1);
  const sorted = [...units].sort((a, b) => a - b);
  // Each distinct value (and one unit past the largest), with the number of values below it.
  const cuts: { unit: number; below: number }[] = [];
  sorted.forEach((u, i) => {
    if (i === 0 || u !== sorted[i - 1]) cuts.push({ unit: u, below: i });
  });
  cuts.push({ unit: sorted[sorted.length - 1] + 1, below: sorted.length });
  const edges: number[] = [];
  let from = 1; // the first cut has nothing below it
  let done = 0; // values below the last edge
  for (let i = 1; i < bins; i++) {
    const target = done + (sorted.length - done) / (bins - i + 1);
    let best = Math.min(from, cuts.length - 1);
    for (let c = best; c < cuts.length - (bins - 1 - i); c++)
      if (Math.abs(cuts[c].below - target) < Math.abs(cuts[best].below - target)) best = c;
    edges.push(Math.max(cuts[best].unit, (edges[edges.length - 1] ?? 0) + 1));
    done = cuts[best].below;
    from = best + 1;
  }
  return edges.map((u) => u / CONTROL_SCALE);
}

/** One header token's bins in an encoding.json (and a model's config.json `encoding`): on or off, and the bin edges. */
export interface EdgesConfig {
  enabled?: boolean;
  edges?: number[];
}

/** The part of an encoding.json that says which header tokens a track has. */
export interface HeaderConfig {
  /** Bars per training window: DENSITY bins note counts over that many bars. */
  bars?: number;
  density?: EdgesConfig;
  polyphony?: EdgesConfig;
  duration?: EdgesConfig;
}

/** The edges of each header token an encoding has on (the EncodeOptions fields); absent when off. */
export interface HeaderEdges {
  densityEdges?: number[];
  polyphonyEdges?: number[];
  durationEdges?: number[];
}

const edgesIfOn = (c: EdgesConfig | undefined) =>
  c?.enabled && Array.isArray(c.edges) && c.edges.length > 0 ? c.edges : undefined;

/** An encoding's header edges, read once from its config; a header token that is off, or has no edges, is left out. */
export function headerEdges(e: HeaderConfig | undefined): HeaderEdges {
  const out: HeaderEdges = {};
  const density = edgesIfOn(e?.density);
  const polyphony = edgesIfOn(e?.polyphony);
  const duration = edgesIfOn(e?.duration);
  if (density) out.densityEdges = density;
  if (polyphony) out.polyphonyEdges = polyphony;
  if (duration) out.durationEdges = duration;
  return out;
}

/** A track's three header bins (null where unknown). */
export interface ControlBins {
  density: number | null;
  polyphony: number | null;
  duration: number | null;
}

/**
 * The bins a track's notes realise under an encoding's edges (null where the encoding has none). DENSITY
 * bins the note count scaled to the encoding's window (`windowBars`) from the piece's `bars`, as a
 * training window of that length would count it; polyphony and duration do not depend on length.
 */
export function realisedBins(
  notes: readonly GridNote[],
  bars: number,
  windowBars: number,
  edges: HeaderEdges,
): ControlBins {
  const scaled = Math.round((notes.length * windowBars) / Math.max(1, bars));
  return {
    density: edges.densityEdges ? binOf(scaled, edges.densityEdges) : null,
    polyphony: edges.polyphonyEdges ? binOf(polyphony(notes), edges.polyphonyEdges) : null,
    duration: edges.durationEdges ? binOf(meanDuration(notes), edges.durationEdges) : null,
  };
}
