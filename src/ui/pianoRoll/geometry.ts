// Piano-roll coordinates, zones and hit testing: pure functions, so the drawing
// code and every gesture agree on where a note is.
import type { Note, Score } from '../../music/score';

export const KEYS_WIDTH = 44;
/** The keyboard is wider when the drum lane below names its rows ("Low floor tom"): both share one time axis. */
export const DRUM_KEYS_WIDTH = 92;
export const RULER_HEIGHT = 22;
/** The overview strip at the bottom: the whole piece in miniature, with the view as a box. */
export const OVERVIEW_HEIGHT = 22;
/** The vertical scrollbar at the right. */
export const SCROLLBAR_WIDTH = 12;
export const VELOCITY_LANE_HEIGHT = 64;

export interface RollView {
  /** Canvas size in CSS pixels. */
  width: number;
  height: number;
  /** Width of the keyboard at the left. */
  keysWidth: number;
  /** Height of the velocity lane under the notes (0: hidden). */
  laneHeight: number;
  /** Horizontal zoom. */
  pxPerTick: number;
  /** Height of one pitch row (may be fractional, so that 128 rows can fill any height exactly). */
  rowHeight: number;
  /** Tick at the left edge of the note area. */
  scrollTick: number;
  /** Pitch of the top row (whole). */
  topPitch: number;
}

export function defaultView(width: number, height: number, ppq: number): RollView {
  return {
    width,
    height,
    keysWidth: KEYS_WIDTH,
    laneHeight: 0,
    pxPerTick: 24 / ppq,
    rowHeight: 7,
    scrollTick: 0,
    topPitch: 84,
  };
}

/** The note area's edges in CSS pixels. */
export const noteRight = (v: RollView) => v.width - SCROLLBAR_WIDTH;
export const noteBottom = (v: RollView) => v.height - OVERVIEW_HEIGHT - v.laneHeight;
export const noteWidth = (v: RollView) => Math.max(1, noteRight(v) - v.keysWidth);
export const noteHeight = (v: RollView) => Math.max(1, noteBottom(v) - RULER_HEIGHT);

export const tickToX = (v: RollView, tick: number) => v.keysWidth + (tick - v.scrollTick) * v.pxPerTick;
export const xToTick = (v: RollView, x: number) => v.scrollTick + (x - v.keysWidth) / v.pxPerTick;
export const pitchToY = (v: RollView, pitch: number) => RULER_HEIGHT + (v.topPitch - pitch) * v.rowHeight;
export const yToPitch = (v: RollView, y: number) => v.topPitch - Math.floor((y - RULER_HEIGHT) / v.rowHeight);

/** Ticks visible in the note area, [t0, t1). */
export function visibleTicks(v: RollView): [number, number] {
  return [v.scrollTick, xToTick(v, noteRight(v))];
}

/** Rows that fit in the note area (fractional: the bottom row may be cut). */
export const visibleRows = (v: RollView) => noteHeight(v) / v.rowHeight;

/** Lowest pitch with any part on screen (never below 0). */
export const bottomPitch = (v: RollView) => Math.max(0, v.topPitch - Math.ceil(visibleRows(v) - 1e-6) + 1);

export type Zone = 'ruler' | 'keys' | 'notes' | 'lane' | 'overview' | 'vscroll';

/** Which part of the roll a point is in. */
export function zoneAt(v: RollView, x: number, y: number): Zone {
  if (y >= v.height - OVERVIEW_HEIGHT) return 'overview';
  if (y < RULER_HEIGHT) return 'ruler';
  if (y >= noteBottom(v)) return 'lane';
  if (x >= noteRight(v)) return 'vscroll';
  return x < v.keysWidth ? 'keys' : 'notes';
}

/** The overview strip maps the whole piece, [0, total) ticks, across the note area's width. */
export const overviewX = (v: RollView, tick: number, total: number) =>
  v.keysWidth + (tick / Math.max(1, total)) * noteWidth(v);
export const overviewTick = (v: RollView, x: number, total: number) =>
  ((x - v.keysWidth) / noteWidth(v)) * Math.max(1, total);

/** The vertical scrollbar's thumb: the visible rows out of all 128, top = 127. */
export function scrollThumb(v: RollView): [number, number] {
  const track = noteHeight(v);
  const y0 = RULER_HEIGHT + ((127 - v.topPitch) / 128) * track;
  return [y0, Math.min(RULER_HEIGHT + track, y0 + Math.max(12, (visibleRows(v) / 128) * track))];
}

/** The top pitch that puts the thumb's top at y. */
export const topPitchAtThumb = (v: RollView, y: number) => 127 - ((y - RULER_HEIGHT) / noteHeight(v)) * 128;

/** Velocity (1..127) at a height in the lane. */
export function laneVelocity(v: RollView, y: number): number {
  const bottom = noteBottom(v) + v.laneHeight - 2;
  return Math.max(1, Math.min(127, Math.round(((bottom - y) / (v.laneHeight - 8)) * 127)));
}

/** Where a note's velocity stalk stands: at its onset, tracks a few pixels apart so a chord's stalks stand side by side. */
export const stalkX = (v: RollView, n: Note, track: number) => tickToX(v, n.start) + 2 + (track % 4) * 3;

