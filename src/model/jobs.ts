// Generation modes as jobs: the starting history (a GridPiece), the passes that
// write into it, and how a finished history becomes the Score the app gets back.
// The engine's window is the model's training window (encoding.bars); longer
// pieces slide it bar by bar, as the original demos did. The history is the file's
// 4/4 bars laid end to end (scoreToGrid); a Placement puts every grid note back on the
// file's own bar lines, and a continuation's new 4/4 bars start at the file's next bar
// line. The context is the neighbouring 4/4 bars of the grid, even across a skipped
// bar, so a file that ends on a 2/4 or 3/4 bar is still continued from its music.
import { encodePiece, gridToScore } from '../music/encode';
import type { FileGrid, GridNote, GridPiece, GridTrack } from '../music/grid';
import { barsOf, continuationStart, fourFourFrom, MAX_BARS, notFourFourBar } from '../music/meter';
import { gridBarAt, placeNote, placementOf, type Placement } from '../music/placement';
import { instOf, scoreToGrid } from '../music/quantize';
import { endTick, type Note, type Score } from '../music/score';
import { STEPS_PER_BAR } from '../music/vocab';
import type { ModelConfig } from './modelConfig';
import { EngineError, type GenerateRequest, type Sampling } from './protocol';
import { recentDensities, windowDensity } from './continueDensity';
import type { PassSpec } from './passScript';

export interface Job {
  history: GridPiece;
  /** Continue: the first new bar of the history (what the register guard measures back from). */
  continueFrom?: number;
  passes: PassSpec[];
  /** Density per track for a pass over a row's history; undefined entries are sampled. */
  densities(history: GridPiece, spec: PassSpec, fixed: (number | undefined)[]): (number | undefined)[];
  /** DENSITY values fixed for the whole job (compose), per track. */
  fixedDensities: (number | undefined)[];
  /** Velocity for generated notes of each history track. */
  velocity: number[];
  /** Score track that history track t writes into. */
  scoreTrack: number[];
  /** A history note (inside one bar) at score ticks. */
  place(n: GridNote): Note;
  /** The finished Score of one row. */
  finish(history: GridPiece): Score;
  /** Tokens to report for a finished row when a job has several passes. */
  tokens(history: GridPiece, densities: (number | undefined)[]): string[];
  sampling: Sampling;
}

const COMPOSE_PPQ = 480;
const COMPOSE_BPM = 120;

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

const densityEdges = (c: ModelConfig) => c.encoding.edges.densityEdges;

