// Generation modes as jobs: the starting history (a GridPiece), the passes that
// write into it, and how a finished history becomes the Score the app gets back.
// The engine's window is the model's training window (encoding.bars); longer
// pieces slide it bar by bar, as the original demos did.
import { densityBin, encodePiece, gridToScore } from '../music/encode';
import type { GridPiece, GridTrack } from '../music/grid';
import { instOf, scoreToGrid } from '../music/quantize';
import type { Note, Score } from '../music/score';
import { STEPS_PER_BAR } from '../music/vocab';
import type { ModelConfig } from './modelConfig';
import { EngineError, type GenerateRequest, type Sampling } from './protocol';
import type { PassSpec } from './passScript';

export interface Job {
  history: GridPiece;
  passes: PassSpec[];
  /** Density per track for a pass over a row's history; undefined entries are sampled. */
  densities(history: GridPiece, spec: PassSpec, fixed: (number | undefined)[]): (number | undefined)[];
  /** DENSITY values fixed for the whole job (compose), per track. */
  fixedDensities: (number | undefined)[];
  /** Velocity for generated notes of each history track. */
  velocity: number[];
  /** Score track that history track t writes into. */
  scoreTrack: number[];
  /** Score tick of a grid step (sixteenths from history bar 0). */
  tick(step: number): number;
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
  return Math.max(1, Math.min(c.encoding?.bars ?? 4, fits));
}

function densityEdges(c: ModelConfig): number[] | undefined {
  return c.encoding?.density?.enabled ? (c.encoding.density.edges ?? []) : undefined;
}

/** Sliding passes writing bars [from, to) of every track listed in `sampled`; the others are context. */
function slidingPasses(w: number, tracks: number, sampled: (t: number) => boolean, from: number, to: number): PassSpec[] {
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
  if (!Number.isInteger(bars) || bars < 1 || bars > 256) throw new EngineError('generate', `${what} must be 1..256 bars, got ${bars}`);
}

function meanVelocity(notes: readonly Note[]): number {
  if (notes.length === 0) return 80;
  return Math.round(notes.reduce((s, n) => s + n.velocity, 0) / notes.length);
}

/** Where bar 0 of a score's grid lies: the first 4/4 section (the grid lays 4/4 sections end to end). */
function gridStartTick(score: Score): number {
  const sigs = [...score.timeSignatures].sort((a, b) => a.tick - b.tick);
  if (sigs.length === 0 || sigs[0].tick > 0) return 0;
  return sigs.find((s) => s.numerator === 4 && s.denominator === 4)?.tick ?? 0;
}

/** The score's grid plus, for each grid track, the score track it came from. */
function gridOf(score: Score): { grid: GridPiece; fromScore: number[] } {
  let grid: GridPiece;
  try {
    grid = scoreToGrid(score);
  } catch (e) {
    throw new EngineError('generate', (e as Error).message);
  }
  const fromScore: number[] = [];
  let j = 0;
  for (const gt of grid.tracks) {
    while (j < score.tracks.length && (score.tracks[j].notes.length === 0 || instOf(score.tracks[j]) !== gt.inst)) j++;
    fromScore.push(j++);
  }
  return { grid, fromScore };
}

function cloneScore(score: Score): Score {
  return { ...score, tracks: score.tracks.map((t) => ({ ...t, notes: t.notes.map((n) => ({ ...n })) })) };
}

/** Notes of history track t in bars [fromBar, toBar) as score notes. */
function trackNotes(job: Pick<Job, 'tick'>, track: GridTrack, fromBar: number, toBar: number): Note[] {
  return track.notes
    .filter((n) => n.start >= fromBar * STEPS_PER_BAR && n.start < toBar * STEPS_PER_BAR)
    .map((n) => ({ pitch: n.pitch, start: job.tick(n.start), duration: job.tick(n.start + n.duration) - job.tick(n.start), velocity: n.velocity }));
}

function contextDensities(c: ModelConfig) {
  const edges = densityEdges(c);
  return (history: GridPiece, spec: PassSpec, fixed: (number | undefined)[]) =>
    history.tracks.map((track, t) => {
      if (!edges) return undefined;
      if (fixed[t] !== undefined) return fixed[t];
      const lo = spec.first * STEPS_PER_BAR;
      const hi = (spec.first + spec.span) * STEPS_PER_BAR;
      const known = Math.max(1, Math.min(spec.sampleFrom[t], spec.span));
      const count = track.notes.filter((n) => n.start >= lo && n.start < hi).length;
      const w = windowBars(c, history.tracks.length);
      return spec.sampleFrom[t] === 0 ? undefined : densityBin(Math.round((count * w) / known), edges);
    });
}

