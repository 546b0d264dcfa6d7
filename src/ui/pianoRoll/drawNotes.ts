// The notes layer and the velocity lane. Every track keeps its full colour; the
// selected notes get a dark outline; a note in unison with another track's is
// drawn in the lower part of the row, so both voices stay visible.
import type { Note } from '../../music/score';
import { shade } from './colours';
import type { Scene } from './draw';
import { bottomPitch, drumHitWidth, forVisibleNotes, noteBottom, noteRight, noteSpan, pitchToY, tickToX, visibleTicks, type RollView } from './geometry';

type Style = 'normal' | 'muted' | 'ghost' | 'replaced';

interface Look {
  colour: string;
  selected: boolean;
  /** Lighter fill for tracks other than the selected one (readable: 80%). */
  back: boolean;
  style: Style;
}

function fillAlpha(look: Look): number {
  if (look.style === 'muted' || look.style === 'replaced') return 0.3;
  if (look.style === 'ghost') return 0.85;
  return look.back ? 0.8 : 1;
}

function outline(ctx: CanvasRenderingContext2D, look: Look, path: () => void): void {
  ctx.globalAlpha = 1;
  if (look.selected) {
    ctx.strokeStyle = '#0b1f33';
    ctx.lineWidth = 2;
  } else {
    ctx.strokeStyle = look.style === 'ghost' ? '#2b1a66' : shade(look.colour, -0.4);
    ctx.lineWidth = 1;
  }
  if (look.style === 'ghost') ctx.setLineDash([3, 2]);
  path();
  ctx.stroke();
  ctx.setLineDash([]);
}

/** A note as a bar; `slot` of `slots` picks its part of the row (unisons). */
function drawBar(ctx: CanvasRenderingContext2D, v: RollView, n: Note, look: Look, slot: number): void {
  const [x0, x1] = noteSpan(v, n, false);
  const rowTop = pitchToY(v, n.pitch);
  const h = Math.max(2, v.rowHeight - 1);
  const part = slot === 0 ? 1 : 1 / (slot + 1);
  const y = Math.round(rowTop + (slot === 0 ? 0 : h * (1 - part))) + 0.5;
  const height = Math.max(2, Math.round(h * part) - 1);
  const w = Math.max(2, Math.round(x1 - x0) - 1);
  const x = Math.round(x0) + 0.5;
  ctx.globalAlpha = fillAlpha(look);
  ctx.fillStyle = look.colour;
  ctx.fillRect(x, y, w, height);
  outline(ctx, look, () => {
    ctx.beginPath();
    ctx.rect(x, y, w, height);
  });
}

/** A drum hit: a diamond from its onset. */
function drawHit(ctx: CanvasRenderingContext2D, v: RollView, n: Note, look: Look): void {
  const w = drumHitWidth(v);
  const x = tickToX(v, n.start);
  const cy = pitchToY(v, n.pitch) + v.rowHeight / 2;
  const r = Math.min(w, v.rowHeight + 2) / 2;
  const path = () => {
    ctx.beginPath();
    ctx.moveTo(x, cy);
    ctx.lineTo(x + w / 2, cy - r);
    ctx.lineTo(x + w, cy);
    ctx.lineTo(x + w / 2, cy + r);
    ctx.closePath();
  };
  ctx.globalAlpha = fillAlpha(look);
  ctx.fillStyle = look.colour;
  path();
  ctx.fill();
  outline(ctx, look, path);
}

/** Tracks bottom to top: the target track last, so it is never hidden. */
function drawOrder(s: Scene): number[] {
  const order = s.score.tracks.map((_, i) => i).filter((i) => i !== s.target);
  return s.score.tracks[s.target] ? [...order, s.target] : order;
}

export function drawNotes(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.view;
  const [t0, t1] = visibleTicks(v);
  const [low, high] = [bottomPitch(v), v.topPitch];
  // Spans already drawn per pitch, to find unisons with tracks drawn earlier.
  const drawn = new Map<number, { start: number; end: number; track: number }[]>();
  const slotOf = (n: Note, track: number) => {
    const list = drawn.get(n.pitch);
    const others = new Set<number>();
    for (const d of list ?? []) if (d.track !== track && d.start < n.start + n.duration && n.start < d.end) others.add(d.track);
    const entry = { start: n.start, end: n.start + n.duration, track };
    if (list) list.push(entry);
    else drawn.set(n.pitch, [entry]);
    return Math.min(3, others.size);
  };
  const draw = (n: Note, track: number, style: Style) => {
    const look: Look = { colour: s.colours[track], selected: s.selection.has(n), back: s.trackSelected && track !== s.target, style };
    if (s.score.tracks[track]?.isDrum) drawHit(ctx, v, n, look);
    else drawBar(ctx, v, n, look, slotOf(n, track));
  };
  for (const ti of drawOrder(s)) {
    const style: Style = s.muted.has(ti) ? 'muted' : 'normal';
    forVisibleNotes(s.score.tracks[ti].notes, t0, t1, (n) => {
      if (n.pitch < low || n.pitch > high || s.draft?.hide.has(n)) return;
      draw(n, ti, s.ghost?.replaced.has(n) ? 'replaced' : style);
    });
  }
  for (const p of s.ghost?.notes ?? []) if (p.note.start < t1 && p.note.start + p.note.duration > t0) draw(p.note, p.track, 'ghost');
  for (const p of s.draft?.notes ?? []) draw(p.note, p.track, 'normal');
  ctx.globalAlpha = 1;
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
    const x = Math.round(tickToX(v, n.start)) + 1;
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
