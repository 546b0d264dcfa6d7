// Routes each press to the first gesture that claims it (ruler, overview, scrollbar,
// velocity lane, a note, the empty grid), keeps the pointer until release, and
// between presses sets the cursor and the hover label for what is under the pointer.
// The drum lane routes its presses the same way, on its own canvas.
import { useEffect } from 'react';
import { selectSelection, selectTargetTrack } from '../../../store/editSelectors';
import { useCantor } from '../../../store/state';
import type { RollController } from '../controller';
import { hitNote, hitStalk, zoneAt } from '../geometry';
import { localPoint, type Drag, type Gesture, type Point } from './pointer';

/** A canvas that takes presses: what the cursor is over a point, and where the hover label goes. */
export interface PointerTarget {
  canvas(c: RollController): HTMLCanvasElement | null;
  cursorAt(c: RollController, p: Point): string;
  setHover(c: RollController, p: Point | null): void;
}

function cursorAt(c: RollController, p: Point): string {
  const s = useCantor.getState();
  const zone = zoneAt(c.view, p.x, p.y);
  if (zone === 'ruler' || zone === 'keys') return 'pointer';
  if (zone === 'overview' || zone === 'vscroll') return 'grab';
  if (zone === 'lane')
    return hitStalk(s.piece.score, c.view, p.x, selectTargetTrack(s), selectSelection(s)) ? 'ns-resize' : 'default';
  const hit = hitNote(s.piece.score, c.view, p.x, p.y, selectTargetTrack(s));
  if (!hit) return 'cell';
  return hit.part === 'body' ? 'move' : 'ew-resize';
}

export const rollPointer: PointerTarget = { canvas: (c) => c.canvas, cursorAt, setHover: (c, p) => (c.hover = p) };

export function usePointerGestures(
  c: RollController,
  gestures: readonly Gesture[],
  target: PointerTarget = rollPointer,
): void {
  useEffect(() => {
    const canvas = target.canvas(c);
    if (!canvas) return;
    let drag: { drag: Drag; pointer: number } | null = null;
    const onDown = (e: PointerEvent) => {
      if (e.button !== 0 || drag) return;
      canvas.focus({ preventScroll: true });
      const p = localPoint(canvas, e);
      for (const g of gestures) {
        const d = g(c, p, e);
        if (!d) continue;
        drag = { drag: d, pointer: e.pointerId };
        canvas.setPointerCapture(e.pointerId);
        break;
      }
      c.requestDraw();
    };
    const onMove = (e: PointerEvent) => {
      const p = localPoint(canvas, e);
      if (drag && e.pointerId === drag.pointer) drag.drag.move(p, e);
      else if (!drag) canvas.style.cursor = target.cursorAt(c, p);
      target.setHover(c, p);
      c.requestDraw();
    };
    const onUp = (cancelled: boolean) => (e: PointerEvent) => {
      if (!drag || e.pointerId !== drag.pointer) return;
      const d = drag.drag;
      drag = null;
      d.end(localPoint(canvas, e), e, cancelled);
      c.requestDraw();
    };
    const onLeave = () => {
      target.setHover(c, null);
      c.requestDraw();
    };
    const [up, cancel] = [onUp(false), onUp(true)];
    canvas.addEventListener('pointerdown', onDown);
    canvas.addEventListener('pointermove', onMove);
    canvas.addEventListener('pointerup', up);
    canvas.addEventListener('pointercancel', cancel);
    canvas.addEventListener('pointerleave', onLeave);
    return () => {
      canvas.removeEventListener('pointerdown', onDown);
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerup', up);
      canvas.removeEventListener('pointercancel', cancel);
      canvas.removeEventListener('pointerleave', onLeave);
    };
  }, [c, gestures, target]);
}
