// Draws one frame of the drum lane: a named row per drum sound, the roll's bar lines,
// each hit as a diamond from its onset (taller for a louder hit), the selection, the
// rubber band, the playhead, the row scrollbar and the hover label.
import { drumName } from '../../music/gmDrums';
import type { Note } from '../../music/score';
import type { Scene } from './draw';
import { drawTip, noteLabel } from './drawChrome';
import {
  drumHitWidth,
  drumRowsOverflow,
  drumScrollThumb,
  drumZoneAt,
  hitBox,
  hitDrum,
  rowAt,
  rowY,
  shownRows,
  type DrumView,
} from './drumGeometry';
import { noteRight, tickToX, type RollView } from './geometry';
import type { Batch } from './noteLayers';
import { drawLayers } from './noteLayers';
import { drawTimeLines } from './timeGrid';

export interface DrumScene {
  roll: Scene;
  dv: DrumView;
  /** The roll's time axis, at the lane's own width. */
  view: RollView;
  hover: { x: number; y: number } | null;
  band: { x0: number; y0: number; x1: number; y1: number } | null;
}

/** A hit's diamond: as wide as the row allows, its height growing with the velocity. */
function addHit(b: Batch, v: RollView, dv: DrumView, n: Note): void {
  const box = hitBox(v, dv, n);
  if (!box) return;
  const w = drumHitWidth(dv);
  const cy = (box.y0 + box.y1) / 2;
  const r = (dv.rowHeight / 2 - 1) * (0.45 + (0.55 * n.velocity) / 127);
  const path = (b.hits ??= new Path2D());
  path.moveTo(box.x0, cy);
  path.lineTo(box.x0 + w / 2, cy - r);
  path.lineTo(box.x0 + w, cy);
  path.lineTo(box.x0 + w / 2, cy + r);
  path.closePath();
}

function drawRows(ctx: CanvasRenderingContext2D, d: DrumScene, hoveredRow: number | null): void {
  const { view: v, dv } = d;
  const right = noteRight(v);
  for (let i = 0; i < shownRows(dv); i++) {
    const row = dv.topRow + i;
    ctx.fillStyle = row === hoveredRow ? '#e7f5ff' : row % 2 ? '#f3f3ed' : '#fbfbf8';
    ctx.fillRect(v.keysWidth, rowY(dv, row), right - v.keysWidth, dv.rowHeight);
  }
}

function drawNames(ctx: CanvasRenderingContext2D, d: DrumScene, hoveredRow: number | null): void {
  const { view: v, dv } = d;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, v.keysWidth, dv.height);
  ctx.font = `${Math.min(11, dv.rowHeight - 2)}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  for (let i = 0; i < shownRows(dv); i++) {
    const row = dv.topRow + i;
    const y = rowY(dv, row);
    if (row === hoveredRow) {
      ctx.fillStyle = '#d0ebff';
      ctx.fillRect(0, y, v.keysWidth, dv.rowHeight);
    }
    ctx.fillStyle = '#e4e4dc';
    ctx.fillRect(0, y + dv.rowHeight - 1, v.keysWidth, 1);
    ctx.fillStyle = row === hoveredRow ? '#0b4f8a' : '#333';
    ctx.fillText(drumName(dv.rows[row]), 4, y + dv.rowHeight / 2);
  }
  ctx.fillStyle = '#bbb';
  ctx.fillRect(v.keysWidth - 1, 0, 1, dv.height);
}

function drawSelectedBar(ctx: CanvasRenderingContext2D, d: DrumScene): void {
  const s = d.roll;
  const bar = s.selectedBar !== null ? s.bars[s.selectedBar] : undefined;
  if (!bar) return;
  const [x0, x1] = [
    Math.max(d.view.keysWidth, tickToX(d.view, bar.start)),
    Math.min(noteRight(d.view), tickToX(d.view, bar.end)),
  ];
  if (x1 <= x0) return;
  ctx.fillStyle = 'rgba(34, 139, 230, 0.16)';
  ctx.fillRect(x0, 0, x1 - x0, d.dv.height);
}

function drawRowScrollbar(ctx: CanvasRenderingContext2D, d: DrumScene): void {
  const { view: v, dv } = d;
  const x = noteRight(v);
  ctx.fillStyle = '#ecece4';
  ctx.fillRect(x, 0, v.width - x, dv.height);
  if (!drumRowsOverflow(dv)) return;
  const [y0, y1] = drumScrollThumb(dv);
  ctx.fillStyle = '#9a9a90';
  ctx.fillRect(x + 2, y0 + 1, v.width - x - 4, y1 - y0 - 2);
}

/** What is under the pointer: a hit's track, sound and velocity, or the row's sound. */
export function drumHoverText(d: DrumScene): string | null {
  if (!d.hover || d.roll.draft || d.band) return null;
  const zone = drumZoneAt(d.view, d.hover.x);
  const row = rowAt(d.dv, d.hover.y);
  if (zone === 'vscroll' || row === null) return null;
  const key = d.dv.rows[row];
  const hit = zone === 'hits' ? hitDrum(d.roll.score, d.view, d.dv, d.hover.x, d.hover.y, d.roll.target) : null;
  if (!hit) return `${drumName(key)} (${key})`;
  return noteLabel(d.roll.score.tracks[hit.track].name, hit.track, drumName(key), hit.note.velocity);
}

export function drawDrumLane(ctx: CanvasRenderingContext2D, d: DrumScene): void {
  const { view: v, dv, roll: s } = d;
  const hoveredRow = d.hover ? rowAt(dv, d.hover.y) : null;
  ctx.fillStyle = '#fbfbf8';
  ctx.fillRect(0, 0, v.width, dv.height);
  drawRows(ctx, d, hoveredRow);
  drawTimeLines(ctx, v, s.bars, s.score.ppq, 0, dv.height);
  drawSelectedBar(ctx, d);
  // No clip (slow on a software canvas): hits spilling left of the note area are painted over by the names.
  drawLayers(
    ctx,
    { ...s, view: v },
    { drums: true, shown: (n) => hitBox(v, dv, n) !== null, shape: (b, n) => addHit(b, v, dv, n) },
  );
  if (d.band) {
    const { x0, y0, x1, y1 } = d.band;
    ctx.fillStyle = 'rgba(28, 126, 214, 0.12)';
    ctx.fillRect(Math.min(x0, x1), Math.min(y0, y1), Math.abs(x1 - x0), Math.abs(y1 - y0));
    ctx.strokeStyle = '#1c7ed6';
    ctx.strokeRect(Math.min(x0, x1) + 0.5, Math.min(y0, y1) + 0.5, Math.abs(x1 - x0), Math.abs(y1 - y0));
  }
  drawNames(ctx, d, hoveredRow);
  drawRowScrollbar(ctx, d);
  const x = tickToX(v, s.playhead);
  if (x >= v.keysWidth && x <= noteRight(v)) {
    ctx.fillStyle = '#c92a2a';
    ctx.fillRect(Math.round(x) - 1, 0, 2, dv.height);
  }
  const text = drumHoverText(d);
  if (text && d.hover) drawTip(ctx, text, d.hover, v.width, 24);
}
