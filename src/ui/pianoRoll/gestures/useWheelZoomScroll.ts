// Gesture: the wheel scrolls (shift: sideways), ctrl/cmd + wheel zooms around the pointer.
import { useEffect } from 'react';
import { useCantor } from '../../../store/state';
import type { RollController } from '../controller';
import { scrollBy, zoomAt } from '../geometry';
import { localPoint } from './pointer';

export function useWheelZoomScroll(c: RollController): void {
  useEffect(() => {
    const canvas = c.canvas;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      if (e.ctrlKey || e.metaKey) {
        c.setView(zoomAt(c.view, localPoint(canvas, e).x, Math.exp(-e.deltaY * 0.002), useCantor.getState().piece.score.ppq));
      } else if (e.shiftKey) {
        c.setView(scrollBy(c.view, e.deltaY || e.deltaX, 0));
      } else {
        c.setView(scrollBy(c.view, e.deltaX, e.deltaY / c.view.rowHeight / 2));
      }
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [c]);
}
