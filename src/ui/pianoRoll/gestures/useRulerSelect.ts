// Gesture: a click on the bar ruler selects that bar (again: deselects) and moves
// the playhead there; shift-click sets the loop from the selected bar to this one.
import { useEffect } from 'react';
import { selectBar } from '../../../store/pieceActions';
import { seek, setLoop } from '../../../store/playbackActions';
import { useCantor } from '../../../store/state';
import type { RollController } from '../controller';
import { KEYS_WIDTH, RULER_HEIGHT, xToTick } from '../geometry';
import { localPoint } from './pointer';

export function useRulerSelect(c: RollController): void {
  useEffect(() => {
    const canvas = c.canvas;
    if (!canvas) return;
    const onDown = (e: PointerEvent) => {
      const { x, y } = localPoint(canvas, e);
      if (e.button !== 0 || y >= RULER_HEIGHT || x < KEYS_WIDTH) return;
      const { score, selectedBar } = useCantor.getState().piece;
      const bt = score.ppq * 4;
      const bar = Math.floor(xToTick(c.view, x) / bt);
      if (e.shiftKey && selectedBar !== null) {
        const [a, b] = [Math.min(selectedBar, bar), Math.max(selectedBar, bar)];
        setLoop([a * bt, (b + 1) * bt]);
        return;
      }
      selectBar(selectedBar === bar ? null : bar);
      seek(bar * bt);
    };
    canvas.addEventListener('pointerdown', onDown);
    return () => canvas.removeEventListener('pointerdown', onDown);
  }, [c]);
}
