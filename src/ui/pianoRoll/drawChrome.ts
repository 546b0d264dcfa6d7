// Around the notes: the keyboard (always pitches: drums have their own lane), the
// overview strip, the vertical scrollbar, and the hover label that names what is under the pointer.
import { endTick } from '../../music/score';
import type { Scene } from './draw';
import {
  OVERVIEW_HEIGHT,
  RULER_HEIGHT,
  bottomPitch,
  hitNote,
  isBlackKey,
  noteBottom,
  noteName,
  noteRight,
  overviewX,
  pitchToY,
  scrollThumb,
  visibleTicks,
  yToPitch,
  zoneAt,
} from './geometry';

export function drawKeys(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.view;
  const bottom = noteBottom(v);
  ctx.save();
  ctx.beginPath();
  ctx.rect(0, RULER_HEIGHT, v.keysWidth, bottom - RULER_HEIGHT);
  ctx.clip();
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, RULER_HEIGHT, v.keysWidth, bottom - RULER_HEIGHT);
  ctx.font = `${Math.min(11, Math.max(9, v.rowHeight))}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  const hovered =
    s.hover && zoneAt(v, s.hover.x, s.hover.y) !== 'ruler' && s.hover.y < bottom ? yToPitch(v, s.hover.y) : null;
  const allNames = v.rowHeight >= 10;
  const keyW = 44;
  for (let p = v.topPitch; p >= bottomPitch(v); p--) {
    const y = pitchToY(v, p);
    const mid = y + v.rowHeight / 2;
    if (p === hovered) {
      ctx.fillStyle = '#d0ebff';
      ctx.fillRect(0, y, v.keysWidth, v.rowHeight);
    }
    if (isBlackKey(p)) {
      ctx.fillStyle = p === hovered ? '#1c7ed6' : '#333';
      ctx.fillRect(0, y, keyW * 0.55, v.rowHeight);
    }
    if (p % 12 === 0) {
      ctx.fillStyle = '#ddd';
      ctx.fillRect(0, y + v.rowHeight - 1, v.keysWidth, 1);
    }
    const labelled = p % 12 === 0 || p === hovered || (allNames && !isBlackKey(p));
    if (!labelled) continue;
    ctx.fillStyle = p === hovered ? '#0b4f8a' : p % 12 === 0 ? '#333' : '#777';
    ctx.fillText(noteName(p), keyW * 0.58, mid);
  }
  ctx.restore();
  ctx.fillStyle = '#bbb';
  ctx.fillRect(v.keysWidth - 1, RULER_HEIGHT, 1, bottom - RULER_HEIGHT);
}

/** The overview's miniature of the whole piece, redrawn only when the piece, its colours or the width change. */
export interface OverviewCache {
  canvas: HTMLCanvasElement | null;
  key: unknown[];
  total: number;
}

export const newOverviewCache = (): OverviewCache => ({ canvas: null, key: [], total: 1 });

function overviewImage(s: Scene, dpr: number): HTMLCanvasElement | null {
  const c = s.overview;
  const v = s.view;
  const total = Math.max(s.score.ppq * 4, endTick(s.score));
  const key = [s.score.tracks, s.colours, v.width, v.keysWidth, dpr];
  if (c.canvas && c.key.length === key.length && c.key.every((k, i) => k === key[i])) return c.canvas;
  if (typeof document === 'undefined') return null;
  const canvas = c.canvas ?? document.createElement('canvas');
  const w = Math.max(1, Math.round(noteRight(v) - v.keysWidth));
  const h = OVERVIEW_HEIGHT - 6;
  [canvas.width, canvas.height] = [Math.round(w * dpr), Math.round(h * dpr)];
  const g = canvas.getContext('2d');
  if (!g) return null;
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  // The pitched tracks, as the roll above shows them (drum keys are not pitches).
  const pitched = s.score.tracks.filter((t) => !t.isDrum);
  let [low, high] = [127, 0];
  for (const t of pitched) for (const n of t.notes) [low, high] = [Math.min(low, n.pitch), Math.max(high, n.pitch)];
  const range = Math.max(1, high - low + 1);
  s.score.tracks.forEach((t, ti) => {
    if (t.isDrum) return;
    g.fillStyle = s.colours[ti];
    for (const n of t.notes)
      g.fillRect(
        (n.start / total) * w,
        h - ((n.pitch - low + 1) / range) * h,
        Math.max(1, (n.duration / total) * w),
        Math.max(1, h / range),
      );
  });
  Object.assign(c, { canvas, key, total });
  return canvas;
}

export function drawOverview(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.view;
  const top = v.height - OVERVIEW_HEIGHT;
  ctx.fillStyle = '#e6e6de';
  ctx.fillRect(0, top, v.width, OVERVIEW_HEIGHT);
  const image = overviewImage(s, typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1);
  if (image) ctx.drawImage(image, v.keysWidth, top + 3, noteRight(v) - v.keysWidth, OVERVIEW_HEIGHT - 6);
  const total = s.overview.total;
  const [t0, t1] = visibleTicks(v);
  const x0 = Math.min(noteRight(v) - 6, overviewX(v, t0, total));
  const x1 = Math.max(x0 + 6, Math.min(noteRight(v), overviewX(v, t1, total)));
  ctx.strokeStyle = '#1c3f8c';
  ctx.lineWidth = 2;
  ctx.strokeRect(x0 + 1, top + 2, x1 - x0 - 2, OVERVIEW_HEIGHT - 4);
  ctx.fillStyle = 'rgba(28, 63, 140, 0.08)';
  ctx.fillRect(x0 + 1, top + 2, x1 - x0 - 2, OVERVIEW_HEIGHT - 4);
  ctx.fillStyle = '#555';
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.fillText('Overview', 4, top + OVERVIEW_HEIGHT / 2);
}

export function drawScrollbar(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.view;
  const x = noteRight(v);
  ctx.fillStyle = '#ecece4';
  ctx.fillRect(x, RULER_HEIGHT, v.width - x, noteBottom(v) - RULER_HEIGHT);
  const [y0, y1] = scrollThumb(v);
  ctx.fillStyle = '#9a9a90';
  ctx.fillRect(x + 2, y0 + 1, v.width - x - 4, y1 - y0 - 2);
}

/** What is under the pointer: a note's track, name and velocity, or the row's pitch. */
export function hoverText(s: Scene): string | null {
  if (!s.hover || s.draft || s.band) return null;
  const v = s.view;
  const zone = zoneAt(v, s.hover.x, s.hover.y);
  if (zone !== 'notes' && zone !== 'keys') return null;
  const pitch = yToPitch(v, s.hover.y);
  if (pitch < 0 || pitch > 127) return null;
  const hit = zone === 'notes' ? hitNote(s.score, v, s.hover.x, s.hover.y, s.target) : null;
  if (!hit) return `${noteName(pitch)} (${pitch})`;
  return noteLabel(s.score.tracks[hit.track].name, hit.track, noteName(pitch), hit.note.velocity);
}

/** "Bass · E2 · velocity 80": a note under the pointer. */
export const noteLabel = (trackName: string, track: number, name: string, velocity: number) =>
  `${trackName || `Track ${track + 1}`} · ${name} · velocity ${velocity}`;

export function drawHover(ctx: CanvasRenderingContext2D, s: Scene): void {
  const text = hoverText(s);
  if (text && s.hover) drawTip(ctx, text, s.hover, s.view.width, RULER_HEIGHT + 24);
}

/** A dark label beside the pointer: above it where there is room below `above`, else below it. */
export function drawTip(
  ctx: CanvasRenderingContext2D,
  text: string,
  at: { x: number; y: number },
  width: number,
  above: number,
): void {
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  const w = ctx.measureText(text).width + 10;
  const x = Math.min(at.x + 14, width - w - 2);
  const y = at.y > above ? at.y - 22 : at.y + 14;
  ctx.fillStyle = 'rgba(33, 37, 41, 0.92)';
  ctx.fillRect(x, y, w, 17);
  ctx.fillStyle = '#fff';
  ctx.fillText(text, x + 5, y + 9);
}
