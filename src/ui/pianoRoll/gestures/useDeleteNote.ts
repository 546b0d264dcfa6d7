// Gesture: double-click or right-click a note to delete it (one undo step). The note a
// click has just added is kept: a double-click on empty space adds one note, no more.
import { useEffect } from 'react';
import { deleteNote } from '../../../store/pieceActions';
import { useCantor } from '../../../store/state';
import type { RollController } from '../controller';
import { localPoint } from './pointer';
import type { EditSurface } from './surfaces';

const DOUBLE_CLICK_MS = 600;

export function useDeleteNote(c: RollController, surface: EditSurface): void {
  useEffect(() => {
    const canvas = surface.canvas(c);
    if (!canvas) return;
    const onDelete = (e: MouseEvent) => {
      const s = useCantor.getState();
      if (s.generation.running) return;
      const hit = surface.hitAt(c, localPoint(canvas, e));
      if (!hit) return;
      e.preventDefault();
      const fresh = c.lastAdded?.note === hit.note && performance.now() - c.lastAdded.at < DOUBLE_CLICK_MS;
      if (e.type === 'dblclick' && fresh) return;
      deleteNote(hit.track, hit.index);
    };
    canvas.addEventListener('dblclick', onDelete);
    canvas.addEventListener('contextmenu', onDelete);
    return () => {
      canvas.removeEventListener('dblclick', onDelete);
      canvas.removeEventListener('contextmenu', onDelete);
    };
  }, [c, surface]);
}
