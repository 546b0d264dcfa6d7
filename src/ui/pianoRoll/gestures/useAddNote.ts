// Gesture: a click on an empty cell adds a one-beat note to the selected track
// (the first track when none is selected).
import { useEffect } from 'react';
import { addNote } from '../../../store/pieceActions';
import { useCantor } from '../../../store/state';
import type { RollController } from '../controller';
import { KEYS_WIDTH, RULER_HEIGHT, hitNote, snapDown, xToTick, yToPitch } from '../geometry';
import { localPoint } from './pointer';

export function useAddNote(c: RollController): void {
  useEffect(() => {
    const canvas = c.canvas;
    if (!canvas) return;
    const onClick = (e: MouseEvent) => {
      if (e.button !== 0 || e.detail > 1 || useCantor.getState().generation.running) return;
      if (performance.now() - c.dragEndedAt < 400) return;
      const { x, y } = localPoint(canvas, e);
      if (x < KEYS_WIDTH || y < RULER_HEIGHT) return;
      const { score, selectedTrack } = useCantor.getState().piece;
      if (hitNote(score, c.view, x, y, selectedTrack)) return;
      const start = snapDown(xToTick(c.view, x), score.ppq);
      addNote(selectedTrack ?? 0, { pitch: yToPitch(c.view, y), start, duration: score.ppq, velocity: 80 });
    };
    canvas.addEventListener('click', onClick);
    return () => canvas.removeEventListener('click', onClick);
  }, [c]);
}
