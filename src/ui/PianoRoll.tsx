import { useRef } from 'react';
import { useRollController } from './pianoRoll/controller';
import { gridGesture, keysGesture } from './pianoRoll/gestures/gridGesture';
import { noteGesture } from './pianoRoll/gestures/noteGesture';
import type { Gesture } from './pianoRoll/gestures/pointer';
import { rulerGesture } from './pianoRoll/gestures/rulerGesture';
import { overviewGesture, scrollbarGesture } from './pianoRoll/gestures/scrollGestures';
import { useDeleteNote } from './pianoRoll/gestures/useDeleteNote';
import { usePointerGestures } from './pianoRoll/gestures/usePointerGestures';
import { useRollKeys } from './pianoRoll/gestures/useRollKeys';
import { useWheelZoomScroll } from './pianoRoll/gestures/useWheelZoomScroll';
import { velocityGesture } from './pianoRoll/gestures/velocityGesture';
import { RollTools } from './pianoRoll/RollTools';

/** Who gets a press, in this order: the first that claims it. */
const GESTURES: readonly Gesture[] = [rulerGesture, overviewGesture, scrollbarGesture, velocityGesture, keysGesture, noteGesture, gridGesture];

/** The canvas piano roll. Drawing happens in the controller, once per animation frame; it also writes the accessible label. */
export function PianoRoll() {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const roll = useRollController(canvasRef);
  usePointerGestures(roll, GESTURES);
  useDeleteNote(roll);
  useWheelZoomScroll(roll);
  useRollKeys(roll);
  return (
    <section className="roll" aria-label="Piano roll">
      <RollTools roll={roll} />
      {/* The canvas fills a box sized by CSS alone, so setting its pixel size never feeds back into layout. */}
      <div className="roll-box">
        <canvas ref={canvasRef} role="img" aria-label="0 tracks, 0 bars, 0 notes" aria-describedby="roll-keys" tabIndex={0} />
      </div>
    </section>
  );
}
