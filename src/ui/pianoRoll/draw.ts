// Draws one frame of the piano roll: the grid on the score's real bar lines, the
// generated regions, the pitched notes (drawNotes.ts), the keyboard, ruler, velocity lane,
// overview strip and scrollbar (drawChrome.ts). Only what is on screen is touched.
// The drums are drawn in their own lane below (drawDrums.ts).
import { barIndexAt, type Bar } from '../../music/meter';
import type { Note, Score } from '../../music/score';
import type { Region } from '../../store/state';
import type { Placed } from '../../store/noteEdits';
import { drawHover, drawKeys, drawOverview, drawScrollbar, type OverviewCache } from './drawChrome';
import { drawLane, drawNotes } from './drawNotes';
import {
  RULER_HEIGHT,
  bottomPitch,
  isBlackKey,
  noteBottom,
  noteRight,
  pitchToY,
  tickToX,
  visibleTicks,
  type RollView,
} from './geometry';
import { drawTimeLines } from './timeGrid';

/** Notes being dragged: drawn at their new places instead of the old ones. */
export interface Draft {
  hide: ReadonlySet<Note>;
  notes: Placed[];
}

/** A Variations candidate drawn over the piece. */
export interface Ghost {
  index: number;
  count: number;
  /** The candidate's notes the piece does not have. */
  notes: Placed[];
  /** The piece's notes the candidate would replace. */
  replaced: ReadonlySet<Note>;
}

export interface Scene {
  score: Score;
  view: RollView;
  /** Bar lines covering at least the visible ticks. */
  bars: Bar[];
  colours: string[];
  /** Track new notes go into (drawn on top). */
  target: number;
  /** A track is selected: the others are drawn a little lighter (never faded out). */
  trackSelected: boolean;
  selection: ReadonlySet<Note>;
  muted: ReadonlySet<number>;
  generated: Region[];
  selectedBar: number | null;
  playhead: number;
  loop: [number, number] | null;
  draft: Draft | null;
  /** Rubber band, in canvas pixels. */
  band: { x0: number; y0: number; x1: number; y1: number } | null;
  hover: { x: number; y: number } | null;
  ghost: Ghost | null;
  overview: OverviewCache;
}

const BG = '#fbfbf8';
function drawGrid(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.view;
  const [left, right, bottom] = [v.keysWidth, noteRight(v), noteBottom(v)];
  ctx.fillStyle = '#f0f0ea';
  for (let p = v.topPitch; p >= bottomPitch(v); p--)
    if (isBlackKey(p)) ctx.fillRect(left, pitchToY(v, p), right - left, v.rowHeight);
  drawTimeLines(ctx, v, s.bars, s.score.ppq, RULER_HEIGHT, bottom);
}

/** Generated spans: a faint wash in the grid ('wash'), a coloured band per track in the ruler ('band'). Notes keep their full colour. */
function drawRegions(ctx: CanvasRenderingContext2D, s: Scene, layer: 'wash' | 'band'): void {
  const v = s.view;
  for (const r of s.generated) {
    if (!s.score.tracks[r.track]) continue;
    const x0 = Math.max(v.keysWidth, tickToX(v, r.start));
    const x1 = Math.min(noteRight(v), tickToX(v, r.end));
    if (x1 <= x0) continue;
    ctx.fillStyle = s.colours[r.track];
    if (layer === 'wash') {
      ctx.globalAlpha = 0.05;
      ctx.fillRect(x0, RULER_HEIGHT, x1 - x0, noteBottom(v) - RULER_HEIGHT);
    } else {
      const lane = Math.max(1, Math.min(3, 12 / Math.max(1, s.score.tracks.length)));
      ctx.globalAlpha = 0.9;
      ctx.fillRect(x0, RULER_HEIGHT - 2 - lane * (r.track + 1), x1 - x0, lane);
    }
    ctx.globalAlpha = 1;
  }
}

