// The bar ruler: a click selects that bar (again: deselects) and moves the playhead to
// it; shift-click loops from the selected bar to this one. Bars are the score's real ones.
import { barIndexAt } from '../../../music/meter';
import { selectBar } from '../../../store/pieceActions';
import { seek, setLoop } from '../../../store/playbackActions';
import { useCantor } from '../../../store/state';
import { rollBars } from '../bars';
import { xToTick, zoneAt } from '../geometry';
import { DONE, type Gesture } from './pointer';

export const rulerGesture: Gesture = (c, p, e) => {
  if (zoneAt(c.view, p.x, p.y) !== 'ruler' || p.x < c.view.keysWidth) return null;
  const { score, selectedBar } = useCantor.getState().piece;
  const tick = xToTick(c.view, p.x);
  const bars = rollBars(score, tick + 1);
  const bar = barIndexAt(bars, tick);
  if (e.shiftKey && selectedBar !== null && bars[selectedBar]) {
    const [a, b] = [Math.min(selectedBar, bar), Math.max(selectedBar, bar)];
    setLoop([bars[a].start, bars[b].end]);
    return DONE;
  }
  selectBar(selectedBar === bar ? null : bar);
  seek(bars[bar].start);
  return DONE;
};