export function makeJob(req: Exclude<GenerateRequest, { mode: 'variations' }>, c: ModelConfig): Job {
  const edges = densityEdges(c);
  const reencode = (history: GridPiece, densities: (number | undefined)[]) =>
    encodePiece({ ...history, tracks: history.tracks.map((t, i) => ({ ...t, density: densities[i] })) }, edges ? { densityEdges: edges } : {});

  if (req.mode === 'compose') {
    checkBars(req.bars, 'compose');
    if (req.tracks.length === 0) throw new EngineError('generate', 'compose needs at least one track');
    const tps = COMPOSE_PPQ / 4;
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
      tick: (step) => step * tps,
      finish: (h) => gridToScore({ ...h, bars: req.bars }, { ppq: COMPOSE_PPQ, bpm: COMPOSE_BPM }),
      tokens: reencode,
      sampling: req.sampling,
    };
  }

  const score = req.score;
  const { grid, fromScore } = gridOf(score);
  const tps = score.ppq / 4;
  const w = windowBars(c, grid.tracks.length + 1);
  const start = gridStartTick(score);
  const tick = (step: number) => start + Math.round(step * tps);
  const base = {
    densities: contextDensities(c),
    tick,
    tokens: reencode,
    sampling: req.sampling,
  };

  if (req.mode === 'continue') {
    checkBars(req.bars, 'continue');
    const from = grid.bars;
    const job: Job = {
      ...base,
      history: grid,
      passes: slidingPasses(w, grid.tracks.length, () => true, from, from + req.bars),
      fixedDensities: grid.tracks.map(() => undefined),
      velocity: fromScore.map((i) => meanVelocity(score.tracks[i].notes)),
      scoreTrack: fromScore,
      finish: (h) => {
        const out = cloneScore(score);
        h.tracks.forEach((t, i) => out.tracks[fromScore[i]].notes.push(...trackNotes(job, t, from, h.bars)));
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
  const velocity = order.map((i) => meanVelocity(score.tracks[i].notes));
  const replaceBars = (out: Score, h: GridPiece, fromBar: number, toBar: number) => {
    const lo = tick(fromBar * STEPS_PER_BAR);
    const hi = tick(toBar * STEPS_PER_BAR);
    const kept = out.tracks[target].notes.filter((n) => n.start < lo || n.start >= hi);
    out.tracks[target].notes = [...kept, ...trackNotes({ tick }, h.tracks[g], fromBar, toBar)].sort((a, b) => a.start - b.start || a.pitch - b.pitch);
    return out;
  };

  if (req.mode === 'regenerate-track') {
    const originalDensity = contextDensities(c);
    // The target keeps the density of the notes it replaces, so the user's track keeps its character.
    const targetDensity = (h: GridPiece, spec: PassSpec, fixed: (number | undefined)[]) =>
      originalDensity(
        { ...h, tracks: h.tracks.map((t, i) => (i === g ? targetTrack : t)) },
        { ...spec, sampleFrom: spec.sampleFrom.map(() => spec.span) },
        fixed,
      );
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
      finish: (h) => replaceBars(cloneScore(score), h, 0, grid.bars),
    };
  }

  if (!c.fill) throw new EngineError('generate', `model ${c.name} was not trained with bar infilling: regenerate-bar needs a fill model`);
  const bar = req.bar;
  if (!Number.isInteger(bar) || bar < 0 || bar >= grid.bars) throw new EngineError('generate', `there is no bar ${bar + 1}: the score has ${grid.bars} 4/4 bars`);
  const original = contextDensities(c);
  const span = Math.min(w, grid.bars);
  const first = Math.max(0, Math.min(bar - Math.floor(span / 2), grid.bars - span));
  const spec: PassSpec = { first, span, sampleFrom: tracks.map(() => span), fill: { track: g, bar } };
  // The densities describe the window as it was, fill bar included.
  const densities = original(history, spec, tracks.map(() => undefined));
  history.tracks[g].notes = targetTrack.notes.filter((n) => Math.floor(n.start / STEPS_PER_BAR) !== bar);
  return {
    ...base,
    densities: () => densities,
    history,
    passes: [spec],
    fixedDensities: tracks.map(() => undefined),
    velocity,
    scoreTrack: order,
    finish: (h) => replaceBars(cloneScore(score), h, bar, bar + 1),
  };
}
