// The drum lane's per-frame state, held by the roll's controller beside its own view:
// the lane has its own canvas and rows but borrows the roll's time axis, so zooming or
// scrolling either one moves both, and one animation frame draws both.
import { noteCount } from '../../music/score';
import { barCount } from '../../store/selectors';
import type { CantorState } from '../../store/state';
import { drawDrumLane } from './drawDrums';
import type { Scene } from './draw';
import { drumView, type DrumView } from './drumGeometry';
import { drumRows, drumSummary } from './drumRows';
import { visibleTicks, type RollView } from './geometry';
import { rollBars } from './bars';
import { barsInView } from './view';

export interface DrumLaneState {
  canvas: HTMLCanvasElement | null;
  /** Canvas size in CSS pixels. */
  width: number;
  height: number;
  /** The row at the top, when the rows do not all fit. */
  topRow: number;
  hover: { x: number; y: number } | null;
  /** Rubber band, in the lane's canvas pixels. */
  band: { x0: number; y0: number; x1: number; y1: number } | null;
}

export const newDrumLane = (): DrumLaneState => ({
  canvas: null,
  width: 1,
  height: 1,
  topRow: 0,
  hover: null,
  band: null,
});

/** The roll's time axis at the lane's size: x maps to the same tick in both. */
export const laneView = (roll: RollView, lane: DrumLaneState): RollView => ({
  ...roll,
  width: lane.width,
  height: lane.height,
});

/** The lane's rows for the piece as it is now. */
export const laneRows = (s: CantorState, lane: DrumLaneState): DrumView =>
  drumView(drumRows(s.piece.score.tracks, s.edit.drumKit), lane.height, lane.topRow);

const labelMemo = { tracks: null as unknown, rows: '', text: '' };

/** The accessible name ("Drums: 4 sounds, 128 hits in 8 bars; rows: …; in view: bars 1–8") and the view as data attributes. */
function publish(el: HTMLCanvasElement, s: CantorState, v: RollView, dv: DrumView): void {
  const { score } = s.piece;
  const rows = dv.rows.join(',');
  if (labelMemo.tracks !== score.tracks || labelMemo.rows !== rows) {
    const bars = noteCount(score) === 0 ? 0 : barCount(score);
    Object.assign(labelMemo, { tracks: score.tracks, rows, text: drumSummary(score.tracks, dv.rows, bars) });
  }
  const [first, last] = barsInView(v, rollBars(score, visibleTicks(v)[1]));
  const label = `${labelMemo.text}; in view: bars ${first + 1}–${last + 1}`;
  if (el.getAttribute('aria-label') !== label) el.setAttribute('aria-label', label);
  Object.assign(el.dataset, {
    rows,
    rowHeight: dv.rowHeight,
    topRow: dv.topRow,
    keysWidth: v.keysWidth,
    scrollTick: v.scrollTick,
    pxPerTick: v.pxPerTick,
  });
}

/** Draw the lane for this frame (the roll's scene gives the piece, selection, draft and playhead). */
export function drawLaneFrame(lane: DrumLaneState, s: CantorState, scene: Scene): void {
  const el = lane.canvas;
  const ctx = el?.getContext('2d');
  if (!el || !ctx) return;
  const dpr = window.devicePixelRatio || 1;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const dv = laneRows(s, lane);
  lane.topRow = dv.topRow;
  const view = laneView(scene.view, lane);
  drawDrumLane(ctx, { roll: scene, dv, view, hover: lane.hover, band: lane.band });
  publish(el, s, view, dv);
}
