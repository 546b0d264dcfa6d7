// Draws one frame of the piano roll. Only visible notes are touched (binary
// search per track), so 10,000 notes cost what the screen shows, not more.
import type { Note, Score, Track } from '../../music/score';
import type { Region } from '../../store/state';
import {
  KEYS_WIDTH,
  RULER_HEIGHT,
  bottomPitch,
  forVisibleNotes,
  isBlackKey,
  maxDurations,
  noteName,
  pitchToY,
  tickToX,
  visibleTicks,
  type RollView,
} from './geometry';

// The chorale figure's colours; other tracks cycle through the palette.
const PART_COLOURS: Record<string, string> = { SOPRANO: '#2f9e44', ALTO: '#f08c00', TENOR: '#1c7ed6', BASS: '#e03131' };
const PALETTE = ['#2f9e44', '#f08c00', '#1c7ed6', '#e03131', '#9c36b5', '#0c8599', '#e8590c', '#5c940d'];

export function trackColour(track: Pick<Track, 'part'>, index: number): string {
  return (track.part && PART_COLOURS[track.part]) || PALETTE[index % PALETTE.length];
}

export interface Scene {
  score: Score;
  generated: Region[];
  view: RollView;
  selectedTrack: number | null;
  selectedBar: number | null;
  playhead: number;
  loop: [number, number] | null;
  /** A note being dragged: drawn at its new place instead of its old one. */
  draft: { track: number; index: number; note: Note } | null;
}

const BG = '#fbfbf8';
const GRID_BAR = '#8a8a80';
const GRID_BEAT = '#d6d6cc';

function drawGrid(ctx: CanvasRenderingContext2D, s: Scene, barTicks: number): void {
  const v = s.view;
  const [t0, t1] = visibleTicks(v);
  const low = bottomPitch(v);
  for (let p = v.topPitch; p >= low; p--) {
    if (!isBlackKey(p)) continue;
    ctx.fillStyle = '#f0f0ea';
    ctx.fillRect(KEYS_WIDTH, pitchToY(v, p), v.width - KEYS_WIDTH, v.rowHeight);
  }
  const beat = barTicks / 4;
  const showBeats = beat * v.pxPerTick >= 6;
  for (let t = Math.floor(t0 / beat) * beat; t <= t1; t += beat) {
    const isBar = t % barTicks === 0;
    if (!isBar && !showBeats) continue;
    ctx.fillStyle = isBar ? GRID_BAR : GRID_BEAT;
    ctx.fillRect(Math.round(tickToX(v, t)), RULER_HEIGHT, 1, v.height - RULER_HEIGHT);
  }
}

/** Generated spans: a faint wash in the grid ('wash'), a coloured band per track in the ruler ('band'). */
function drawRegions(ctx: CanvasRenderingContext2D, s: Scene, layer: 'wash' | 'band'): void {
  const v = s.view;
  for (const r of s.generated) {
    const track = s.score.tracks[r.track];
    if (!track) continue;
    const x0 = Math.max(KEYS_WIDTH, tickToX(v, r.start));
    const x1 = Math.min(v.width, tickToX(v, r.end));
    if (x1 <= x0) continue;
    ctx.fillStyle = trackColour(track, r.track);
    if (layer === 'wash') {
      ctx.globalAlpha = 0.06;
      ctx.fillRect(x0, RULER_HEIGHT, x1 - x0, v.height - RULER_HEIGHT);
    } else {
      const lane = Math.min(3, 12 / Math.max(1, s.score.tracks.length));
      ctx.globalAlpha = 0.85;
      ctx.fillRect(x0, RULER_HEIGHT - 2 - lane * (r.track + 1), x1 - x0, lane);
    }
    ctx.globalAlpha = 1;
  }
}

function inRegion(regions: Region[], track: number, tick: number): boolean {
  return regions.some((r) => r.track === track && tick >= r.start && tick < r.end);
}

function drawNote(ctx: CanvasRenderingContext2D, v: RollView, n: Note, colour: string, generated: boolean, dim: boolean): void {
  const x = tickToX(v, n.start);
  const w = Math.max(2, n.duration * v.pxPerTick - 1);
  const y = pitchToY(v, n.pitch) + 0.5;
  const h = Math.max(2, v.rowHeight - 1);
  ctx.globalAlpha = dim ? 0.35 : 1;
  ctx.fillStyle = colour;
  if (generated) {
    // Generated notes: lighter fill with a solid outline, so they read apart from the user's own.
    ctx.globalAlpha *= 0.45;
    ctx.fillRect(x, y, w, h);
    ctx.globalAlpha = dim ? 0.35 : 1;
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1;
    ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
  } else {
    ctx.fillRect(x, y, w, h);
  }
  ctx.globalAlpha = 1;
}

