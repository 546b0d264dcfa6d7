import { describe, expect, it } from 'vitest';
import type { Note, Score } from '../../music/score';
import {
  DRUM_ROW_HEIGHT,
  MIN_DRUM_ROW_HEIGHT,
  drumHitWidth,
  drumKeyAt,
  drumLaneHeight,
  drumRowsOverflow,
  drumScrollThumb,
  drumView,
  drumZoneAt,
  drumsInRect,
  hitBox,
  hitDrum,
  rowAt,
  shownRows,
} from './drumGeometry';
import { DRUM_KEYS_WIDTH, SCROLLBAR_WIDTH, defaultView, tickToX } from './geometry';

const hit = (pitch: number, start: number, velocity = 90): Note => ({ pitch, start, duration: 10, velocity });
const scoreOf = (...tracks: { notes: Note[]; isDrum: boolean }[]): Score => ({
  ppq: 480,
  tempos: [],
  timeSignatures: [],
  tracks: tracks.map((t, i) => ({ name: `t${i}`, program: 0, ...t })),
});

describe('drum lane geometry', () => {
  const v = { ...defaultView(800, 400, 480), keysWidth: DRUM_KEYS_WIDTH, scrollTick: 960 };
  const rows = [49, 42, 38, 36];
  const dv = drumView(rows, drumLaneHeight(rows.length), 0);

  it('sizes rows to the lane: the natural height shows every row; squeezed, rows shrink to a minimum, then scroll', () => {
    expect(dv.rowHeight).toBeCloseTo(DRUM_ROW_HEIGHT, 0);
    expect([shownRows(dv), drumRowsOverflow(dv)]).toEqual([4, false]);
    const squeezed = drumView(rows, 25, 5);
    expect(squeezed.rowHeight).toBe(MIN_DRUM_ROW_HEIGHT);
    expect([shownRows(squeezed), squeezed.topRow, drumRowsOverflow(squeezed)]).toEqual([2, 2, true]);
    expect(drumView(rows, 25, -3).topRow).toBe(0);
  });

  it('maps a height to its row and key, and a drag past either edge to the nearest row', () => {
    expect(rowAt(dv, 1)).toBe(0);
    expect(rowAt(dv, dv.rowHeight * 2 + 1)).toBe(2);
    expect(rowAt(dv, dv.rowHeight * 4 + 1)).toBeNull();
    expect(drumKeyAt(dv, dv.rowHeight * 3 + 1)).toBe(36);
    expect([drumKeyAt(dv, -50), drumKeyAt(dv, 500)]).toEqual([49, 36]);
    const scrolled = drumView(rows, 25, 2);
    expect([drumKeyAt(scrolled, 1), rowAt(scrolled, 1)]).toEqual([38, 2]);
  });

  it('splits the lane into names, hits and the row scrollbar, on the roll’s columns', () => {
    expect(drumZoneAt(v, 10)).toBe('names');
    expect(drumZoneAt(v, DRUM_KEYS_WIDTH + 1)).toBe('hits');
    expect(drumZoneAt(v, 800 - SCROLLBAR_WIDTH + 1)).toBe('vscroll');
  });

  it('puts a hit on its row, from its onset on the roll’s time axis; a hit on a row not shown has no box', () => {
    const box = hitBox(v, dv, hit(38, 1200))!;
    expect(box.x0).toBeCloseTo(tickToX(v, 1200));
    expect(box.x1 - box.x0).toBe(drumHitWidth(dv));
    expect([box.y0, box.y1]).toEqual([2 * dv.rowHeight, 3 * dv.rowHeight]);
    expect(hitBox(v, drumView(rows, 25, 0), hit(36, 1200))).toBeNull();
    expect(hitBox(v, dv, hit(57, 1200))).toBeNull();
  });

  it('hits a drum hit however short, only on drum tracks, the target track first', () => {
    const score = scoreOf(
      { notes: [hit(38, 1200)], isDrum: false },
      { notes: [hit(38, 1200)], isDrum: true },
      { notes: [hit(38, 1200)], isDrum: true },
    );
    const [x, y] = [tickToX(v, 1200) + 4, 2 * dv.rowHeight + 3];
    expect(hitDrum(score, v, dv, x, y, null)).toMatchObject({ track: 2, index: 0, part: 'body' });
    expect(hitDrum(score, v, dv, x, y, 1)).toMatchObject({ track: 1 });
    expect(hitDrum(score, v, dv, x, y, 0)).toMatchObject({ track: 2 });
    expect(hitDrum(score, v, dv, tickToX(v, 1200) - 2, y, null)).toBeNull();
    expect(hitDrum(score, v, dv, x, y + dv.rowHeight, null)).toBeNull();
    expect(hitDrum(score, v, dv, 10, y, null)).toBeNull();
  });

  it('finds the hits a rubber band touches, on drum tracks only', () => {
    const score = scoreOf(
      { notes: [hit(42, 1000), hit(38, 1000)], isDrum: false },
      { notes: [hit(49, 1000), hit(42, 1000), hit(38, 1000), hit(36, 2400)], isDrum: true },
    );
    const a = { x: tickToX(v, 900), y: dv.rowHeight + 2 };
    const b = { x: tickToX(v, 1100), y: dv.rowHeight * 4 - 2 };
    expect(drumsInRect(score, v, dv, a, b).map(([t, n]) => [t, n.pitch])).toEqual([
      [1, 42],
      [1, 38],
    ]);
  });

  it('sizes the row scrollbar’s thumb to the rows shown', () => {
    const squeezed = drumView(rows, 25, 2);
    const [y0, y1] = drumScrollThumb(squeezed);
    expect(y0).toBeCloseTo(12.5);
    expect(y1).toBeCloseTo(25);
  });
});
