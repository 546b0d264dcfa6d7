import { describe, expect, it } from 'vitest';
import type { Note, Score } from '../../music/score';
import { defaultView, fitBars, follow, forVisibleNotes, hitNote, lowerBound, noteName, pitchToY, tickToX, xToTick, yToPitch, zoomAt } from './geometry';

const note = (pitch: number, start: number, duration = 120): Note => ({ pitch, start, duration, velocity: 80 });

describe('piano-roll geometry', () => {
  const v = { ...defaultView(800, 400, 480), scrollTick: 960, topPitch: 80 };

  it('maps ticks and pitches to pixels and back', () => {
    expect(xToTick(v, tickToX(v, 1234))).toBeCloseTo(1234);
    expect(yToPitch(v, pitchToY(v, 64) + 1)).toBe(64);
    expect(noteName(60)).toBe('C4');
    expect(noteName(69)).toBe('A4');
    expect(noteName(61)).toBe('C#4');
  });

  it('visits exactly the notes overlapping the window, via binary search', () => {
    const notes = Array.from({ length: 10_000 }, (_, i) => note(60, i * 120, i === 5 ? 2000 : 120));
    expect(lowerBound(notes, 600)).toBe(5);
    const seen: number[] = [];
    forVisibleNotes(notes, 2000, 2400, 2640, (_, i) => seen.push(i));
    expect(seen).toEqual([5, 20, 21]);
  });

  it('hits a note body or its right edge, preferring the selected track', () => {
    const score: Score = {
      ppq: 480,
      tempos: [],
      timeSignatures: [],
      tracks: [
        { name: 'a', program: 0, isDrum: false, notes: [note(70, 960, 960)] },
        { name: 'b', program: 0, isDrum: false, notes: [note(70, 960, 960)] },
      ],
    };
    const y = pitchToY(v, 70) + 2;
    expect(hitNote(score, v, tickToX(v, 1200), y, null)).toEqual({ track: 0, index: 0, part: 'body' });
    expect(hitNote(score, v, tickToX(v, 1200), y, 1)).toEqual({ track: 1, index: 0, part: 'body' });
    expect(hitNote(score, v, tickToX(v, 1920) - 2, y, null)?.part).toBe('end');
    expect(hitNote(score, v, tickToX(v, 1200), pitchToY(v, 69) + 2, null)).toBeNull();
  });

  it('zooms around the pointer', () => {
    const x = 300;
    const z = zoomAt(v, x, 2, 480);
    expect(z.pxPerTick).toBeCloseTo(v.pxPerTick * 2);
    expect(xToTick(z, x)).toBeCloseTo(xToTick(v, x));
  });

  it('fits the requested bars between 12 and 24 px per quarter, and pages forward to follow a tick', () => {
    expect(fitBars(v, 4, 480).pxPerTick).toBeCloseTo(24 / 480);
    expect(fitBars(v, 32, 480).pxPerTick).toBeCloseTo(12 / 480);
    expect(fitBars(v, 8, 480).pxPerTick).toBeCloseTo((800 - 44 - 8) / (8 * 1920));
    const start = { ...v, scrollTick: 0 };
    expect(follow(start, 1920, 480)).toBe(start);
    expect(follow(start, 40 * 1920, 480).scrollTick).toBe(40 * 1920 - 480);
  });
});
