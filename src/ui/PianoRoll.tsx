import { useRef } from 'react';
import { selectSummary } from '../store/selectors';
import { useCantor } from '../store/state';
import { useRollController } from './pianoRoll/controller';
import { zoomAt, KEYS_WIDTH } from './pianoRoll/geometry';
import { useAddNote } from './pianoRoll/gestures/useAddNote';
import { useDeleteNote } from './pianoRoll/gestures/useDeleteNote';
import { useNoteDrag } from './pianoRoll/gestures/useNoteDrag';
import { useRulerSelect } from './pianoRoll/gestures/useRulerSelect';
import { useWheelZoomScroll } from './pianoRoll/gestures/useWheelZoomScroll';

/** The canvas piano roll. Drawing happens in the controller, once per animation frame. */
export function PianoRoll() {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const roll = useRollController(canvasRef);
  useRulerSelect(roll);
  useNoteDrag(roll);
  useAddNote(roll);
  useDeleteNote(roll);
  useWheelZoomScroll(roll);
  const summary = useCantor(selectSummary);
  const zoom = (factor: number) => roll.setView(zoomAt(roll.view, KEYS_WIDTH, factor, useCantor.getState().piece.score.ppq));
  return (
    <section className="roll">
      <div className="roll-tools">
        <button type="button" aria-label="Zoom in" onClick={() => zoom(1.5)}>
          +
        </button>
        <button type="button" aria-label="Zoom out" onClick={() => zoom(1 / 1.5)}>
          −
        </button>
        <span className="hint">click: add · drag: move · drag right edge: resize · double-click: delete · ruler: select bar (shift: loop) · ctrl+wheel: zoom</span>
      </div>
      {/* The canvas fills a box sized by CSS alone, so setting its pixel size never feeds back into layout. */}
      <div className="roll-box">
        <canvas ref={canvasRef} role="img" aria-label={summary} tabIndex={0} />
      </div>
    </section>
  );
}
