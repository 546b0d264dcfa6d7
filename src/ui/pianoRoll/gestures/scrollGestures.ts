// Moving the view with the pointer: the overview strip (click or drag: centre the
// view there) and the vertical scrollbar (drag the thumb, or click the track).
import { OVERVIEW_HEIGHT, overviewTick, scrollThumb, topPitchAtThumb, visibleTicks, zoneAt } from '../geometry';
import type { Gesture } from './pointer';

export const overviewGesture: Gesture = (c, p) => {
  if (zoneAt(c.view, p.x, p.y) !== 'overview' || p.y < c.view.height - OVERVIEW_HEIGHT) return null;
  const centre = (x: number) => {
    const [t0, t1] = visibleTicks(c.view);
    c.setView({ ...c.view, scrollTick: overviewTick(c.view, x, c.overview.total) - (t1 - t0) / 2 });
  };
  centre(p.x);
  return { move: (q) => centre(q.x), end() {} };
};

export const scrollbarGesture: Gesture = (c, p) => {
  if (zoneAt(c.view, p.x, p.y) !== 'vscroll') return null;
  const [y0, y1] = scrollThumb(c.view);
  const grab = p.y >= y0 && p.y <= y1 ? p.y - y0 : (y1 - y0) / 2;
  const to = (y: number) => c.setView({ ...c.view, topPitch: topPitchAtThumb(c.view, y - grab) });
  if (grab === (y1 - y0) / 2) to(p.y);
  return { move: (q) => to(q.y), end() {} };
};
