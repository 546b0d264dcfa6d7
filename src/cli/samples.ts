// One source piece -> training samples (token ids), with deterministic augmentation.
// Pure: the same piece, path and options give the same samples on every machine.
import { encodePiece } from '../music/encode';
import type { GridPiece } from '../music/grid';
import type { PartName } from '../music/score';
import { sha256 } from '../music/sha256';
import { encodeIds, type Tokenizer } from '../music/tokenizer';
import { mulberry32, shuffleTracks, transpose, transposeRange, windows } from '../music/windows';

export interface SampleOptions {
  bars: number;
  hop: number;
  /** Transposition range in semitones, inclusive, e.g. [-5, 6]; [0, 0] for none. */
  transpose: [number, number];
  /** Augmented copies per window (each with its own transposition and track order). */
  copies: number;
  shuffleTracks: boolean;
  /** Fraction of samples that get one bar replaced by FILL_IN (bar infilling). */
  fill: number;
  parts?: PartName[];
  densityEdges?: number[];
}

/** A number in [0, 1) from a path: decides the split and seeds augmentation. */
export function pathHash(path: string): number {
  const h = sha256(new TextEncoder().encode(path));
  return ((h[0] << 24) | (h[1] << 16) | (h[2] << 8) | h[3]) >>> 0;
}

/** Note counts per track per window: the data the DENSITY bin edges are computed from. */
export function windowTrackCounts(grid: GridPiece, opts: SampleOptions): number[] {
  return windows(grid, opts.bars, opts.hop).flatMap((w) => w.tracks.map((t) => t.notes.length));
}

export function encodeSamples(grid: GridPiece, path: string, tok: Tokenizer, opts: SampleOptions): number[][] {
  const random = mulberry32(pathHash(path));
  const out: number[][] = [];
  for (const window of windows(grid, opts.bars, opts.hop)) {
    for (let copy = 0; copy < opts.copies; copy++) {
      let piece = window;
      const [lo, hi] = transposeRange(piece);
      const from = Math.max(lo, opts.transpose[0]);
      const to = Math.min(hi, opts.transpose[1]);
      const semitones = from <= to ? from + Math.floor(random() * (to - from + 1)) : 0;
      if (semitones !== 0) piece = transpose(piece, semitones);
      if (opts.shuffleTracks) piece = shuffleTracks(piece, random);
      const fill =
        random() < opts.fill
          ? [{ track: Math.floor(random() * piece.tracks.length), bar: Math.floor(random() * piece.bars) }]
          : undefined;
      out.push(encodeIds(tok, encodePiece(piece, { densityEdges: opts.densityEdges, fill })));
    }
  }
  return out;
}

/** Bin edges at the 10%, 20%, … 90% quantiles of the counts (nine edges, ten bins). */
export function densityEdges(counts: readonly number[], bins = 10): number[] {
  if (counts.length === 0) return Array.from({ length: bins - 1 }, (_, i) => i + 1);
  const sorted = [...counts].sort((a, b) => a - b);
  const edges: number[] = [];
  for (let i = 1; i < bins; i++) {
    const q = sorted[Math.min(sorted.length - 1, Math.floor((i * sorted.length) / bins))];
    edges.push(Math.max(q, (edges[edges.length - 1] ?? 0) + 1)); // strictly increasing
  }
  return edges;
}
