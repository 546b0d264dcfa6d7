// One source piece -> training samples (token ids), with deterministic augmentation.
// Pure: the same piece, path and options give the same samples on every machine.
import { encodePiece } from '../music/encode';
import { MusicError } from '../music/errors';
import type { GridPiece } from '../music/grid';
import { sha256 } from '../music/sha256';
import type { Tokenizer } from '../music/tokenizer';
import { budgetTracks } from '../music/trackBudget';
import { mulberry32, shuffleTracks, transpose, transposeRange, windows } from '../music/windows';

export interface SampleOptions {
  bars: number;
  hop: number;
  /** Transposition range in semitones, inclusive, e.g. [-5, 6]; [0, 0] for none. */
  transpose: [number, number];
  /** Augmented copies per window (each with its own transposition and track order). */
  copies: number;
  /** Multiplies copies; a fractional part keeps that share of windows (drawn per window, deterministically). */
  weight: number;
  shuffleTracks: boolean;
  /** Fraction of samples that get one bar replaced by FILL_IN (bar infilling). */
  fill: number;
  /** At most this many tracks per window (trackBudget.ts); null or absent: no budget. */
  maxTracks?: number | null;
  densityEdges?: number[];
}

/** Held-out samples are the windows as they are: one each, no transposition, shuffling or fills. */
export function plain(opts: SampleOptions): SampleOptions {
  return { ...opts, transpose: [0, 0], copies: 1, weight: 1, shuffleTracks: false, fill: 0 };
}

/** A number in [0, 2^32) from a path: decides the split and seeds augmentation. */
export function pathHash(path: string): number {
  const h = sha256(new TextEncoder().encode(path));
  return ((h[0] << 24) | (h[1] << 16) | (h[2] << 8) | h[3]) >>> 0;
}

/** What the track budget did to one piece: windows that had too many tracks, and the INSTs left out. */
export interface BudgetReport {
  windows: number;
  dropped: Record<string, number>;
}

/** A piece's windows with the track budget applied, and what the budget left out. */
export function budgetedWindows(grid: GridPiece, opts: SampleOptions): { windows: GridPiece[]; budget: BudgetReport } {
  const budget: BudgetReport = { windows: 0, dropped: {} };
  const out = windows(grid, opts.bars, opts.hop).map((w) => {
    if (!opts.maxTracks) return w;
    const b = budgetTracks(w, opts.maxTracks);
    if (b.dropped.length > 0) budget.windows++;
    for (const i of b.dropped) budget.dropped[`INST=${w.tracks[i].inst}`] = (budget.dropped[`INST=${w.tracks[i].inst}`] ?? 0) + 1;
    return b.piece;
  });
  return { windows: out, budget };
}

export interface WindowStats {
  /** Note counts per track per window: the data the DENSITY bin edges are computed from. */
  counts: number[];
  /** Windows each INST token plays in. */
  insts: Record<string, number>;
}

export function windowStats(grid: GridPiece, opts: SampleOptions, into: WindowStats = { counts: [], insts: {} }): WindowStats {
  for (const w of budgetedWindows(grid, opts).windows)
    for (const t of w.tracks) {
      into.counts.push(t.notes.length);
      into.insts[`INST=${t.inst}`] = (into.insts[`INST=${t.inst}`] ?? 0) + 1;
    }
  return into;
}

/** Token ids; a token the vocabulary lacks is an error, never a silent [UNK]. */
function ids(tok: Tokenizer, tokens: readonly string[]): number[] {
  const out = new Array<number>(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const id = tok.ids.get(tokens[i]);
    if (id === undefined) throw new MusicError('bad-argument', `${tokens[i]} is not in the vocabulary`);
    out[i] = id;
  }
  return out;
}

export interface EncodedPiece {
  samples: number[][];
  /** Windows before copies and weighting. */
  windows: number;
  budget: BudgetReport;
}

export function encodeSamples(grid: GridPiece, path: string, tok: Tokenizer, opts: SampleOptions): EncodedPiece {
  const random = mulberry32(pathHash(path));
  const { windows: ws, budget } = budgetedWindows(grid, opts);
  const perWindow = opts.copies * opts.weight;
  const whole = Math.floor(perWindow);
  const share = perWindow - whole;
  const samples: number[][] = [];
  for (const window of ws) {
    // Drawn only for a fractional weight, so integer weights keep the augmentation stream as it was.
    const copies = whole + (share > 0 && random() < share ? 1 : 0);
    for (let copy = 0; copy < copies; copy++) {
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
      samples.push(ids(tok, encodePiece(piece, { densityEdges: opts.densityEdges, fill })));
    }
  }
  return { samples, windows: ws.length, budget };
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
