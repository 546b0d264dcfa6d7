// What the view shows for a run of the model: Compose, the bars it writes from bar 1;
// Continue, the last few bars of the original and the continuation after them. At the
// start the range is what was asked for; at the end, what was written.
import { barIndexAt, barLength, continuationStart } from '../../music/meter';
import { emptyScore, endTick, noteCount, type Score } from '../../music/score';
import { pieceBars } from '../../store/selectors';
import { rollBars } from './bars';
import { pitchRange, type FitRange } from './view';

/** Bars of the original shown before a continuation: a phrase of context. */
export const CONTEXT_BARS = 4;

export interface RunStart {
  /** generation.mode: 'compose', 'continue', 'variations', 'regenerate-…'. */
  mode: string;
  /** The piece before the run. */
  before: Score;
  /** Bars asked for. */
  bars: number;
}

/** The range to fit for a run, before it (`after` null) or once it is done; null for runs that keep the view (Regenerate). */
export function runRange(run: RunStart, after: Score | null): FitRange | null {
  const continuing = run.mode === 'continue' || (run.mode === 'variations' && noteCount(run.before) > 0);
  if (!continuing && run.mode !== 'compose' && run.mode !== 'variations') return null;
  if (!continuing) {
    // Compose writes a new piece on the default grid (generationActions: emptyScore()).
    const ppq = emptyScore().ppq;
    const to = after && noteCount(after) > 0 ? pieceBars(after).at(-1)!.end : run.bars * barLength(ppq, 4, 4);
    return { from: 0, to, ...pitchRange(after ?? emptyScore(), 0, to) };
  }
  const end = endTick(run.before);
  const bars = rollBars(run.before, end);
  const last = barIndexAt(bars, Math.max(0, end - 1));
  const from = bars[Math.max(0, last - CONTEXT_BARS + 1)].start;
  const newStart = continuationStart(run.before);
  let to = newStart + run.bars * barLength(run.before.ppq, 4, 4);
  if (after) to = Math.max(newStart, pieceBars(after).at(-1)!.end);
  return { from, to, ...pitchRange(after ?? run.before, from, to) };
}
