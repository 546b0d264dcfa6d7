// What the roll shows: fitting, zooming, scrolling and following, always kept
// inside MIDI 0..127 and after tick 0. Pure functions of the view.
import { barIndexAt, type Bar } from '../../music/meter';
import type { Score } from '../../music/score';
import {
  RULER_HEIGHT,
  noteHeight,
  noteName,
  noteWidth,
  tickToX,
  visibleRows,
  visibleTicks,
  xToTick,
  type RollView,
} from './geometry';

export const MAX_ROW_HEIGHT = 28;
const MIN_PX_PER_QUARTER = 1;
const MAX_PX_PER_QUARTER = 400;
/** Rows of air above and below the notes when fitting. */
const FIT_MARGIN = 2;

/** The view made valid: rows between 0 and 127 only (taller rows when the area could show more than 128), tick >= 0. */
export function clampView(v: RollView, ppq: number): RollView {
  const minRow = noteHeight(v) / 128;
  const rowHeight = Math.min(MAX_ROW_HEIGHT, Math.max(minRow, v.rowHeight));
  const rows = Math.ceil(noteHeight(v) / rowHeight - 1e-6);
  const topPitch = Math.min(127, Math.max(rows - 1, Math.round(v.topPitch)));
  const pxPerTick = Math.min(MAX_PX_PER_QUARTER / ppq, Math.max(MIN_PX_PER_QUARTER / ppq, v.pxPerTick));
  return { ...v, rowHeight, topPitch, pxPerTick, scrollTick: Math.max(0, v.scrollTick) };
}

/** A span of the piece to show: ticks [from, to) and pitches low..high. */
export interface FitRange {
  from: number;
  to: number;
  low: number;
  high: number;
}

/**
 * Lowest and highest pitch of the pitched notes sounding in [from, to) (of the whole piece when none do; C3..C6
 * when there are none): drum keys are not pitches, and the drums have their own lane.
 */
export function pitchRange(score: Score, from = 0, to = Infinity): { low: number; high: number } {
  let [low, high] = [128, -1];
  const scan = (a: number, b: number) => {
    for (const t of score.tracks)
      for (const n of t.isDrum ? [] : t.notes) {
        if (n.start >= b || n.start + n.duration <= a) continue;
        low = Math.min(low, n.pitch);
        high = Math.max(high, n.pitch);
      }
  };
  scan(from, to);
  if (high < 0) scan(0, Infinity);
  return high < 0 ? { low: 48, high: 84 } : { low, high };
}

/** Show exactly [from, to) across the note area and low..high (with a margin) down it. */
export function fitView(v: RollView, r: FitRange, ppq: number): RollView {
  const span = Math.max(1, r.to - r.from);
  const pxPerTick = noteWidth(v) / span;
  const rows = r.high - r.low + 1 + 2 * FIT_MARGIN;
  const rowHeight = Math.min(MAX_ROW_HEIGHT, Math.max(noteHeight(v) / 128, noteHeight(v) / rows));
  const shown = noteHeight(v) / rowHeight;
  const topPitch = Math.round((r.high + r.low) / 2 + (shown - 1) / 2);
  const fitted = clampView({ ...v, pxPerTick, rowHeight, topPitch, scrollTick: r.from }, ppq);
  // Zoom limits may stop an exact fit: then keep the start of the range in view.
  return { ...fitted, scrollTick: Math.max(0, r.from) };
}

/** Zoom horizontally around an anchor x so the tick under it stays put. */
export function zoomAt(v: RollView, x: number, factor: number, ppq: number): RollView {
  const anchor = xToTick(v, x);
  const z = clampView({ ...v, pxPerTick: v.pxPerTick * factor }, ppq);
  return clampView({ ...z, scrollTick: anchor - (x - v.keysWidth) / z.pxPerTick }, ppq);
}

/** Zoom vertically around an anchor y so the pitch under it stays put. */
export function zoomRowsAt(v: RollView, y: number, factor: number, ppq: number): RollView {
  const fromTop = y - RULER_HEIGHT;
  const pitchAtY = v.topPitch - fromTop / v.rowHeight;
  const z = clampView({ ...v, rowHeight: v.rowHeight * factor }, ppq);
  return clampView({ ...z, topPitch: pitchAtY + fromTop / z.rowHeight }, ppq);
}

/** Scroll by pixels sideways and by rows down (negative: up). */
export function scrollBy(v: RollView, dxPx: number, dyRows: number, ppq: number): RollView {
  return clampView({ ...v, scrollTick: v.scrollTick + dxPx / v.pxPerTick, topPitch: v.topPitch - dyRows }, ppq);
}

/** Scroll forward by a page when `tick` is outside the note area (following the playhead). */
export function follow(v: RollView, tick: number, leadIn: number): RollView {
  const x = tickToX(v, tick);
  const [, t1] = visibleTicks(v);
  return x > tickToX(v, t1) - 16 || x < v.keysWidth ? { ...v, scrollTick: Math.max(0, tick - leadIn) } : v;
}

/** Pitch span of the rows at least half on screen, top down. */
export function pitchesInView(v: RollView): [number, number] {
  const rows = Math.max(1, Math.round(visibleRows(v)));
  return [v.topPitch, Math.max(0, v.topPitch - rows + 1)];
}

/** Bars (indices from 0) shown: each at least half on screen, or filling at least half of it when zoomed in. */
export function barsInView(v: RollView, bars: readonly Bar[]): [number, number] {
  const [t0, t1] = visibleTicks(v);
  let first = -1;
  let last = -1;
  for (let i = barIndexAt(bars, t0); i < bars.length && bars[i].start < t1; i++) {
    const b = bars[i];
    const seen = Math.min(b.end, t1) - Math.max(b.start, t0);
    if (seen > 0 && (seen >= (b.end - b.start) / 2 - 1e-6 || seen >= (t1 - t0) / 2)) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) {
    const i = barIndexAt(bars, (t0 + t1) / 2);
    return [i, i];
  }
  return [first, last];
}

/** "bars 1–16, C3–A5": what is on screen, bars counted from 1 as musicians do. */
export function viewText(v: RollView, bars: readonly Bar[]): string {
  const [a, b] = barsInView(v, bars);
  const [hi, lo] = pitchesInView(v);
  return `bars ${a + 1}–${b + 1}, ${noteName(lo)}–${noteName(hi)}`;
}
