// One source piece -> training samples (token ids), with deterministic augmentation.
// Pure: the same piece, path and options give the same samples on every machine.
import { binOf, CONTROL_MEASURES, CONTROL_SCALE, controlUnits, type ControlKind } from '../music/controls';
import { encodePiece } from '../music/encode';
import { MusicError } from '../music/errors';
import type { GridNote, GridPiece } from '../music/grid';
import { sha256 } from '../music/sha256';
import type { Tokenizer } from '../music/tokenizer';
import { budgetTracks } from '../music/trackBudget';
import { mulberry32 } from '../music/rng';
import { shuffleTracks, transpose, transposeRange, windows } from '../music/windows';

/** How one corpus's windows become samples (the train split; held-out splits are always plain). */
export interface Augmentation {
  hop: number;
  /** Transposition range in semitones, inclusive, e.g. [-5, 6]; [0, 0] for none. Drums never move. */
  transpose: [number, number];
  /** Augmented copies per window (each with its own transposition and track order). */
  copies: number;
  /** Multiplies copies; a fractional part keeps that share of windows (drawn per window, deterministically): weighs a corpus against the others. */
  weight: number;
  shuffleTracks: boolean;
  /** Fraction of samples that get one bar replaced by FILL_IN (bar infilling). */
  fill: number;
}

export interface SampleOptions extends Augmentation {
  bars: number;
  /** At most this many tracks per window (trackBudget.ts); null or absent: no budget. */
  maxTracks?: number | null;
  /** Write a DENSITY slot after each INST (a placeholder holding the note count, see HeaderSlots). */
  density: boolean;
  /** Write POLYPHONY / DURATION slots after it (placeholders holding the measure in 1/CONTROL_SCALE units). */
  polyphony?: boolean;
  duration?: boolean;
}

/** A header token kind whose bin is known only once the whole corpus is counted. */
export type SlotKind = 'DENSITY' | ControlKind;

/** The header slots an encoding writes after each INST, in header order. */
export function slotKinds(opts: Pick<SampleOptions, 'density' | 'polyphony' | 'duration'>): SlotKind[] {
  const kinds: SlotKind[] = [];
  if (opts.density) kinds.push('DENSITY');
  if (opts.polyphony) kinds.push('POLYPHONY');
  if (opts.duration) kinds.push('DURATION');
  return kinds;
}

/**
 * The DENSITY, POLYPHONY and DURATION bin edges are known only once the whole corpus is counted, so
 * samples carry placeholder ids after each INST holding the track's measures, and the shard writer turns
 * them into tokens (resolveSlots). Vocabularies are far smaller than 0x8000, so the ids never clash.
 */
export const SLOT = 0x8000;
const MAX_SLOT_VALUE = 0x7fff;
const slotId = (value: number) => SLOT + Math.min(value, MAX_SLOT_VALUE);

/** A slot's value for one track: the note count for DENSITY, the measure in 1/CONTROL_SCALE units for the controls. */
function slotValue(kind: SlotKind, notes: readonly GridNote[]): number {
  return kind === 'DENSITY' ? notes.length : controlUnits(CONTROL_MEASURES[kind](notes));
}

/**
 * Replace every placeholder by its token id, in place. The placeholders after an INST come in the order
 * of `edges` (header order): the k-th of a run is binned with the k-th edges.
 */
export function resolveSlots(
  ids: Uint16Array,
  edges: readonly { kind: SlotKind; edges: readonly number[] }[],
  tok: Tokenizer,
): void {
  const bins = edges.map(({ kind, edges: e }) => {
    const row = Array.from({ length: e.length + 1 }, (_, b) => tok.ids.get(`${kind}=${b}`));
    if (row.some((id) => id === undefined))
      throw new MusicError('bad-argument', `the vocabulary has no ${kind}=0..${e.length}`);
    return row as number[];
  });
  const scale = edges.map(({ kind }) => (kind === 'DENSITY' ? 1 : CONTROL_SCALE));
  let k = 0;
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] < SLOT) {
      k = 0;
      continue;
    }
    if (k >= edges.length)
      throw new MusicError('bad-argument', `more header slots after an INST than the ${edges.length} edge lists`);
    ids[i] = bins[k][binOf((ids[i] - SLOT) / scale[k], edges[k].edges)];
    k++;
  }
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
    for (const i of b.dropped)
      budget.dropped[`INST=${w.tracks[i].inst}`] = (budget.dropped[`INST=${w.tracks[i].inst}`] ?? 0) + 1;
    return b.piece;
  });
  return { windows: out, budget };
}

