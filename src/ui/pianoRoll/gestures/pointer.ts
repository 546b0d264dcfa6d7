// Shared by the gestures: where a pointer event is, in canvas CSS pixels, and the
// shape every press-drag-release gesture takes.
import type { RollController } from '../controller';

export interface Point {
  x: number;
  y: number;
}

export function localPoint(canvas: HTMLCanvasElement, e: MouseEvent): Point {
  const r = canvas.getBoundingClientRect();
  return { x: e.clientX - r.left, y: e.clientY - r.top };
}

/** A press in progress: moves until released (or cancelled, e.g. the pointer was lost). */
export interface Drag {
  move(p: Point, e: PointerEvent): void;
  end(p: Point, e: PointerEvent, cancelled: boolean): void;
}

/** One gesture: claims a press (returns its Drag) or lets the next gesture have it (null). */
export type Gesture = (c: RollController, p: Point, e: PointerEvent) => Drag | null;

/** A press that needs nothing after the pointer goes down. */
export const DONE: Drag = { move() {}, end() {} };

/** Pixels a press may wander and still count as a click. */
export const CLICK_SLOP = 3;
export const moved = (a: Point, b: Point) => Math.abs(a.x - b.x) > CLICK_SLOP || Math.abs(a.y - b.y) > CLICK_SLOP;
