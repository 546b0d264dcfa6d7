import { describe, expect, it } from 'vitest';
import { barsOf } from '../../music/meter';
import type { Score } from '../../music/score';
import { defaultView, noteBottom, noteHeight, pitchToY, visibleTicks, xToTick, yToPitch } from './geometry';
import { clampView, fitView, follow, pitchRange, pitchesInView, scrollBy, viewText, zoomAt, zoomRowsAt } from './view';

const ppq = 480;
const BAR = ppq * 4;
const v = defaultView(1000, 600, ppq);
const fourFour = { ppq, timeSignatures: [] };

describe('the roll view', () => {
  it('fits a range exactly: 16 bars across, the pitches down with a margin', () => {
    const f = fitView(v, { from: 0, to: 16 * BAR, low: 48, high: 81 }, ppq);
    expect(visibleTicks(f)[0]).toBe(0);
    expect(visibleTicks(f)[1]).toBeCloseTo(16 * BAR);
    const [hi, lo] = pitchesInView(f);
    expect(hi).toBeGreaterThanOrEqual(81);
    expect(lo).toBeLessThanOrEqual(48);
    expect(hi - lo).toBeLessThanOrEqual(81 - 48 + 6);
    expect(viewText(f, barsOf(fourFour, 32 * BAR))).toMatch(/^bars 1–16, /);
  });

  it('fits the last bars of a piece plus a continuation, counting bars from 1', () => {
    const f = fitView(v, { from: 12 * BAR, to: 20 * BAR, low: 40, high: 80 }, ppq);
    expect(viewText(f, barsOf(fourFour, 40 * BAR))).toMatch(/^bars 13–20, /);
  });

  it('names the rows at least half on screen', () => {
    // 556 px of rows for 34 pitches and 2 of margin each side: 38 rows of 14.6 px, B5 at the top.
    const f = fitView(v, { from: 0, to: 4 * BAR, low: 48, high: 81 }, ppq);
    expect(viewText(f, barsOf(fourFour, 4 * BAR))).toBe('bars 1–4, A#2–B5');
  });

  it('counts a mid-song 2/4 bar as the short bar it is', () => {
    const meter = {
      ppq,
      timeSignatures: [
        { tick: 0, numerator: 4, denominator: 4 },
        { tick: 2 * BAR, numerator: 2, denominator: 4 },
        { tick: 2 * BAR + 960, numerator: 4, denominator: 4 },
      ],
    };
    const bars = barsOf(meter, 10 * BAR);
    // Four 4/4 bars and the 2/4 bar between them: 4.5 bars of 4/4 time, bars 1-5.
    const f = fitView(v, { from: 0, to: 4 * BAR + 960, low: 60, high: 72 }, ppq);
    expect(viewText(f, bars)).toMatch(/^bars 1–5, /);
  });

  it('never shows a row outside MIDI 0..127, however tall the canvas', () => {
    const tall = clampView({ ...defaultView(1900, 1080 * 3, ppq), rowHeight: 2, topPitch: 40 }, ppq);
    expect(tall.rowHeight * 128).toBeGreaterThanOrEqual(noteHeight(tall) - 1e-9);
    expect(yToPitch(tall, pitchToY(tall, 0) + tall.rowHeight / 2)).toBe(0);
    expect(pitchesInView(tall)).toEqual([127, 0]);
    expect(scrollBy(tall, 0, -50, ppq).topPitch).toBe(127);
    const low = scrollBy(v, 0, 500, ppq);
    expect(yToPitch(low, noteBottom(low) - 0.01)).toBe(0);
    expect(scrollBy(v, -1e6, 0, ppq).scrollTick).toBe(0);
  });

  it('zooms in time around the pointer and in rows around it', () => {
    const x = 300;
    const z = zoomAt(v, x, 2, ppq);
    expect(z.pxPerTick).toBeCloseTo(v.pxPerTick * 2);
    expect(xToTick(z, x)).toBeCloseTo(xToTick(v, x));
    const y = 200;
    const r = zoomRowsAt(v, y, 2, ppq);
    expect(r.rowHeight).toBeCloseTo(v.rowHeight * 2);
    expect(Math.abs(yToPitch(r, y) - yToPitch(v, y))).toBeLessThanOrEqual(1);
  });

  it('pages forward to follow the playhead', () => {
    const start = { ...v, scrollTick: 0 };
    expect(follow(start, BAR, ppq)).toBe(start);
    expect(follow(start, 40 * BAR, ppq).scrollTick).toBe(40 * BAR - ppq);
  });

  it('finds the pitches sounding in a span, else the whole piece, else C3..C6', () => {
    const score: Score = {
      ppq,
      tempos: [],
      timeSignatures: [],
      tracks: [
        {
          name: 'a',
          program: 0,
          isDrum: false,
          notes: [
            { pitch: 30, start: 0, duration: 10, velocity: 1 },
            { pitch: 90, start: BAR, duration: 10, velocity: 1 },
          ],
        },
      ],
    };
    expect(pitchRange(score, BAR, 2 * BAR)).toEqual({ low: 90, high: 90 });
    expect(pitchRange(score, 5 * BAR, 6 * BAR)).toEqual({ low: 30, high: 90 });
    expect(pitchRange({ ...score, tracks: [] })).toEqual({ low: 48, high: 84 });
  });

  it('fits the pitches alone: drum keys are not pitches (the drums have their own lane)', () => {
    const hit = (pitch: number) => ({ pitch, start: 0, duration: 10, velocity: 1 });
    const drums = { name: 'kit', program: 0, isDrum: true, notes: [hit(35), hit(81)] };
    const bass = { name: 'bass', program: 33, isDrum: false, notes: [hit(40), hit(52)] };
    expect(pitchRange({ ppq, tempos: [], timeSignatures: [], tracks: [drums, bass] })).toEqual({ low: 40, high: 52 });
    expect(pitchRange({ ppq, tempos: [], timeSignatures: [], tracks: [drums] })).toEqual({ low: 48, high: 84 });
  });
});