/** The note whose velocity stalk is under x (within a few pixels): selected notes, then the target track, win. */
export function hitStalk(
  score: Score,
  v: RollView,
  x: number,
  prefer: number | null,
  selection: ReadonlySet<Note>,
): { track: number; note: Note } | null {
  const tick = xToTick(v, x);
  const slack = 16 / v.pxPerTick;
  let best: { track: number; note: Note; rank: number } | null = null;
  hitOrder(score.tracks.length, prefer).forEach((track, order) => {
    forVisibleNotes(score.tracks[track].notes, tick - slack, tick + slack, (note) => {
      if (Math.abs(stalkX(v, note, track) - x) > 2.5) return;
      const rank = (selection.has(note) ? 0 : 1000) + order;
      if (!best || rank < best.rank) best = { track, note, rank };
    });
  });
  return best;
}

const NAMES = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];
/** Scientific pitch name: 60 -> "C4". */
export function noteName(pitch: number): string {
  return `${NAMES[pitch % 12]}${Math.floor(pitch / 12) - 1}`;
}
export const isBlackKey = (pitch: number) => [1, 3, 6, 8, 10].includes(pitch % 12);

/** First index whose note starts at or after `tick` (notes sorted by start). */
export function lowerBound(notes: readonly Note[], tick: number): number {
  let lo = 0;
  let hi = notes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (notes[mid].start < tick) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const maxDurationCache = new WeakMap<readonly Note[], number>();
/** Longest note of a track: how far before t0 a visible note can start (cached per notes array). */
export function maxDuration(notes: readonly Note[]): number {
  let m = maxDurationCache.get(notes);
  if (m === undefined) {
    m = notes.reduce((a, n) => Math.max(a, n.duration), 0);
    maxDurationCache.set(notes, m);
  }
  return m;
}

/** Call `visit` for each note of a track overlapping [t0, t1), using binary search (no full scan). */
export function forVisibleNotes(
  notes: readonly Note[],
  t0: number,
  t1: number,
  visit: (n: Note, index: number) => void,
): void {
  for (let i = lowerBound(notes, t0 - maxDuration(notes)); i < notes.length && notes[i].start < t1; i++) {
    const n = notes[i];
    if (n.start + n.duration > t0) visit(n, i);
  }
}

/** Left and right edge of a note on screen. */
export function noteSpan(v: RollView, n: Note): [number, number] {
  const x0 = tickToX(v, n.start);
  return [x0, Math.max(x0 + 2, tickToX(v, n.start + n.duration))];
}

export type NotePart = 'body' | 'start' | 'end';

export interface NoteHit {
  track: number;
  index: number;
  note: Note;
  /** 'start' / 'end' on an edge (resize), else 'body' (move). */
  part: NotePart;
}

const EDGE_PX = 5;

function partAt(x: number, x0: number, x1: number): NotePart {
  // Short notes keep a body to grab: the end edge needs two edge widths, the start edge three.
  if (x1 - x0 >= 2 * EDGE_PX && x1 - x <= EDGE_PX) return 'end';
  if (x1 - x0 >= 3 * EDGE_PX && x - x0 <= EDGE_PX) return 'start';
  return 'body';
}

/** Tracks in the order a pointer finds them: the preferred (target) track, then the top-drawn ones. */
export function hitOrder(trackCount: number, prefer: number | null): number[] {
  const order = Array.from({ length: trackCount }, (_, i) => trackCount - 1 - i);
  return prefer !== null && prefer < trackCount ? [prefer, ...order.filter((t) => t !== prefer)] : order;
}

/** The pitched note under a point (drums live in the drum lane); the target track wins where notes of several tracks overlap. */
export function hitNote(score: Score, v: RollView, x: number, y: number, preferTrack: number | null): NoteHit | null {
  if (zoneAt(v, x, y) !== 'notes') return null;
  const pitch = yToPitch(v, y);
  const tick = xToTick(v, x);
  for (const track of hitOrder(score.tracks.length, preferTrack)) {
    const t = score.tracks[track];
    if (t.isDrum) continue;
    let hit: NoteHit | null = null;
    forVisibleNotes(t.notes, tick, tick + 1e-6, (n, index) => {
      if (n.pitch !== pitch) return;
      const [x0, x1] = noteSpan(v, n);
      if (x < x0 || x > x1) return;
      hit = { track, index, note: n, part: partAt(x, x0, x1) };
    });
    if (hit) return hit;
  }
  return null;
}

/** Pitched notes (as [track, note]) whose drawn box meets the rectangle between two points. */
export function notesInRect(
  score: Score,
  v: RollView,
  a: { x: number; y: number },
  b: { x: number; y: number },
): [number, Note][] {
  const [x0, x1] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
  const [pHigh, pLow] = [yToPitch(v, Math.min(a.y, b.y)), yToPitch(v, Math.max(a.y, b.y))];
  const out: [number, Note][] = [];
  score.tracks.forEach((t, track) => {
    if (t.isDrum) return;
    forVisibleNotes(t.notes, xToTick(v, x0), xToTick(v, x1), (n) => {
      if (n.pitch < pLow || n.pitch > pHigh) return;
      const [nx0, nx1] = noteSpan(v, n);
      if (nx1 >= x0 && nx0 <= x1) out.push([track, n]);
    });
  });
  return out;
}
