import { describe, expect, it } from 'vitest';
import type { Note, Score } from '../../music/score';
import {
  KEYS_WIDTH,
  OVERVIEW_HEIGHT,
  RULER_HEIGHT,
  SCROLLBAR_WIDTH,
  bottomPitch,
  defaultView,
  forVisibleNotes,
  hitNote,
  hitStalk,
  laneVelocity,
  lowerBound,
  noteName,
  notesInRect,
  pitchToY,
  tickToX,
  xToTick,
  yToPitch,
  zoneAt,
} from './geometry';

const note = (pitch: number, start: number, duration = 120, velocity = 80): Note => ({
  pitch,
  start,
  duration,
  velocity,
});
const scoreOf = (...tracks: { notes: Note[]; isDrum?: boolean }[]): Score => ({
  ppq: 480,
  tempos: [],
  timeSignatures: [],
  tracks: tracks.map((t, i) => ({ name: `t${i}`, program: 0, isDrum: t.isDrum ?? false, notes: t.notes })),
});

describe('piano-roll geometry', () => {
  const v = { ...defaultView(800, 400, 480), scrollTick: 960, topPitch: 80 };

  it('maps ticks and pitches to pixels and back', () => {
    expect(xToTick(v, tickToX(v, 1234))).toBeCloseTo(1234);
    expect(yToPitch(v, pitchToY(v, 64) + 1)).toBe(64);
    expect(noteName(60)).toBe('C4');
    expect(noteName(69)).toBe('A4');
    expect(noteName(61)).toBe('C#4');
    expect(noteName(0)).toBe('C-1');
  });

  it('splits the canvas into ruler, keys, notes, scrollbar, velocity lane and overview', () => {
    expect(zoneAt(v, 100, 5)).toBe('ruler');
    expect(zoneAt(v, 10, 100)).toBe('keys');
    expect(zoneAt(v, 100, 100)).toBe('notes');
    expect(zoneAt(v, 800 - SCROLLBAR_WIDTH + 1, 100)).toBe('vscroll');
    expect(zoneAt(v, 100, 400 - OVERVIEW_HEIGHT + 1)).toBe('overview');
    const lane = { ...v, laneHeight: 60 };
    expect(zoneAt(lane, 100, 400 - OVERVIEW_HEIGHT - 30)).toBe('lane');
    expect(laneVelocity(lane, 400 - OVERVIEW_HEIGHT - 2)).toBe(1);
    expect(laneVelocity(lane, 400 - OVERVIEW_HEIGHT - 60 + 6)).toBe(127);
  });

  it('never reports a row below MIDI 0', () => {
    expect(bottomPitch({ ...v, topPitch: 10 })).toBe(0);
    expect(bottomPitch(v)).toBe(80 - Math.ceil((400 - RULER_HEIGHT - OVERVIEW_HEIGHT) / 7) + 1);
  });

  it('visits exactly the notes overlapping the window, via binary search', () => {
    const notes = Array.from({ length: 10_000 }, (_, i) => note(60, i * 120, i === 5 ? 2000 : 120));
    expect(lowerBound(notes, 600)).toBe(5);
    const seen: number[] = [];
    forVisibleNotes(notes, 2400, 2640, (_, i) => seen.push(i));
    expect(seen).toEqual([5, 20, 21]);
  });

  it('hits a note body or either edge, preferring the target track', () => {
    const score = scoreOf({ notes: [note(70, 960, 960)] }, { notes: [note(70, 960, 960)] });
    const y = pitchToY(v, 70) + 2;
    expect(hitNote(score, v, tickToX(v, 1200), y, null)).toMatchObject({ track: 1, index: 0, part: 'body' });
    expect(hitNote(score, v, tickToX(v, 1200), y, 0)).toMatchObject({ track: 0, part: 'body' });
    expect(hitNote(score, v, tickToX(v, 1920) - 2, y, null)?.part).toBe('end');
    expect(hitNote(score, v, tickToX(v, 960) + 2, y, null)?.part).toBe('start');
    expect(hitNote(score, v, tickToX(v, 1200), pitchToY(v, 69) + 2, null)).toBeNull();
    expect(hitNote(score, v, 10, y, null)).toBeNull();
  });

  it('never hits a drum note on the pitched grid, nor takes one in a rubber band: drums have their own lane', () => {
    const score = scoreOf({ notes: [note(38, 960, 480)], isDrum: true }, { notes: [note(38, 960, 480)] });
    const y = pitchToY(v, 38) + 2;
    expect(hitNote(score, v, tickToX(v, 960) + 5, y, 0)).toMatchObject({ track: 1 });
    expect(hitNote(scoreOf({ notes: [note(38, 960, 480)], isDrum: true }), v, tickToX(v, 960) + 5, y, 0)).toBeNull();
    const band = notesInRect(
      score,
      v,
      { x: tickToX(v, 900), y: pitchToY(v, 40) },
      { x: tickToX(v, 1100), y: pitchToY(v, 36) },
    );
    expect(band.map(([t]) => t)).toEqual([1]);
  });

  it('finds the notes a rubber band touches, in every track', () => {
    const score = scoreOf({ notes: [note(72, 960), note(72, 1920)] }, { notes: [note(65, 1000), note(50, 1000)] });
    const a = { x: tickToX(v, 900), y: pitchToY(v, 74) };
    const b = { x: tickToX(v, 1100), y: pitchToY(v, 60) };
    expect(notesInRect(score, v, a, b).map(([t, n]) => [t, n.pitch, n.start])).toEqual([
      [0, 72, 960],
      [1, 65, 1000],
    ]);
  });

  it('hits a velocity stalk: each track a few pixels apart, the selected note first in a chord', () => {
    const [a, b, c] = [note(72, 960, 480, 100), note(60, 960, 480, 40), note(50, 960, 480, 60)];
    const score = scoreOf({ notes: [b, a] }, { notes: [c] });
    const lane = { ...v, laneHeight: 60 };
    const x = tickToX(lane, 960);
    expect(hitStalk(score, lane, x + 5, null, new Set())?.note).toBe(c);
    expect(hitStalk(score, lane, x + 2, null, new Set())?.note).toBe(b);
    expect(hitStalk(score, lane, x + 2, null, new Set([a]))?.note).toBe(a);
    expect(hitStalk(score, lane, x + 40, null, new Set())).toBeNull();
  });

  it('starts with the keyboard at its usual width', () => {
    expect(defaultView(100, 100, 480).keysWidth).toBe(KEYS_WIDTH);
  });
});
