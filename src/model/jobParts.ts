// The pieces the job builders (jobs.ts, regenerateJobs.ts) share: the sliding passes, the score's grid
// with each grid track's source, where notes go back in the score, and the checks on a request.
import type { FileGrid, GridTrack } from '../music/grid';
import { barsOf, MAX_BARS, notFourFourBar } from '../music/meter';
import { placeNote, type Placement } from '../music/placement';
import { scoreToGrid } from '../music/quantize';
import { endTick, type Note, type Score } from '../music/score';
import { STEPS_PER_BAR } from '../music/vocab';
import type { ModelConfig } from './modelConfig';
import type { PassSpec } from './passScript';
import { EngineError, type TrackControls } from './protocol';
import { HEADER_KEYS } from './trackHeaders';

/** Tokens a bar is expected to need at most when planning windows (a dense chorale bar takes ~20). */
const PLANNED_BAR_TOKENS = 32;

/**
 * Bars per window: the model's training window, or fewer when that many bars of every track
 * would not fit the context (small test models, many tracks).
 */
export function windowBars(c: ModelConfig, tracks: number): number {
  const fits = Math.floor((c.n_ctx - 1 - 4 * tracks) / (tracks * PLANNED_BAR_TOKENS));
  return Math.max(1, Math.min(c.encoding.bars, fits));
}

/** Sliding passes writing bars [from, to) of every track listed in `sampled`; the others are context. */
export function slidingPasses(
  w: number,
  tracks: number,
  sampled: (t: number) => boolean,
  from: number,
  to: number,
): PassSpec[] {
  const passes: PassSpec[] = [];
  let bar = from;
  while (bar < to) {
    const ctx = Math.min(w - 1, bar);
    const first = bar - ctx;
    const span = Math.min(w, to - first);
    const sampleFrom = Array.from({ length: tracks }, (_, t) => (sampled(t) ? ctx : span));
    passes.push({ first, span, sampleFrom });
    bar = first + span;
  }
  return passes;
}

export function checkBars(bars: number, what: string): void {
  if (!Number.isInteger(bars) || bars < 1 || bars > 256)
    throw new EngineError('generate', `${what} must be 1..256 bars, got ${bars}`);
}

const BIN_NAMES: Record<keyof TrackControls, string> = {
  density: 'density',
  polyphony: 'polyphony',
  duration: 'note length',
};

/**
 * The bins of a request the model has, checked against its bins: a bin out of range is an error; one the model
 * has no token for (a control it was not trained with) is left out, so a setting carried over from another
 * model changes nothing.
 */
export function requestedHeader(req: TrackControls | undefined, c: ModelConfig, what: string): TrackControls {
  const out: TrackControls = {};
  const { densityEdges, polyphonyEdges, durationEdges } = c.encoding.edges;
  const edges = { density: densityEdges, polyphony: polyphonyEdges, duration: durationEdges };
  for (const k of HEADER_KEYS) {
    const bin = req?.[k];
    const e = edges[k];
    if (bin === undefined || !e) continue;
    if (!Number.isInteger(bin) || bin < 0 || bin > e.length)
      throw new EngineError(
        'generate',
        `${what}: ${BIN_NAMES[k]} must be a bin 0..${e.length} for model ${c.name}, got ${bin}`,
      );
    out[k] = bin;
  }
  return out;
}

/**
 * A track's typical velocity for its new notes: the median over its last 4 bars of 4/4 (measured back from its
 * last onset), so a song that ends soft continues soft and one accent does not shift it as a mean would.
 */
export function typicalVelocity(notes: readonly Note[], ppq: number): number {
  if (notes.length === 0) return 80;
  const last = Math.max(...notes.map((n) => n.start));
  const recent = notes
    .filter((n) => n.start > last - 16 * ppq)
    .map((n) => n.velocity)
    .sort((a, b) => a - b);
  const mid = recent.length >> 1;
  return Math.round(recent.length % 2 ? recent[mid] : (recent[mid - 1] + recent[mid]) / 2);
}

/** The score's grid; each grid track knows the score track it came from (grid.source.tracks). */
export function gridOf(score: Score): FileGrid {
  try {
    return scoreToGrid(score);
  } catch (e) {
    throw new EngineError('generate', (e as Error).message);
  }
}

export function cloneScore(score: Score): Score {
  return { ...score, tracks: score.tracks.map((t) => ({ ...t, notes: t.notes.map((n) => ({ ...n })) })) };
}

/** Notes of a history track in the grid bars `inBars` picks, as score notes. */
export function trackNotes(p: Placement, track: GridTrack, inBars: (bar: number) => boolean): Note[] {
  return track.notes.filter((n) => inBars(Math.floor(n.start / STEPS_PER_BAR))).map((n) => placeNote(p, n));
}

/** Why `bar` (a file bar, from 0) is not on the grid: bar numbers in messages count from 1. */
export function barProblem(score: Score, bar: number): string {
  const count = barsOf(score, endTick(score), MAX_BARS).length;
  return notFourFourBar(score, bar, count) ?? `bar ${bar + 1} is past the first ${MAX_BARS} bars of the piece`;
}
