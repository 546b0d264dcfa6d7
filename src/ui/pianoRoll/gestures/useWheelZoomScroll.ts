// Gesture: the wheel scrolls (shift: sideways), ctrl/cmd + wheel zooms in time around
// the pointer, alt + wheel zooms the rows around it.
import { useEffect } from 'react';
import { useCantor } from '../../../store/state';
import type { RollController } from '../controller';
import { scrollBy, zoomAt, zoomRowsAt } from '../view';
import { localPoint } from './pointer';

export function useWheelZoomScroll(c: RollController): void {
  useEffect(() => {
    const canvas = c.canvas;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const { ppq } = useCantor.getState().piece.score;
      const p = localPoint(canvas, e);
      const factor = Math.exp(-(e.deltaY || e.deltaX) * 0.002);
      if (e.ctrlKey || e.metaKey) c.setView(zoomAt(c.view, p.x, factor, ppq));
      else if (e.altKey) c.setView(zoomRowsAt(c.view, p.y, factor, ppq));
      else if (e.shiftKey) c.setView(scrollBy(c.view, e.deltaY || e.deltaX, 0, ppq));
      else c.setView(scrollBy(c.view, e.deltaX, e.deltaY / c.view.rowHeight / 2, ppq));
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [c]);
}
