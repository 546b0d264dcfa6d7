// How much of a score survives decode(encode(x)): the share of its note onsets, per track, that
// come back at the same 16th and pitch. The expected onsets are computed here from the Score's ticks
// and its own bar lines (meter.ts), independently of quantize.ts: a note in a whole 4/4 bar lands
// at (that bar's place among the whole 4/4 bars) * 16 + its offset rounded to the nearest 16th.
// (A 4/4 bar cut short by a meter change is not a whole bar, and is not encoded.)
import { decodeTokens } from './decode';
import { encodePiece } from './encode';
import type { GridPiece } from './grid';
import { barIndexAt, barLength, barsOf, isFourFour } from './meter';
import { endTick, type Score } from './score';
import { STEPS_PER_BAR } from './vocab';

/** Onsets as `step * 128 + pitch`, per track with at least one. */
export type Onsets = Set<number>[];

export function expectedOnsets(score: Score): Onsets {
  const bars = barsOf(score, endTick(score) + 1);
  // Place of each whole 4/4 bar on the grid (its index among them), -1 for other bars.
  const whole = barLength(score.ppq, 4, 4);
  let next = 0;
  const place = bars.map((b) => (isFourFour(b) && b.end - b.start === whole ? next++ : -1));
  const stepTicks = score.ppq / 4;
  const out: Onsets = [];
  for (const t of score.tracks) {
    const set = new Set<number>();
    for (const n of t.notes) {
      const i = barIndexAt(bars, n.start);
      if (place[i] < 0 || n.start >= bars[i].end) continue;
      const step = place[i] * STEPS_PER_BAR + Math.round((n.start - bars[i].start) / stepTicks);
      if (step < next * STEPS_PER_BAR) set.add(step * 128 + n.pitch);
    }
    if (set.size > 0) out.push(set);
  }
  return out;
}

export function gridOnsets(piece: GridPiece): Onsets {
  return piece.tracks.map((t) => new Set(t.notes.map((n) => n.start * 128 + n.pitch))).filter((s) => s.size > 0);
}

export interface Recall {
  expected: number;
  found: number;
}

/** Onsets of `want` found in `got`, tracks matched in order (a track missing from `got` finds nothing). */
export function onsetRecall(want: Onsets, got: Onsets): Recall {
  let found = 0;
  want.forEach((w, i) => {
    const g = got[i];
    if (g) for (const o of w) if (g.has(o)) found++;
  });
  return { expected: want.reduce((n, w) => n + w.size, 0), found };
}

/** decode(encode(grid)) against the score's own onsets. */
export function roundTripRecall(score: Score, grid: GridPiece): Recall {
  const decoded = decodeTokens(encodePiece(grid), { strict: true }).piece;
  return onsetRecall(expectedOnsets(score), gridOnsets(decoded));
}