function drawRuler(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.view;
  const right = noteRight(v);
  ctx.fillStyle = '#ecece4';
  ctx.fillRect(0, 0, v.width, RULER_HEIGHT);
  const [t0, t1] = visibleTicks(v);
  /** Fill ticks [a, b) from the top down to `bottom`, kept inside the note area's columns. */
  const span = (a: number, b: number, bottom: number) => {
    const [x0, x1] = [Math.max(v.keysWidth, tickToX(v, a)), Math.min(right, tickToX(v, b))];
    if (x1 > x0) ctx.fillRect(x0, 0, x1 - x0, bottom);
  };
  if (s.loop) {
    ctx.fillStyle = 'rgba(250, 176, 5, 0.5)';
    span(s.loop[0], s.loop[1], RULER_HEIGHT);
  }
  const sel = s.selectedBar !== null ? s.bars[s.selectedBar] : undefined;
  if (sel) {
    ctx.fillStyle = 'rgba(34, 139, 230, 0.16)';
    span(sel.start, sel.end, noteBottom(v));
    ctx.fillStyle = 'rgba(34, 139, 230, 0.45)';
    span(sel.start, sel.end, RULER_HEIGHT);
  }
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  let lastLabelEnd = -Infinity;
  for (let i = barIndexAt(s.bars, t0); i < s.bars.length && s.bars[i].start <= t1; i++) {
    const b = s.bars[i];
    const x = tickToX(v, b.start);
    const prev = s.bars[i - 1];
    const meter =
      !prev || prev.numerator !== b.numerator || prev.denominator !== b.denominator
        ? ` ${b.numerator}/${b.denominator}`
        : '';
    const text = String(i + 1) + (i === 0 && meter === ' 4/4' ? '' : meter);
    if (x + 3 < lastLabelEnd || x >= right) continue;
    ctx.fillStyle = '#9a9a90';
    ctx.fillRect(Math.round(x), 0, 1, 6);
    ctx.fillStyle = '#2b2b2b';
    ctx.fillText(text, x + 3, 4);
    lastLabelEnd = x + 3 + ctx.measureText(text).width + 8;
  }
}

/** While a Variations candidate is previewed: which one, and how to take it or leave it. */
function drawPreviewBanner(ctx: CanvasRenderingContext2D, s: Scene): void {
  if (!s.ghost) return;
  const text = `Previewing candidate ${s.ghost.index + 1} of ${s.ghost.count} (dashed) · Enter: pick · [ ]: next · Esc: back`;
  ctx.font = '12px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  const w = ctx.measureText(text).width + 16;
  const x = Math.max(s.view.keysWidth + 4, noteRight(s.view) - w - 6);
  ctx.fillStyle = '#5f3dc4';
  ctx.fillRect(x, RULER_HEIGHT + 4, w, 20);
  ctx.fillStyle = '#fff';
  ctx.fillText(text, x + 8, RULER_HEIGHT + 14);
}

function drawPlayhead(ctx: CanvasRenderingContext2D, s: Scene): void {
  const x = tickToX(s.view, s.playhead);
  if (x < s.view.keysWidth || x > noteRight(s.view)) return;
  ctx.fillStyle = '#c92a2a';
  ctx.fillRect(Math.round(x) - 1, 0, 2, noteBottom(s.view) + s.view.laneHeight);
}

function drawBand(ctx: CanvasRenderingContext2D, s: Scene): void {
  if (!s.band) return;
  const { x0, y0, x1, y1 } = s.band;
  ctx.fillStyle = 'rgba(28, 126, 214, 0.12)';
  ctx.fillRect(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
  ctx.strokeStyle = '#1c7ed6';
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 3]);
  ctx.strokeRect(Math.min(x0, x1) + 0.5, Math.min(y0, y1) + 0.5, Math.abs(x1 - x0), Math.abs(y1 - y0));
  ctx.setLineDash([]);
}

export function drawScene(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.view;
  ctx.fillStyle = BG;
  ctx.fillRect(0, 0, v.width, v.height);
  // No clip (slow on a software canvas): what spills over the note area is painted over by the
  // keyboard, ruler, scrollbar, lane and overview, drawn after it.
  drawGrid(ctx, s);
  drawRegions(ctx, s, 'wash');
  drawNotes(ctx, s);
  drawBand(ctx, s);
  drawLane(ctx, s);
  drawKeys(ctx, s);
  drawRuler(ctx, s);
  drawRegions(ctx, s, 'band');
  drawPlayhead(ctx, s);
  drawPreviewBanner(ctx, s);
  drawScrollbar(ctx, s);
  drawOverview(ctx, s);
  ctx.fillStyle = '#ecece4';
  ctx.fillRect(0, 0, v.keysWidth, RULER_HEIGHT);
  drawHover(ctx, s);
}
