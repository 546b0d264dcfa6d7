// Gesture: drag a note's body to move it (time and pitch), its right edge to resize it.
// The note is drawn as a draft while dragging; releasing makes one undo step.
import { useEffect } from 'react';
import { selectTrack, updateNote } from '../../../store/pieceActions';
import { useCantor } from '../../../store/state';
import type { RollController } from '../controller';
import { hitNote, snap, xToTick, yToPitch } from '../geometry';
import { localPoint } from './pointer';

export function useNoteDrag(c: RollController): void {
  useEffect(() => {
    const canvas = c.canvas;
    if (!canvas) return;
    let drag: { track: number; index: number; part: 'body' | 'end'; tick0: number; pitch0: number; pointer: number } | null = null;

    const onDown = (e: PointerEvent) => {
      if (e.button !== 0 || useCantor.getState().generation.running) return;
      const { x, y } = localPoint(canvas, e);
      const { score, selectedTrack } = useCantor.getState().piece;
      const hit = hitNote(score, c.view, x, y, selectedTrack);
      if (!hit) return;
      e.stopImmediatePropagation();
      selectTrack(hit.track);
      drag = { ...hit, tick0: xToTick(c.view, x), pitch0: yToPitch(c.view, y), pointer: e.pointerId };
      canvas.setPointerCapture(e.pointerId);
    };
    const onMove = (e: PointerEvent) => {
      if (!drag || e.pointerId !== drag.pointer) return;
      const { x, y } = localPoint(canvas, e);
      const score = useCantor.getState().piece.score;
      const note = score.tracks[drag.track]?.notes[drag.index];
      if (!note) return;
      const dt = snap(xToTick(c.view, x) - drag.tick0, score.ppq);
      const step = score.ppq / 4;
      c.draft = {
        track: drag.track,
        index: drag.index,
        note:
          drag.part === 'end'
            ? { ...note, duration: Math.max(step, note.duration + dt) }
            : { ...note, start: Math.max(0, note.start + dt), pitch: Math.max(0, Math.min(127, note.pitch + yToPitch(c.view, y) - drag.pitch0)) },
      };
      c.requestDraw();
    };
    const onUp = (e: PointerEvent) => {
      if (!drag || e.pointerId !== drag.pointer) return;
      const draft = c.draft;
      const { track, index } = drag;
      drag = null;
      c.draft = null;
      c.dragEndedAt = performance.now();
      if (draft) updateNote(track, index, { start: draft.note.start, pitch: draft.note.pitch, duration: draft.note.duration });
      c.requestDraw();
    };
    canvas.addEventListener('pointerdown', onDown);
    canvas.addEventListener('pointermove', onMove);
    canvas.addEventListener('pointerup', onUp);
    canvas.addEventListener('pointercancel', onUp);
    return () => {
      canvas.removeEventListener('pointerdown', onDown);
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerup', onUp);
      canvas.removeEventListener('pointercancel', onUp);
    };
  }, [c]);
}
