// The drum lane below the piano roll, as in a DAW: a named row per drum sound, on the
// roll's time axis (zoom and scroll move both), with the roll's selection, editing and
// keys. Shown while the piece (or, on an empty roll, the band Compose would make) has drums.
import { useEffect, useRef, type RefObject } from 'react';
import { selectHasDrumLane } from '../../store/editSelectors';
import { useCantor, type CantorState } from '../../store/state';
import type { RollController } from './controller';
import { drumLaneHeight } from './drumGeometry';
import { drumRows } from './drumRows';
import { drumNamesGesture, drumScrollGesture, laneCanvas, lanePointer, laneWheel } from './gestures/drumGestures';
import { gridGestureOn } from './gestures/gridGesture';
import { noteGestureOn } from './gestures/noteGesture';
import type { Gesture } from './gestures/pointer';
import { drumSurface } from './gestures/surfaces';
import { useDeleteNote } from './gestures/useDeleteNote';
import { usePointerGestures } from './gestures/usePointerGestures';
import { useRollKeys } from './gestures/useRollKeys';
import { useWheelZoomScroll } from './gestures/useWheelZoomScroll';

const LANE_GESTURES: readonly Gesture[] = [
  drumNamesGesture,
  drumScrollGesture,
  noteGestureOn(drumSurface),
  gridGestureOn(drumSurface),
];

const selectRowCount = (s: CantorState) => drumRows(s.piece.score.tracks, s.edit.drumKit).length;

/** Hands the lane's canvas to the controller and keeps its pixel size that of its box. */
function useLaneCanvas(roll: RollController, ref: RefObject<HTMLCanvasElement | null>): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const lane = roll.drums;
    lane.canvas = el;
    const resize = () => {
      const rect = el.getBoundingClientRect();
      const dpr = window.devicePixelRatio || 1;
      const [w, h] = [Math.max(1, Math.round(rect.width * dpr)), Math.max(1, Math.round(rect.height * dpr))];
      if (w !== el.width || h !== el.height) [el.width, el.height] = [w, h];
      [lane.width, lane.height] = [rect.width, rect.height];
      roll.drawNow();
    };
    resize();
    const observer = new ResizeObserver(resize);
    observer.observe(el);
    return () => {
      observer.disconnect();
      Object.assign(lane, { canvas: null, hover: null, band: null });
      roll.requestDraw();
    };
  }, [roll, ref]);
}

function DrumLaneCanvas({ roll }: { roll: RollController }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const rows = useCantor(selectRowCount);
  // First: the hooks below find the canvas on the controller.
  useLaneCanvas(roll, ref);
  usePointerGestures(roll, LANE_GESTURES, lanePointer);
  useDeleteNote(roll, drumSurface);
  useWheelZoomScroll(roll, laneWheel);
  useRollKeys(roll, laneCanvas);
  return (
    // The box's height is the canvas's plus its 1px border (border-box).
    <div className="drum-box" style={{ height: drumLaneHeight(rows) + 2 }}>
      <canvas ref={ref} role="img" aria-label="Drums" aria-describedby="roll-keys" tabIndex={0} />
    </div>
  );
}

export function DrumLane({ roll }: { roll: RollController }) {
  return useCantor(selectHasDrumLane) ? <DrumLaneCanvas roll={roll} /> : null;
}
