// Regenerate track and Regenerate bar as jobs: the target track goes last in the history, the
// others are context; the target's notes are replaced by what the model writes (every bar, or one
// bar as a fill). The target keeps the bins of the notes it replaces unless the request asks for
// others, so the user's track keeps its character; the context tracks' bins describe their notes.
import type { GridPiece, GridTrack } from '../music/grid';
import { continuationStart } from '../music/meter';
import { gridBarAt, placeNote, placementOf, type Placement } from '../music/placement';
import { instOf } from '../music/quantize';
import type { Score } from '../music/score';
import { STEPS_PER_BAR } from '../music/vocab';
import {
  barProblem,
  cloneScore,
  gridOf,
  requestedHeader,
  slidingPasses,
  trackNotes,
  typicalVelocity,
  windowBars,
} from './jobParts';
import type { Job, JobRequest } from './jobs';
import type { ModelConfig } from './modelConfig';
import type { PassSpec } from './passScript';
import { EngineError } from './protocol';
import { mergedHeader, windowHeaders } from './trackHeaders';

type RegenerateRequest = Extract<JobRequest, { mode: 'regenerate-track' | 'regenerate-bar' }>;

/** The history with the target last, and how its finished notes go back into the score. */
interface TargetSetup {
  /** The score's grid, target last (with its original notes). */
  history: GridPiece;
  /** The target's history index (the last). */
  g: number;
  /** The target as it was on the grid (no notes: a track just added, or one with no notes in the 4/4 bars). */
  original: GridTrack;
  placement: Placement;
  /** The score's 4/4 bar count, and the file bar of each. */
  bars: number;
  fileBars: number[];
  /** Bars per window. */
  w: number;
  job: Pick<Job, 'velocity' | 'scoreTrack' | 'place' | 'sampling'>;
  /** The score with the target's notes in the grid bars `inBars` picks replaced by the history's. */
  replaceBars(h: GridPiece, inBars: (bar: number) => boolean): Score;
}

function targetSetup(req: RegenerateRequest, c: ModelConfig): TargetSetup {
  const { score, trackIndex: target } = req;
  if (!Number.isInteger(target) || target < 0 || target >= score.tracks.length)
    throw new EngineError('generate', `no track ${target}: the score has ${score.tracks.length}`);
  const grid = gridOf(score);
  const placement = placementOf(score.ppq, grid.source, continuationStart(score, 0));
  const at = grid.source.tracks.indexOf(target);
  const tracks = grid.tracks.filter((_, i) => i !== at);
  const order = grid.source.tracks.filter((_, i) => i !== at);
  const original: GridTrack = at >= 0 ? grid.tracks[at] : { inst: instOf(score.tracks[target]), notes: [] };
  tracks.push({ ...original, notes: [...original.notes] });
  order.push(target);
  const g = tracks.length - 1;
  return {
    history: { bars: grid.bars, tracks },
    g,
    original,
    placement,
    bars: grid.bars,
    fileBars: grid.source.fileBars,
    w: windowBars(c, grid.tracks.length + 1),
    job: {
      velocity: order.map((i) => typicalVelocity(score.tracks[i].notes, score.ppq)),
      scoreTrack: order,
      place: (n) => placeNote(placement, n),
      sampling: req.sampling,
    },
    replaceBars(h, inBars) {
      const out = cloneScore(score);
      const kept = out.tracks[target].notes.filter((n) => {
        const bar = gridBarAt(placement, n.start);
        return bar < 0 || !inBars(bar);
      });
      out.tracks[target].notes = [...kept, ...trackNotes(placement, h.tracks[g], inBars)].sort(
        (a, b) => a.start - b.start || a.pitch - b.pitch,
      );
      return out;
    },
  };
}

/** Every bar of the target rewritten, sliding over the piece with the other tracks as context. */
export function regenerateTrackJob(req: Extract<JobRequest, { mode: 'regenerate-track' }>, c: ModelConfig): Job {
  const s = targetSetup(req, c);
  const asked = requestedHeader(req.controls, c, 'regenerate track');
  const original = s.history.tracks.map((t, i) => (i === s.g ? s.original : t));
  const measure = { ...s.history, tracks: original };
  s.history.tracks[s.g].notes = [];
  return {
    ...s.job,
    history: s.history,
    passes: slidingPasses(s.w, s.history.tracks.length, (t) => t === s.g, 0, s.bars),
    headers: s.history.tracks.map((_, i) => (i === s.g ? asked : {})),
    // A track just added (no notes) has no bins to keep: the model picks ones that fit the others.
    windowHeaders: (spec) =>
      windowHeaders(measure, spec.first, spec.span, c.encoding.bars, c.encoding.edges).map((h, i) =>
        i === s.g && s.original.notes.length === 0 ? {} : h,
      ),
    finish: (h) => s.replaceBars(h, (bar) => bar < s.bars),
  };
}

/** One bar of the target written as a fill, with the bars around it (every track) as context. */
export function regenerateBarJob(req: Extract<JobRequest, { mode: 'regenerate-bar' }>, c: ModelConfig): Job {
  if (!c.fill)
    throw new EngineError(
      'generate',
      `model ${c.name} was not trained with bar infilling: regenerate-bar needs a fill model`,
    );
  const s = targetSetup(req, c);
  const bar = s.fileBars.indexOf(req.bar);
  if (bar < 0) throw new EngineError('generate', barProblem(req.score, req.bar));
  const asked = requestedHeader(req.controls, c, 'regenerate bar');
  const span = Math.min(s.w, s.bars);
  const first = Math.max(0, Math.min(bar - Math.floor(span / 2), s.bars - span));
  const spec: PassSpec = { first, span, sampleFrom: s.history.tracks.map(() => span), fill: { track: s.g, bar } };
  // The bins describe the window as it was, fill bar included.
  const measured = windowHeaders(s.history, first, span, c.encoding.bars, c.encoding.edges);
  s.history.tracks[s.g].notes = s.original.notes.filter((n) => Math.floor(n.start / STEPS_PER_BAR) !== bar);
  return {
    ...s.job,
    history: s.history,
    passes: [spec],
    headers: measured.map((h, i) => (i === s.g ? mergedHeader(asked, h) : h)),
    finish: (h) => s.replaceBars(h, (b) => b === bar),
  };
}