/** Sliding passes writing bars [from, to) of every track listed in `sampled`; the others are context. */
function slidingPasses(
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

function checkBars(bars: number, what: string): void {
  if (!Number.isInteger(bars) || bars < 1 || bars > 256)
    throw new EngineError('generate', `${what} must be 1..256 bars, got ${bars}`);
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

/** The score's grid plus, for each grid track, the score track it came from. */
function gridOf(score: Score): { grid: FileGrid; fromScore: number[] } {
  try {
    const grid = scoreToGrid(score);
    return { grid, fromScore: grid.source.tracks };
  } catch (e) {
    throw new EngineError('generate', (e as Error).message);
  }
}

function cloneScore(score: Score): Score {
  return { ...score, tracks: score.tracks.map((t) => ({ ...t, notes: t.notes.map((n) => ({ ...n })) })) };
}

/** Notes of a history track in the grid bars `inBars` picks, as score notes. */
function trackNotes(p: Placement, track: GridTrack, inBars: (bar: number) => boolean): Note[] {
  return track.notes.filter((n) => inBars(Math.floor(n.start / STEPS_PER_BAR))).map((n) => placeNote(p, n));
}

/** Why `bar` (a file bar, from 0) is not on the grid: bar numbers in messages count from 1. */
function barProblem(score: Score, bar: number): string {
  const count = barsOf(score, endTick(score), MAX_BARS).length;
  return notFourFourBar(score, bar, count) ?? `bar ${bar + 1} is past the first ${MAX_BARS} bars of the piece`;
}

/** The training window's bars: DENSITY edges bin note counts over that many bars, whatever the app's window. */
const trainingBars = (c: ModelConfig) => c.encoding.bars;

/** Each track's DENSITY from its known bars in the pass's window (sampled when it has none). */
function contextDensities(c: ModelConfig) {
  const edges = densityEdges(c);
  return (history: GridPiece, spec: PassSpec, fixed: (number | undefined)[]) =>
    history.tracks.map((track, t) => {
      if (!edges) return undefined;
      if (fixed[t] !== undefined) return fixed[t];
      const lo = spec.first * STEPS_PER_BAR;
      const hi = (spec.first + spec.span) * STEPS_PER_BAR;
      const known = Math.min(spec.sampleFrom[t], spec.span);
      const count = track.notes.filter((n) => n.start >= lo && n.start < hi).length;
      return known === 0 ? undefined : windowDensity(count, known, trainingBars(c), edges);
    });
}

export function makeJob(req: Exclude<GenerateRequest, { mode: 'variations' }>, c: ModelConfig): Job {
  const edges = densityEdges(c);
  const reencode = (history: GridPiece, densities: (number | undefined)[]) =>
    encodePiece(
      { ...history, tracks: history.tracks.map((t, i) => ({ ...t, density: densities[i] })) },
      edges ? { densityEdges: edges } : {},
    );

  if (req.mode === 'compose') {
    checkBars(req.bars, 'compose');
    if (req.tracks.length === 0) throw new EngineError('generate', 'compose needs at least one track');
    const placement = placementOf(COMPOSE_PPQ, undefined);
    const w = windowBars(c, req.tracks.length);
    const history: GridPiece = { bars: 0, tracks: req.tracks.map((s) => ({ inst: s.inst, notes: [] })) };
    const fixed = req.tracks.map((s) => (edges ? s.density : undefined));
    return {
      history,
      passes: slidingPasses(w, req.tracks.length, () => true, 0, req.bars),
      densities: (_h, _s, f) => f,
      fixedDensities: fixed,
      velocity: req.tracks.map(() => 80),
      scoreTrack: req.tracks.map((_, i) => i),
      place: (n) => placeNote(placement, n),
      finish: (h) => gridToScore({ ...h, bars: req.bars }, { ppq: COMPOSE_PPQ, bpm: COMPOSE_BPM }),
      tokens: reencode,
      sampling: req.sampling,
    };
  }

  const score = req.score;
  const { grid, fromScore } = gridOf(score);
  const w = windowBars(c, grid.tracks.length + 1);
  const notBefore = req.mode === 'continue' ? (req.after ?? 0) : 0;
  if (!(notBefore >= 0 && Number.isFinite(notBefore)))
    throw new EngineError('generate', `continue: 'after' must be a tick >= 0, got ${notBefore}`);
  const after = continuationStart(score, notBefore);
  const placement = placementOf(score.ppq, grid.source, after);
  const place = (n: GridNote) => placeNote(placement, n);
  const base = {
    densities: contextDensities(c),
    place,
    tokens: reencode,
    sampling: req.sampling,
  };

  if (req.mode === 'continue') {
    checkBars(req.bars, 'continue');
    if (grid.source?.cut) throw new EngineError('generate', `cannot continue this piece: ${grid.source.cut}`);
    const from = grid.bars;
    // Every pass keeps each track's DENSITY of the song's last bars, not of the bars the model has just written.
    const recent = edges ? recentDensities(grid, from, trainingBars(c), edges) : grid.tracks.map(() => undefined);
    const job: Job = {
      ...base,
      history: grid,
      continueFrom: from,
      passes: slidingPasses(w, grid.tracks.length, () => true, from, from + req.bars),
      densities: (_h, _s, f) => f,
      fixedDensities: recent,
      velocity: fromScore.map((i) => typicalVelocity(score.tracks[i].notes, score.ppq)),
      scoreTrack: fromScore,
      finish: (h) => {
        const out = cloneScore(score);
        h.tracks.forEach((t, i) =>
          out.tracks[fromScore[i]].notes.push(...trackNotes(placement, t, (bar) => bar >= from)),
        );
        // The new bars are 4/4 whatever the file's last meter was; the map says so, so other tools draw the same bars.
        if (h.bars > from) out.timeSignatures = fourFourFrom(score, after);
        return out;
      },
    };
    return job;
  }

  // regenerate-track and regenerate-bar: the target goes last, the others are context.
  const target = req.trackIndex;
  if (!Number.isInteger(target) || target < 0 || target >= score.tracks.length)
    throw new EngineError('generate', `no track ${target}: the score has ${score.tracks.length}`);
  let g = fromScore.indexOf(target);
  const tracks = grid.tracks.slice();
  const order = fromScore.slice();
  const targetTrack: GridTrack = g >= 0 ? tracks.splice(g, 1)[0] : { inst: instOf(score.tracks[target]), notes: [] };
  if (g >= 0) order.splice(g, 1);
  tracks.push({ ...targetTrack, notes: [...targetTrack.notes] });
  order.push(target);
  g = tracks.length - 1;
  const history: GridPiece = { bars: grid.bars, tracks };
  const velocity = order.map((i) => typicalVelocity(score.tracks[i].notes, score.ppq));
  /** The target's notes in the grid bars `inBars` picks, replaced by what the model wrote there. */
  const replaceBars = (out: Score, h: GridPiece, inBars: (bar: number) => boolean) => {
    const kept = out.tracks[target].notes.filter((n) => {
      const bar = gridBarAt(placement, n.start);
      return bar < 0 || !inBars(bar);
    });
    out.tracks[target].notes = [...kept, ...trackNotes(placement, h.tracks[g], inBars)].sort(
      (a, b) => a.start - b.start || a.pitch - b.pitch,
    );
    return out;
  };

  if (req.mode === 'regenerate-track') {
    const originalDensity = contextDensities(c);
    // The target keeps the density of the notes it replaces, so the user's track keeps its character.
    // A track just added (no notes yet) has no density to keep: the model picks one that fits the others.
    const targetDensity = (h: GridPiece, spec: PassSpec, fixed: (number | undefined)[]) =>
      originalDensity(
        { ...h, tracks: h.tracks.map((t, i) => (i === g ? targetTrack : t)) },
        { ...spec, sampleFrom: spec.sampleFrom.map(() => spec.span) },
        fixed,
      ).map((d, i) => (i === g && targetTrack.notes.length === 0 ? fixed[i] : d));
    history.tracks[g].notes = [];
    const passes = slidingPasses(w, tracks.length, (t) => t === g, 0, grid.bars);
    return {
      ...base,
      densities: targetDensity,
      history,
      passes,
      fixedDensities: tracks.map(() => undefined),
      velocity,
      scoreTrack: order,
      finish: (h) => replaceBars(cloneScore(score), h, (bar) => bar < grid.bars),
    };
  }

  if (!c.fill)
    throw new EngineError(
      'generate',
      `model ${c.name} was not trained with bar infilling: regenerate-bar needs a fill model`,
    );
  const bar = grid.source ? grid.source.fileBars.indexOf(req.bar) : -1;
  if (bar < 0) throw new EngineError('generate', barProblem(score, req.bar));
  const original = contextDensities(c);
  const span = Math.min(w, grid.bars);
  const first = Math.max(0, Math.min(bar - Math.floor(span / 2), grid.bars - span));
  const spec: PassSpec = { first, span, sampleFrom: tracks.map(() => span), fill: { track: g, bar } };
  // The densities describe the window as it was, fill bar included.
  const densities = original(
    history,
    spec,
    tracks.map(() => undefined),
  );
  history.tracks[g].notes = targetTrack.notes.filter((n) => Math.floor(n.start / STEPS_PER_BAR) !== bar);
  return {
    ...base,
    densities: () => densities,
    history,
    passes: [spec],
    fixedDensities: tracks.map(() => undefined),
    velocity,
    scoreTrack: order,
    finish: (h) => replaceBars(cloneScore(score), h, (b) => b === bar),
  };
}
