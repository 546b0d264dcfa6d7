// Generation modes as jobs: the starting history (a GridPiece), the passes that
// write into it, the header bins each track is forced to, and how a finished history
// becomes the Score the app gets back. The engine's window is the model's training
// window (encoding.bars); longer pieces slide it bar by bar, as the original demos did.
// The history is the file's 4/4 bars laid end to end (scoreToGrid); a Placement puts every
// grid note back on the file's own bar lines, and a continuation's new 4/4 bars start at the
// file's next bar line. The context is the neighbouring 4/4 bars of the grid, even across a
// skipped bar, so a file that ends on a 2/4 or 3/4 bar is still continued from its music.
// One builder per mode: compose and continue here, the two regenerations in regenerateJobs.ts.
import { gridToScore } from '../music/encode';
import type { GridNote, GridPiece } from '../music/grid';
import { continuationStart, fourFourFrom } from '../music/meter';
import { placeNote, placementOf } from '../music/placement';
import type { Note, Score } from '../music/score';
import {
  checkBars,
  cloneScore,
  gridOf,
  requestedHeader,
  slidingPasses,
  trackNotes,
  typicalVelocity,
  windowBars,
} from './jobParts';
import type { ModelConfig } from './modelConfig';
import type { PassSpec } from './passScript';
import { EngineError, type GenerateRequest, type Sampling, type TrackControls } from './protocol';
import { regenerateBarJob, regenerateTrackJob } from './regenerateJobs';
import { mergedHeader, recentHeaders } from './trackHeaders';

export interface Job {
  history: GridPiece;
  /** Continue: the first new bar of the history (what the register guard measures back from). */
  continueFrom?: number;
  passes: PassSpec[];
  /** Per history track, the header bins every pass forces; an unset one is sampled in the first pass and then kept. */
  headers: TrackControls[];
  /** Regenerate track: per pass, each track's bins measured on its original notes in the window (where `headers` sets none). */
  windowHeaders?(spec: PassSpec): TrackControls[];
  /** Velocity for generated notes of each history track. */
  velocity: number[];
  /** Score track that history track t writes into. */
  scoreTrack: number[];
  /** A history note (inside one bar) at score ticks. */
  place(n: GridNote): Note;
  /** The finished Score of one row. */
  finish(history: GridPiece): Score;
  sampling: Sampling;
}

export type JobRequest = Exclude<GenerateRequest, { mode: 'variations' }>;

/** The bins a pass forces for each track: a row's own (the job's, plus any sampled earlier), else the window's measure. */
export function passHeaders(job: Job, spec: PassSpec, rowHeaders: readonly TrackControls[]): TrackControls[] {
  const measured = job.windowHeaders?.(spec);
  return rowHeaders.map((h, t) => mergedHeader(h, measured?.[t]));
}

const COMPOSE_PPQ = 480;
const COMPOSE_BPM = 120;

export function makeJob(req: JobRequest, c: ModelConfig): Job {
  switch (req.mode) {
    case 'compose':
      return composeJob(req, c);
    case 'continue':
      return continueJob(req, c);
    case 'regenerate-track':
      return regenerateTrackJob(req, c);
    case 'regenerate-bar':
      return regenerateBarJob(req, c);
  }
}

/** Compose: every track written from nothing, each with the bins its spec asks for. */
function composeJob(req: Extract<JobRequest, { mode: 'compose' }>, c: ModelConfig): Job {
  checkBars(req.bars, 'compose');
  if (req.tracks.length === 0) throw new EngineError('generate', 'compose needs at least one track');
  const placement = placementOf(COMPOSE_PPQ, undefined);
  return {
    history: { bars: 0, tracks: req.tracks.map((s) => ({ inst: s.inst, notes: [] })) },
    passes: slidingPasses(windowBars(c, req.tracks.length), req.tracks.length, () => true, 0, req.bars),
    headers: req.tracks.map((s, i) => requestedHeader(s, c, `compose track ${i + 1}`)),
    velocity: req.tracks.map(() => 80),
    scoreTrack: req.tracks.map((_, i) => i),
    place: (n) => placeNote(placement, n),
    finish: (h) => gridToScore({ ...h, bars: req.bars }, { ppq: COMPOSE_PPQ, bpm: COMPOSE_BPM }),
    sampling: req.sampling,
  };
}

/**
 * Continue: new bars after the score's last bar line, every pass keeping each track's bins of the song's last
 * bars (trackHeaders.ts), not of the bars the model has just written.
 */
function continueJob(req: Extract<JobRequest, { mode: 'continue' }>, c: ModelConfig): Job {
  checkBars(req.bars, 'continue');
  const score = req.score;
  const grid = gridOf(score);
  const fromScore = grid.source.tracks;
  const notBefore = req.after ?? 0;
  if (!(notBefore >= 0 && Number.isFinite(notBefore)))
    throw new EngineError('generate', `continue: 'after' must be a tick >= 0, got ${notBefore}`);
  if (grid.source.cut) throw new EngineError('generate', `cannot continue this piece: ${grid.source.cut}`);
  const after = continuationStart(score, notBefore);
  const placement = placementOf(score.ppq, grid.source, after);
  const from = grid.bars;
  return {
    history: grid,
    continueFrom: from,
    passes: slidingPasses(windowBars(c, grid.tracks.length + 1), grid.tracks.length, () => true, from, from + req.bars),
    headers: recentHeaders(grid, from, c.encoding.bars, c.encoding.edges),
    velocity: fromScore.map((i) => typicalVelocity(score.tracks[i].notes, score.ppq)),
    scoreTrack: fromScore,
    place: (n) => placeNote(placement, n),
    finish: (h) => {
      const out = cloneScore(score);
      h.tracks.forEach((t, i) =>
        out.tracks[fromScore[i]].notes.push(...trackNotes(placement, t, (bar) => bar >= from)),
      );
      // The new bars are 4/4 whatever the file's last meter was; the map says so, so other tools draw the same bars.
      if (h.bars > from) out.timeSignatures = fourFourFrom(score, after);
      return out;
    },
    sampling: req.sampling,
  };
}
