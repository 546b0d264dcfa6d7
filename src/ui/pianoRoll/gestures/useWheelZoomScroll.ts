// Gesture: the wheel scrolls (shift: sideways), ctrl/cmd + wheel zooms in time around
// the pointer, alt + wheel zooms the rows around it. Over the drum lane, time works the
// same (one axis for both) and the plain wheel scrolls the lane's own rows.
import { useEffect } from 'react';
import { useCantor } from '../../../store/state';
import type { RollController } from '../controller';
import { scrollBy, zoomAt, zoomRowsAt } from '../view';
import { localPoint } from './pointer';

/** Where the wheel acts: the roll's canvas, or another (the drum lane) with its own rows. */
export interface WheelTarget {
  canvas(c: RollController): HTMLCanvasElement | null;
  /** Scroll the rows by wheel pixels; the roll's own when absent. */
  scrollRows?(c: RollController, dy: number): void;
}

export function useWheelZoomScroll(c: RollController, target: WheelTarget = { canvas: (r) => r.canvas }): void {
  useEffect(() => {
    const canvas = target.canvas(c);
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const { ppq } = useCantor.getState().piece.score;
      const p = localPoint(canvas, e);
      const factor = Math.exp(-(e.deltaY || e.deltaX) * 0.002);
      if (e.ctrlKey || e.metaKey) c.setView(zoomAt(c.view, p.x, factor, ppq));
      else if (e.shiftKey) c.setView(scrollBy(c.view, e.deltaY || e.deltaX, 0, ppq));
      else if (target.scrollRows) {
        if (e.deltaX) c.setView(scrollBy(c.view, e.deltaX, 0, ppq));
        if (e.deltaY && !e.altKey) target.scrollRows(c, e.deltaY);
      } else if (e.altKey) c.setView(zoomRowsAt(c.view, p.y, factor, ppq));
      else c.setView(scrollBy(c.view, e.deltaX, e.deltaY / c.view.rowHeight / 2, ppq));
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [c, target]);
}
