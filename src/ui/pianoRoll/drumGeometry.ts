// The drum lane's coordinates and hit testing: rows of drum sounds down, the roll's
// own time axis across (its RollView: keys width, scroll and zoom), so a hit sits
// exactly under the bar lines of the pitched roll above. Pure functions.
import type { Note, Score } from '../../music/score';
import { forVisibleNotes, hitOrder, noteRight, tickToX, xToTick, type NoteHit, type RollView } from './geometry';

/** Row heights the lane uses: the preferred one (the lane's natural height), and the limits when it is squeezed or has room. */
export const DRUM_ROW_HEIGHT = 14;
export const MIN_DRUM_ROW_HEIGHT = 10;
export const MAX_DRUM_ROW_HEIGHT = 20;

export interface DrumView {
  /** Drum keys, top row first. */
  rows: readonly number[];
  rowHeight: number;
  /** Index of the row at the top (the lane scrolls when its rows do not fit). */
  topRow: number;
  /** Canvas height in CSS pixels. */
  height: number;
}

/** The lane's natural height: every row at the preferred height. */
export const drumLaneHeight = (rowCount: number) => Math.max(1, rowCount) * DRUM_ROW_HEIGHT;

/** Rows that fit the height, between the limits; the top row kept so that no space is left below the last. */
export function drumView(rows: readonly number[], height: number, topRow: number): DrumView {
  const rowHeight = Math.min(MAX_DRUM_ROW_HEIGHT, Math.max(MIN_DRUM_ROW_HEIGHT, height / Math.max(1, rows.length)));
  const shown = Math.floor(height / rowHeight + 1e-6);
  return { rows, rowHeight, height, topRow: Math.max(0, Math.min(Math.round(topRow), rows.length - shown)) };
}

/** Whole rows on screen. */
export const shownRows = (dv: DrumView) =>
  Math.min(dv.rows.length - dv.topRow, Math.floor(dv.height / dv.rowHeight + 1e-6));

/** The lane does not show every row: it scrolls. */
export const drumRowsOverflow = (dv: DrumView) => dv.rows.length * dv.rowHeight > dv.height + 1e-6;

export const rowY = (dv: DrumView, row: number) => (row - dv.topRow) * dv.rowHeight;

/** The row index at a height (null below the last row). */
export function rowAt(dv: DrumView, y: number): number | null {
  const row = dv.topRow + Math.floor(y / dv.rowHeight);
  return y >= 0 && row < dv.rows.length && y < dv.height ? row : null;
}

/** The key of the row at a height, the nearest row's above or below the lane (a drag goes on past its edge). */
export function drumKeyAt(dv: DrumView, y: number): number {
  const row = Math.max(0, Math.min(dv.rows.length - 1, dv.topRow + Math.floor(y / dv.rowHeight)));
  return dv.rows[row];
}

export type DrumZone = 'names' | 'hits' | 'vscroll';

/** Which part of the lane a point is in: the sound names at the left, the hits, the row scrollbar at the right. */
export function drumZoneAt(v: RollView, x: number): DrumZone {
  if (x < v.keysWidth) return 'names';
  return x >= noteRight(v) ? 'vscroll' : 'hits';
}

/** A hit is drawn as a diamond from its onset, however long the note: this wide. */
export const drumHitWidth = (dv: DrumView) => Math.max(8, Math.min(14, dv.rowHeight));

/** A hit's box on screen; null when its row is not shown. */
export function hitBox(v: RollView, dv: DrumView, n: Note): { x0: number; x1: number; y0: number; y1: number } | null {
  const row = dv.rows.indexOf(n.pitch);
  if (row < dv.topRow || row >= dv.topRow + shownRows(dv)) return null;
  const [x0, y0] = [tickToX(v, n.start), rowY(dv, row)];
  return { x0, x1: x0 + drumHitWidth(dv), y0, y1: y0 + dv.rowHeight };
}

/** The drum hit under a point; the preferred (target) track wins where hits of several drum tracks overlap. */
export function hitDrum(
  score: Score,
  v: RollView,
  dv: DrumView,
  x: number,
  y: number,
  prefer: number | null,
): NoteHit | null {
  if (drumZoneAt(v, x) !== 'hits') return null;
  const row = rowAt(dv, y);
  if (row === null) return null;
  const key = dv.rows[row];
  const tick = xToTick(v, x);
  const slack = drumHitWidth(dv) / v.pxPerTick;
  for (const track of hitOrder(score.tracks.length, prefer)) {
    const t = score.tracks[track];
    if (!t.isDrum) continue;
    let hit: NoteHit | null = null;
    forVisibleNotes(t.notes, tick - slack, tick + 1e-6, (note, index) => {
      const x0 = tickToX(v, note.start);
      if (note.pitch === key && x >= x0 && x <= x0 + drumHitWidth(dv)) hit = { track, index, note, part: 'body' };
    });
    if (hit) return hit;
  }
  return null;
}

/** Drum hits (as [track, note]) whose box meets the rectangle between two points. */
export function drumsInRect(
  score: Score,
  v: RollView,
  dv: DrumView,
  a: { x: number; y: number },
  b: { x: number; y: number },
): [number, Note][] {
  const [x0, x1] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
  const [y0, y1] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
  const out: [number, Note][] = [];
  const slack = drumHitWidth(dv) / v.pxPerTick;
  score.tracks.forEach((t, track) => {
    if (!t.isDrum) return;
    forVisibleNotes(t.notes, xToTick(v, x0) - slack, xToTick(v, x1), (n) => {
      const box = hitBox(v, dv, n);
      if (box && box.x1 >= x0 && box.x0 <= x1 && box.y1 > y0 && box.y0 <= y1) out.push([track, n]);
    });
  });
  return out;
}

/** The row scrollbar's thumb, [top, bottom] in pixels: the rows shown out of all of them. */
export function drumScrollThumb(dv: DrumView): [number, number] {
  const total = Math.max(1, dv.rows.length);
  const y0 = (dv.topRow / total) * dv.height;
  return [y0, Math.min(dv.height, y0 + Math.max(12, (shownRows(dv) / total) * dv.height))];
}
