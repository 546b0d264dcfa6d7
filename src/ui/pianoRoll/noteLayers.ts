// How the roll and the drum lane draw notes: track by track (the target track last, so
// it is never hidden), then the Variations ghost, then the notes being dragged; within
// a layer, batched by look, the selected ones last. Each surface says which tracks it
// shows and what shape a note takes (a bar, a drum diamond).
import type { Note } from '../../music/score';
import { shade } from './colours';
import type { Scene } from './draw';
import { forVisibleNotes, visibleTicks } from './geometry';

export type Style = 'normal' | 'muted' | 'ghost' | 'replaced';

export interface Look {
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
export interface Batch {
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

/** Tracks bottom to top: the target track last, so it is never hidden. */
export function drawOrder(s: Scene): number[] {
  const order = s.score.tracks.map((_, i) => i).filter((i) => i !== s.target);
  return s.score.tracks[s.target] ? [...order, s.target] : order;
}

export interface Surface {
  /** Drum tracks (the drum lane) or pitched ones (the roll). */
  drums: boolean;
  /** The note can be on screen (its row is shown). */
  shown(n: Note): boolean;
  /** Add a note's shape to its batch; `earlier` are the tracks already drawn (for unisons). */
  shape(b: Batch, n: Note, track: number, earlier: readonly number[]): void;
}

/** Draw the visible notes of the surface's tracks, the ghost's and the draft's. */
export function drawLayers(ctx: CanvasRenderingContext2D, s: Scene, surface: Surface): void {
  const [t0, t1] = visibleTicks(s.view);
  const mine = (track: number) => (s.score.tracks[track]?.isDrum ?? false) === surface.drums;
  const order = drawOrder(s).filter(mine);
  const layer = (visit: (add: (n: Note, track: number, style: Style, earlier: readonly number[]) => void) => void) => {
    const batches = new Map<string, Batch>();
    visit((n, track, style, earlier) => {
      const look: Look = {
        colour: s.colours[track],
        selected: s.selection.has(n),
        back: s.trackSelected && track !== s.target,
        style,
      };
      const key = `${look.selected ? 1 : 0}${track}${style}`;
      let batch = batches.get(key);
      if (!batch) batches.set(key, (batch = newBatch(look)));
      surface.shape(batch, n, track, earlier);
    });
    [...batches.keys()].sort().forEach((k) => flush(ctx, batches.get(k)!));
  };
  order.forEach((ti, pos) => {
    const style: Style = s.muted.has(ti) ? 'muted' : 'normal';
    const earlier = order.slice(0, pos);
    layer((add) =>
      forVisibleNotes(s.score.tracks[ti].notes, t0, t1, (n) => {
        if (!surface.shown(n) || s.draft?.hide.has(n)) return;
        add(n, ti, s.ghost?.replaced.has(n) ? 'replaced' : style, earlier);
      }),
    );
  });
  layer((add) => {
    for (const p of s.ghost?.notes ?? [])
      if (mine(p.track) && p.note.start < t1 && p.note.start + p.note.duration > t0) add(p.note, p.track, 'ghost', []);
  });
  layer((add) => {
    for (const p of s.draft?.notes ?? []) if (mine(p.track)) add(p.note, p.track, 'normal', []);
  });
  ctx.globalAlpha = 1;
}
