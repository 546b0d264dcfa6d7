// Piano-roll coordinates, visibility and hit testing: pure functions, so the
// drawing code and every gesture hook agree on where a note is.
import type { Note, Score } from '../../music/score';

export const KEYS_WIDTH = 44;
export const RULER_HEIGHT = 22;

export interface RollView {
  /** Canvas size in CSS pixels. */
  width: number;
  height: number;
  /** Horizontal zoom. */
  pxPerTick: number;
  /** Height of one pitch row. */
  rowHeight: number;
  /** Tick at the left edge of the note area. */
  scrollTick: number;
  /** Pitch of the top row. */
  topPitch: number;
}

export function defaultView(width: number, height: number, ppq: number): RollView {
  return { width, height, pxPerTick: 24 / ppq, rowHeight: 7, scrollTick: 0, topPitch: 84 };
}

export const tickToX = (v: RollView, tick: number) => KEYS_WIDTH + (tick - v.scrollTick) * v.pxPerTick;
export const xToTick = (v: RollView, x: number) => v.scrollTick + (x - KEYS_WIDTH) / v.pxPerTick;
export const pitchToY = (v: RollView, pitch: number) => RULER_HEIGHT + (v.topPitch - pitch) * v.rowHeight;
export const yToPitch = (v: RollView, y: number) => v.topPitch - Math.floor((y - RULER_HEIGHT) / v.rowHeight);

/** Ticks visible in the note area, [t0, t1). */
export function visibleTicks(v: RollView): [number, number] {
  return [v.scrollTick, xToTick(v, v.width)];
}

/** Lowest visible pitch. */
export const bottomPitch = (v: RollView) => v.topPitch - Math.ceil((v.height - RULER_HEIGHT) / v.rowHeight) + 1;

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

/** Longest note of each track: how far before t0 a visible note can start. */
export function maxDurations(score: Score): number[] {
  return score.tracks.map((t) => t.notes.reduce((m, n) => Math.max(m, n.duration), 0));
}

/** Call `visit` for each note of a track overlapping [t0, t1), using binary search (no full scan). */
export function forVisibleNotes(notes: readonly Note[], maxDuration: number, t0: number, t1: number, visit: (n: Note, index: number) => void): void {
  for (let i = lowerBound(notes, t0 - maxDuration); i < notes.length && notes[i].start < t1; i++) {
    const n = notes[i];
    if (n.start + n.duration > t0) visit(n, i);
  }
}

export interface NoteHit {
  track: number;
  index: number;
  /** 'end' when the pointer is on the note's right edge (resize), else 'body' (move). */
  part: 'body' | 'end';
}

const EDGE_PX = 5;

/** The note under a point; the selected track wins when notes of several tracks overlap. */
export function hitNote(score: Score, v: RollView, x: number, y: number, preferTrack: number | null): NoteHit | null {
  if (x < KEYS_WIDTH || y < RULER_HEIGHT) return null;
  const pitch = yToPitch(v, y);
  const tick = xToTick(v, x);
  const durations = maxDurations(score);
  const order = score.tracks.map((_, i) => i).sort((a, b) => Number(b === preferTrack) - Number(a === preferTrack));
  for (const track of order) {
    let hit: NoteHit | null = null;
    forVisibleNotes(score.tracks[track].notes, durations[track], tick, tick + 1e-6, (n, index) => {
      if (n.pitch !== pitch) return;
      const endX = tickToX(v, n.start + n.duration);
      hit = { track, index, part: endX - x <= EDGE_PX && endX - tickToX(v, n.start) > 2 * EDGE_PX ? 'end' : 'body' };
    });
    if (hit) return hit;
  }
  return null;
}

/** Snap a tick to the 16th-note grid. */
export const snap = (tick: number, ppq: number) => Math.round(tick / (ppq / 4)) * (ppq / 4);
export const snapDown = (tick: number, ppq: number) => Math.floor(tick / (ppq / 4)) * (ppq / 4);

/** Zoom around an anchor x so the tick under it stays put. */
export function zoomAt(v: RollView, x: number, factor: number, ppq: number): RollView {
  const anchor = xToTick(v, x);
  const pxPerTick = Math.min(400 / ppq, Math.max(1 / ppq, v.pxPerTick * factor));
  return { ...v, pxPerTick, scrollTick: Math.max(0, anchor - (x - KEYS_WIDTH) / pxPerTick) };
}

export function scrollBy(v: RollView, dxPx: number, dyRows: number): RollView {
  const rows = Math.ceil((v.height - RULER_HEIGHT) / v.rowHeight);
  const topPitch = Math.max(Math.min(127, rows - 1), Math.min(127, Math.round(v.topPitch - dyRows)));
  return { ...v, scrollTick: Math.max(0, v.scrollTick + dxPx / v.pxPerTick), topPitch };
}

/** A view that shows the whole piece's pitch range (used when a new piece arrives). */
export function fitPitches(v: RollView, score: Score): RollView {
  let lo = 127;
  let hi = 0;
  for (const t of score.tracks) for (const n of t.notes) [lo, hi] = [Math.min(lo, n.pitch), Math.max(hi, n.pitch)];
  if (lo > hi) return v;
  const rows = Math.floor((v.height - RULER_HEIGHT) / v.rowHeight);
  const mid = Math.round((lo + hi) / 2);
  return { ...v, topPitch: Math.min(127, Math.max(hi + 2, mid + Math.floor(rows / 2))) };
}

/** A horizontal zoom that shows `bars` 4/4 bars across the note area, between 12 and 24 px per quarter. */
export function fitBars(v: RollView, bars: number, ppq: number): RollView {
  const pxPerTick = Math.min(24 / ppq, Math.max(12 / ppq, (v.width - KEYS_WIDTH - 8) / (Math.max(1, bars) * 4 * ppq)));
  return { ...v, pxPerTick, scrollTick: 0 };
}

/** Scroll forward by a page when `tick` is past the right edge (following the model or the playhead). */
export function follow(v: RollView, tick: number, leadIn: number): RollView {
  const x = tickToX(v, tick);
  return x > v.width - 16 || x < KEYS_WIDTH ? { ...v, scrollTick: Math.max(0, tick - leadIn) } : v;
}
