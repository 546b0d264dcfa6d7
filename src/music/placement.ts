// Grid -> file ticks: where a grid note (one the file had, or one the model writes) lands in the
// file. Grid bar g is the file's g-th whole 4/4 bar (GridSource); bars past the file's are 4/4 bars
// end to end from `after`, the bar line where a continuation starts.
import type { GridNote, GridSource } from './grid';
import { barLength } from './meter';
import type { Note } from './score';
import { STEPS_PER_BAR } from './vocab';

export interface Placement {
  ppq: number;
  /** Start tick of each grid bar that lies in the file. */
  barStarts: readonly number[];
  /** Start tick of grid bar `barStarts.length`, the first bar after the file's. */
  after: number;
}

/** A grid's placement in its file (or bars end to end from tick 0 for a piece that came from no file). */
export function placementOf(ppq: number, source: GridSource | undefined, after = 0): Placement {
  return { ppq, barStarts: source?.barStarts ?? [], after };
}

export function barStartTick(p: Placement, bar: number): number {
  if (bar < p.barStarts.length) return p.barStarts[bar];
  return p.after + (bar - p.barStarts.length) * barLength(p.ppq, 4, 4);
}

/** A grid note at file ticks. Start and end are measured from its own bar's start, so a note that ends on a bar line never reaches into a skipped bar. */
export function placeNote(p: Placement, n: GridNote): Note {
  const bar = Math.floor(n.start / STEPS_PER_BAR);
  const origin = barStartTick(p, bar);
  const ticksPerStep = p.ppq / 4;
  const offset = n.start - bar * STEPS_PER_BAR;
  const start = origin + Math.round(offset * ticksPerStep);
  const end = origin + Math.round((offset + n.duration) * ticksPerStep);
  return { pitch: n.pitch, start, duration: Math.max(1, end - start), velocity: n.velocity };
}

/** The grid bar whose ticks hold `tick`, or -1 when the tick is in a bar the grid skipped (or before the first). */
export function gridBarAt(p: Placement, tick: number): number {
  const whole = barLength(p.ppq, 4, 4);
  if (tick >= p.after && (p.barStarts.length === 0 || tick >= p.barStarts[p.barStarts.length - 1] + whole))
    return p.barStarts.length + Math.floor((tick - p.after) / whole);
  let lo = 0;
  let hi = p.barStarts.length - 1;
  if (hi < 0 || tick < p.barStarts[0]) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (p.barStarts[mid] <= tick) lo = mid;
    else hi = mid - 1;
  }
  return tick < p.barStarts[lo] + whole ? lo : -1;
}
