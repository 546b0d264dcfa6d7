// Presses, hover and the wheel on the drum lane. Notes are selected, moved, added and
// deleted by the roll's own gestures on the lane's surface (surfaces.ts); here are what
// only the lane has: its names (a click sounds the drum) and its row scrollbar.
import { auditionNote } from '../../../store/auditionActions';
import { selectDrumTarget } from '../../../store/editSelectors';
import { useCantor } from '../../../store/state';
import type { RollController } from '../controller';
import { drumScrollThumb, drumZoneAt, rowAt } from '../drumGeometry';
import { laneRows, laneView } from '../drumLaneState';
import { DONE, type Gesture, type Point } from './pointer';
import { drumSurface } from './surfaces';
import type { PointerTarget } from './usePointerGestures';
import type { WheelTarget } from './useWheelZoomScroll';

const zone = (c: RollController, p: Point) => drumZoneAt(laneView(c.view, c.drums), p.x);

/** The names: a click sounds that drum on the lane's track. */
export const drumNamesGesture: Gesture = (c, p) => {
  if (zone(c, p) !== 'names') return null;
  const s = useCantor.getState();
  const row = rowAt(laneRows(s, c.drums), p.y);
  const track = selectDrumTarget(s);
  if (row !== null && track !== null) auditionNote(track, laneRows(s, c.drums).rows[row]);
  return DONE;
};

/** Show the rows from `topRow` down (kept in range when drawn). */
function scrollRowsTo(c: RollController, topRow: number): void {
  c.drums.topRow = laneRows(useCantor.getState(), { ...c.drums, topRow }).topRow;
  c.requestDraw();
}

/** The row scrollbar: drag the thumb, or click the track to centre it there. */
export const drumScrollGesture: Gesture = (c, p) => {
  if (zone(c, p) !== 'vscroll') return null;
  const dv = laneRows(useCantor.getState(), c.drums);
  const [y0, y1] = drumScrollThumb(dv);
  const grab = p.y >= y0 && p.y <= y1 ? p.y - y0 : (y1 - y0) / 2;
  const to = (y: number) => scrollRowsTo(c, ((y - grab) / dv.height) * dv.rows.length);
  if (grab === (y1 - y0) / 2) to(p.y);
  return { move: (q) => to(q.y), end() {} };
};

export const lanePointer: PointerTarget = {
  canvas: (c) => c.drums.canvas,
  cursorAt(c, p) {
    const z = zone(c, p);
    if (z !== 'hits') return z === 'names' ? 'pointer' : 'grab';
    return drumSurface.hitAt(c, p) ? 'move' : 'cell';
  },
  setHover: (c, p) => (c.drums.hover = p),
};

export const laneWheel: WheelTarget = {
  canvas: (c) => c.drums.canvas,
  scrollRows: (c, dy) => scrollRowsTo(c, c.drums.topRow + Math.sign(dy) * Math.max(1, Math.round(Math.abs(dy) / 40))),
};

export const laneCanvas = (c: RollController) => c.drums.canvas;