export interface WindowStats {
  /** Note counts per track per window: the data the DENSITY bin edges are computed from. */
  counts: number[];
  /** Per track per window, polyphony and mean note length in 1/CONTROL_SCALE units (controls.ts): the POLYPHONY and DURATION edges' data. */
  polyphony: number[];
  duration: number[];
  /** Windows each INST token plays in. */
  insts: Record<string, number>;
}

function addStats(ws: readonly GridPiece[], into: WindowStats): void {
  for (const w of ws)
    for (const t of w.tracks) {
      into.counts.push(t.notes.length);
      into.polyphony.push(slotValue('POLYPHONY', t.notes));
      into.duration.push(slotValue('DURATION', t.notes));
      into.insts[`INST=${t.inst}`] = (into.insts[`INST=${t.inst}`] ?? 0) + 1;
    }
}

export const emptyStats = (): WindowStats => ({ counts: [], polyphony: [], duration: [], insts: {} });

export function windowStats(grid: GridPiece, opts: SampleOptions, into: WindowStats = emptyStats()): WindowStats {
  addStats(budgetedWindows(grid, opts).windows, into);
  return into;
}

/** A growable uint16 buffer: samples go straight into it, with no array per sample. */
export class IdSink {
  private buf = new Uint16Array(1 << 16);
  length = 0;

  /**
   * Append the ids of `tokens`; a token the vocabulary lacks is an error, never a silent [UNK].
   * With `slots`, the k-th INST token (the grammar puts one after each TRACK_START) is followed
   * by the placeholder ids of track k (slotId).
   */
  push(tok: Tokenizer, tokens: readonly string[], slots?: readonly (readonly number[])[]): void {
    const need = this.length + tokens.length + (slots?.reduce((n, s) => n + s.length, 0) ?? 0);
    if (need > this.buf.length) {
      const bigger = new Uint16Array(Math.max(this.buf.length * 2, need));
      bigger.set(this.buf.subarray(0, this.length));
      this.buf = bigger;
    }
    let track = 0;
    for (let i = 0; i < tokens.length; i++) {
      const id = tok.ids.get(tokens[i]);
      if (id === undefined) throw new MusicError('bad-argument', `${tokens[i]} is not in the vocabulary`);
      this.buf[this.length++] = id;
      if (slots && tokens[i].startsWith('INST=')) for (const v of slots[track++]) this.buf[this.length++] = slotId(v);
    }
  }

  /** Forget everything after `length` (a piece that failed half way). */
  truncate(length: number): void {
    this.length = length;
  }

  ids(): Uint16Array {
    return this.buf.slice(0, this.length);
  }
}

export interface EncodedPiece {
  /** Samples written to the sink. */
  samples: number;
  tokens: number;
  /** Windows before copies and weighting. */
  windows: number;
  budget: BudgetReport;
}

/**
 * Encode a piece's samples into `sink` (on an error nothing of the piece stays in it), and add its
 * windows to `stats` when given.
 */
export function encodeSamples(
  grid: GridPiece,
  path: string,
  tok: Tokenizer,
  opts: SampleOptions,
  sink: IdSink,
  stats?: WindowStats,
): EncodedPiece {
  const start = sink.length;
  try {
    const { windows: ws, budget } = budgetedWindows(grid, opts);
    const samples = encodeWindows(ws, path, tok, opts, sink);
    if (stats) addStats(ws, stats);
    return { samples, tokens: sink.length - start, windows: ws.length, budget };
  } catch (e) {
    sink.truncate(start);
    throw e;
  }
}

function encodeWindows(
  ws: readonly GridPiece[],
  path: string,
  tok: Tokenizer,
  opts: SampleOptions,
  sink: IdSink,
): number {
  const random = mulberry32(pathHash(path));
  const perWindow = opts.copies * opts.weight;
  const whole = Math.floor(perWindow);
  const share = perWindow - whole;
  const kinds = slotKinds(opts);
  let samples = 0;
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
      const slots = kinds.length > 0 ? piece.tracks.map((t) => kinds.map((k) => slotValue(k, t.notes))) : undefined;
      sink.push(tok, encodePiece(piece, { fill }), slots);
      samples++;
    }
  }
  return samples;
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
