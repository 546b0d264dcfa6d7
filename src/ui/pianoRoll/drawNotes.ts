// The notes layer and the velocity lane. Every track keeps its full colour; the
// selected notes get a dark outline; a note in unison with another track's is
// drawn in the lower part of the row, so both voices stay visible. Drum tracks are
// drawn in the drum lane (drawDrums.ts), not on pitches; their velocities show here.
import type { Note } from '../../music/score';
import type { Scene } from './draw';
import {
  bottomPitch,
  stalkX,
  forVisibleNotes,
  noteBottom,
  noteRight,
  noteSpan,
  pitchToY,
  visibleTicks,
  type RollView,
} from './geometry';
import { drawLayers, drawOrder, type Batch } from './noteLayers';

/** A note as a bar; `slot` picks its part of the row (0: all of it; k: the lower 1/(k+1), for unisons). */
function addBar(b: Batch, v: RollView, n: Note, slot: number): void {
  const [x0, x1] = noteSpan(v, n);
  const h = Math.max(2, v.rowHeight - 1);
  const part = 1 / (slot + 1);
  const [x, y] = [Math.round(x0), Math.round(pitchToY(v, n.pitch) + h * (1 - part))];
  const [w, height] = [Math.max(2, Math.round(x1 - x0) - 1), Math.max(2, Math.round(h * part))];
  b.rects.push(x, y, w, height);
  // Selected notes always show their outline; others once there is room for one.
  if (b.look.selected || (w >= 4 && height >= 4))
    (b.outlines ??= new Path2D()).rect(x + 0.5, y + 0.5, w - 1, height - 1);
}

/** How many tracks drawn before this one sound the same pitch while `n` does (0..3): its slot in the row. */
function unisonSlot(s: Scene, earlier: readonly number[], n: Note): number {
  let slot = 0;
  for (const j of earlier) {
    const t = s.score.tracks[j];
    if (t.isDrum) continue;
    let found = false;
    forVisibleNotes(t.notes, n.start, n.start + n.duration, (m) => {
      found ||= m.pitch === n.pitch;
    });
    if (found && ++slot === 3) break;
  }
  return slot;
}

export function drawNotes(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.view;
  const [low, high] = [bottomPitch(v), v.topPitch];
  // Rows too thin to split show unisons by their outlines alone.
  const split = v.rowHeight >= 5;
  drawLayers(ctx, s, {
    drums: false,
    shown: (n) => n.pitch >= low && n.pitch <= high,
    shape: (b, n, _track, earlier) => addBar(b, v, n, split && earlier.length > 0 ? unisonSlot(s, earlier, n) : 0),
  });
}

/** Velocity lane: one stalk per visible note, its height the velocity; selected stalks drawn dark. */
export function drawLane(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.view;
  if (v.laneHeight <= 0) return;
  const top = noteBottom(v);
  const [left, right] = [v.keysWidth, noteRight(v)];
  ctx.fillStyle = '#f3f3ee';
  ctx.fillRect(0, top, v.width, v.laneHeight);
  ctx.fillStyle = '#bbb';
  ctx.fillRect(0, top, v.width, 1);
  ctx.fillStyle = '#555';
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  ctx.fillText('Velocity', 4, top + 4);
  const [t0, t1] = visibleTicks(v);
  const usable = v.laneHeight - 8;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, right - left, v.laneHeight);
  ctx.clip();
  const stalk = (n: Note, track: number, selected: boolean) => {
    const x = Math.round(stalkX(v, n, track)) - 1;
    const h = Math.max(2, (n.velocity / 127) * usable);
    ctx.fillStyle = selected ? '#0b1f33' : s.colours[track];
    ctx.fillRect(x, top + v.laneHeight - 2 - h, 2, h);
    ctx.fillRect(x - 2, top + v.laneHeight - 2 - h, 6, 3);
  };
  for (const ti of drawOrder(s)) {
    forVisibleNotes(s.score.tracks[ti].notes, t0, t1, (n) => {
      if (n.start >= t0 && !s.draft?.hide.has(n)) stalk(n, ti, s.selection.has(n));
    });
  }
  for (const p of s.draft?.notes ?? []) stalk(p.note, p.track, true);
  ctx.restore();
}
