// Gesture: double-click or right-click a note to delete it.
import { useEffect } from 'react';
import { deleteNote } from '../../../store/pieceActions';
import { useCantor } from '../../../store/state';
import type { RollController } from '../controller';
import { hitNote } from '../geometry';
import { localPoint } from './pointer';

export function useDeleteNote(c: RollController): void {
  useEffect(() => {
    const canvas = c.canvas;
    if (!canvas) return;
    const onDelete = (e: MouseEvent) => {
      if (useCantor.getState().generation.running) return;
      const { x, y } = localPoint(canvas, e);
      const { score, selectedTrack } = useCantor.getState().piece;
      const hit = hitNote(score, c.view, x, y, selectedTrack);
      if (!hit) return;
      e.preventDefault();
      deleteNote(hit.track, hit.index);
    };
    canvas.addEventListener('dblclick', onDelete);
    canvas.addEventListener('contextmenu', onDelete);
    return () => {
      canvas.removeEventListener('dblclick', onDelete);
      canvas.removeEventListener('contextmenu', onDelete);
    };
  }, [c]);
}
