import { useRef } from 'react';
import { useRollController } from './pianoRoll/controller';
import { DrumLane } from './pianoRoll/DrumLane';
import { gridGestureOn, keysGesture } from './pianoRoll/gestures/gridGesture';
import { noteGestureOn } from './pianoRoll/gestures/noteGesture';
import type { Gesture } from './pianoRoll/gestures/pointer';
import { rulerGesture } from './pianoRoll/gestures/rulerGesture';
import { overviewGesture, scrollbarGesture } from './pianoRoll/gestures/scrollGestures';
import { rollSurface } from './pianoRoll/gestures/surfaces';
import { useDeleteNote } from './pianoRoll/gestures/useDeleteNote';
import { usePointerGestures } from './pianoRoll/gestures/usePointerGestures';
import { useRollKeys } from './pianoRoll/gestures/useRollKeys';
import { useWheelZoomScroll } from './pianoRoll/gestures/useWheelZoomScroll';
import { velocityGesture } from './pianoRoll/gestures/velocityGesture';
import { RollTools } from './pianoRoll/RollTools';

/** Who gets a press, in this order: the first that claims it. */
const GESTURES: readonly Gesture[] = [
  rulerGesture,
  overviewGesture,
  scrollbarGesture,
  velocityGesture,
  keysGesture,
  noteGestureOn(rollSurface),
  gridGestureOn(rollSurface),
];

/**
 * The canvas piano roll, with the drum lane below it when the piece has drums. Drawing happens in the
 * controller, once per animation frame for both; it also writes their accessible labels.
 */
export function PianoRoll() {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const roll = useRollController(canvasRef);
  usePointerGestures(roll, GESTURES);
  useDeleteNote(roll, rollSurface);
  useWheelZoomScroll(roll);
  useRollKeys(roll);
  return (
    <section className="roll" aria-label="Piano roll">
      <RollTools roll={roll} />
      {/* The canvas fills a box sized by CSS alone, so setting its pixel size never feeds back into layout. */}
      <div className="roll-box">
        <canvas
          ref={canvasRef}
          role="img"
          aria-label="0 tracks, 0 bars, 0 notes"
          aria-describedby="roll-keys"
          tabIndex={0}
        />
      </div>
      <DrumLane roll={roll} />
    </section>
  );
}