function drawNotes(ctx: CanvasRenderingContext2D, s: Scene): void {
  const v = s.view;
  const [t0, t1] = visibleTicks(v);
  const durations = maxDurations(s.score);
  const low = bottomPitch(v);
  s.score.tracks.forEach((track, ti) => {
    const colour = trackColour(track, ti);
    const dim = s.selectedTrack !== null && s.selectedTrack !== ti;
    const regions = s.generated.filter((r) => r.track === ti);
    forVisibleNotes(track.notes, durations[ti], t0, t1, (n, i) => {
      if (n.pitch < low || n.pitch > v.topPitch) return;
      if (s.draft && s.draft.track === ti && s.draft.index === i) return;
      drawNote(ctx, v, n, colour, regions.length > 0 && inRegion(regions, ti, n.start), dim);
    });
  });
  if (s.draft) {
    const track = s.score.tracks[s.draft.track];
    if (track) drawNote(ctx, v, s.draft.note, trackColour(track, s.draft.track), false, false);
  }
}

function drawKeys(ctx: CanvasRenderingContext2D, v: RollView): void {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, RULER_HEIGHT, KEYS_WIDTH, v.height - RULER_HEIGHT);
  ctx.font = `${Math.min(11, Math.max(8, v.rowHeight + 1))}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  const low = bottomPitch(v);
  const labelEvery = v.rowHeight >= 11 ? 1 : 12;
  for (let p = v.topPitch; p >= low; p--) {
    const y = pitchToY(v, p);
    if (isBlackKey(p)) {
      ctx.fillStyle = '#333';
      ctx.fillRect(0, y, KEYS_WIDTH * 0.55, v.rowHeight);
    }
    if (p % labelEvery === 0 && !isBlackKey(p)) {
      ctx.fillStyle = '#555';
      ctx.fillText(noteName(p), KEYS_WIDTH * 0.58, y + v.rowHeight / 2);
    }
  }
  ctx.fillStyle = '#bbb';
  ctx.fillRect(KEYS_WIDTH - 1, RULER_HEIGHT, 1, v.height - RULER_HEIGHT);
}

function drawRuler(ctx: CanvasRenderingContext2D, s: Scene, barTicks: number): void {
  const v = s.view;
  ctx.fillStyle = '#ecece4';
  ctx.fillRect(0, 0, v.width, RULER_HEIGHT);
  if (s.loop) {
    ctx.fillStyle = 'rgba(250, 176, 5, 0.45)';
    ctx.fillRect(tickToX(v, s.loop[0]), 0, (s.loop[1] - s.loop[0]) * v.pxPerTick, RULER_HEIGHT);
  }
  if (s.selectedBar !== null) {
    ctx.fillStyle = 'rgba(34, 139, 230, 0.25)';
    ctx.fillRect(tickToX(v, s.selectedBar * barTicks), 0, barTicks * v.pxPerTick, v.height);
  }
  const [t0, t1] = visibleTicks(v);
  const step = Math.max(1, Math.ceil(28 / (barTicks * v.pxPerTick)));
  ctx.fillStyle = '#333';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  for (let b = Math.floor(t0 / barTicks); b * barTicks <= t1; b++) {
    if (b % step === 0) ctx.fillText(String(b + 1), tickToX(v, b * barTicks) + 3, 3);
  }
}

function drawPlayhead(ctx: CanvasRenderingContext2D, s: Scene): void {
  const x = tickToX(s.view, s.playhead);
  if (x < KEYS_WIDTH || x > s.view.width) return;
  ctx.fillStyle = '#c92a2a';
  ctx.fillRect(Math.round(x) - 1, 0, 2, s.view.height);
}

export function drawScene(ctx: CanvasRenderingContext2D, s: Scene): void {
  const barTicks = s.score.ppq * 4;
  ctx.fillStyle = BG;
  ctx.fillRect(0, 0, s.view.width, s.view.height);
  drawGrid(ctx, s, barTicks);
  drawRegions(ctx, s, 'wash');
  drawNotes(ctx, s);
  drawKeys(ctx, s.view);
  drawRuler(ctx, s, barTicks);
  drawRegions(ctx, s, 'band');
  drawPlayhead(ctx, s);
  ctx.fillStyle = '#ecece4';
  ctx.fillRect(0, 0, KEYS_WIDTH, RULER_HEIGHT);
}
