// The notes layer and the velocity lane. Every track keeps its full colour; the
// selected notes get a dark outline; a note in unison with another track's is
// drawn in the lower part of the row, so both voices stay visible.
import type { Note } from '../../music/score';
import { shade } from './colours';
import type { Scene } from './draw';
import { bottomPitch, drumHitWidth, stalkX, forVisibleNotes, noteBottom, noteRight, noteSpan, pitchToY, tickToX, visibleTicks, type RollView } from './geometry';

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
  if (look.style === 'ghost') return 0.9;
  return look.back ? 0.8 : 1;
}

/**
 * The notes of one look, drawn together: one fill style, fillRect for the bars (the fast path of a
 * software canvas), one path for drum diamonds and one for the outlines of notes big enough to show one.
 */
interface Batch {
  look: Look;
  rects: number[];
  hits: Path2D | null;
  outlines: Path2D | null;
}

const newBatch = (look: Look): Batch => ({ look, rects: [], hits: null, outlines: null });

function flush(ctx: CanvasRenderingContext2D, b: Batch): void {
  const { look } = b;
  ctx.globalAlpha = fillAlpha(look);
  // Selected notes: a darker shade of their own colour (the hue still says which track), outlined.
  ctx.fillStyle = look.selected ? shade(look.colour, -0.45) : look.colour;
  for (let i = 0; i < b.rects.length; i += 4) ctx.fillRect(b.rects[i], b.rects[i + 1], b.rects[i + 2], b.rects[i + 3]);
  if (b.hits) ctx.fill(b.hits);
  ctx.globalAlpha = 1;
  const ghost = look.style === 'ghost';
  ctx.lineWidth = look.selected ? 1.5 : 1;
  ctx.strokeStyle = look.selected ? '#0b1f33' : shade(look.colour, ghost ? -0.6 : -0.4);
  if (ghost) ctx.setLineDash([3, 2]);
  if (b.outlines) ctx.stroke(b.outlines);
  if (b.hits) ctx.stroke(b.hits);
  ctx.setLineDash([]);
}

/** A note as a bar; `slot` picks its part of the row (0: all of it; k: the lower 1/(k+1), for unisons). */
function addBar(b: Batch, v: RollView, n: Note, slot: number): void {
  const [x0, x1] = noteSpan(v, n, false);
  const h = Math.max(2, v.rowHeight - 1);
  const part = 1 / (slot + 1);
  const [x, y] = [Math.round(x0), Math.round(pitchToY(v, n.pitch) + h * (1 - part))];
  const [w, height] = [Math.max(2, Math.round(x1 - x0) - 1), Math.max(2, Math.round(h * part))];
  b.rects.push(x, y, w, height);
  // Selected notes always show their outline; others once there is room for one.
  if (b.look.selected || (w >= 4 && height >= 4)) (b.outlines ??= new Path2D()).rect(x + 0.5, y + 0.5, w - 1, height - 1);
}

/** A drum hit: a diamond from its onset. */
function addHit(b: Batch, v: RollView, n: Note): void {
  const w = drumHitWidth(v);
  const x = tickToX(v, n.start);
  const cy = pitchToY(v, n.pitch) + v.rowHeight / 2;
  const r = Math.min(w, v.rowHeight + 2) / 2;
  const path = (b.hits ??= new Path2D());
  path.moveTo(x, cy);
  path.lineTo(x + w / 2, cy - r);
  path.lineTo(x + w, cy);
  path.lineTo(x + w / 2, cy + r);
  path.closePath();
}

/** Tracks bottom to top: the target track last, so it is never hidden. */
function drawOrder(s: Scene): number[] {
  const order = s.score.tracks.map((_, i) => i).filter((i) => i !== s.target);
  return s.score.tracks[s.target] ? [...order, s.target] : order;
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
  const [t0, t1] = visibleTicks(v);
  const [low, high] = [bottomPitch(v), v.topPitch];
  const order = drawOrder(s);
  // Rows too thin to split show unisons by their outlines alone.
  const split = v.rowHeight >= 5;
  /** Notes of one layer (a track, the ghost, the draft), batched by look; selected ones drawn last, on top. */
  const layer = (visit: (add: (n: Note, track: number, style: Style, earlier: readonly number[]) => void) => void) => {
    const batches = new Map<string, Batch>();
    visit((n, track, style, earlier) => {
      const look: Look = { colour: s.colours[track], selected: s.selection.has(n), back: s.trackSelected && track !== s.target, style };
      const key = `${look.selected ? 1 : 0}${track}${style}`;
      let batch = batches.get(key);
      if (!batch) batches.set(key, (batch = newBatch(look)));
      if (s.score.tracks[track]?.isDrum) addHit(batch, v, n);
      else addBar(batch, v, n, split && earlier.length > 0 ? unisonSlot(s, earlier, n) : 0);
    });
    [...batches.keys()].sort().forEach((k) => flush(ctx, batches.get(k)!));
  };
  order.forEach((ti, pos) => {
    const style: Style = s.muted.has(ti) ? 'muted' : 'normal';
    const earlier = order.slice(0, pos);
    layer((add) =>
      forVisibleNotes(s.score.tracks[ti].notes, t0, t1, (n) => {
        if (n.pitch < low || n.pitch > high || s.draft?.hide.has(n)) return;
        add(n, ti, s.ghost?.replaced.has(n) ? 'replaced' : style, earlier);
      }),
    );
  });
  layer((add) => {
    for (const p of s.ghost?.notes ?? []) if (p.note.start < t1 && p.note.start + p.note.duration > t0) add(p.note, p.track, 'ghost', []);
  });
  layer((add) => {
    for (const p of s.draft?.notes ?? []) add(p.note, p.track, 'normal', []);
  });
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
