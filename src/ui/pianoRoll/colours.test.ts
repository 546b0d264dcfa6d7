import { describe, expect, it } from 'vitest';
import type { PartName } from '../../music/score';
import { MIN_DISTANCE, deltaE, lab, trackColours } from './colours';

const gm = (program: number) => ({ program, isDrum: false });
const part = (p: PartName) => ({ program: 52, isDrum: false, part: p });
const drums = { program: 0, isDrum: true };

function minDistance(colours: string[]): number {
  let min = Infinity;
  for (let i = 0; i < colours.length; i++)
    for (let j = i + 1; j < colours.length; j++) min = Math.min(min, deltaE(lab(colours[i]), lab(colours[j])));
  return min;
}

/** A seeded generator, so a failing line-up can be had again. */
function mulberry(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('CIEDE2000', () => {
  // Test pairs 1, 7, 17 and 25 of Sharma, Wu and Dalal's data set, with their published differences.
  it.each([
    [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
    [[50, 0, 0], [50, -1, 2], 2.3669],
    [[50, 2.5, 0], [73, 25, -18], 27.1492],
    [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
  ] as [[number, number, number], [number, number, number], number][])('ΔE00 of %j and %j is %f', (a, b, want) => {
    expect(deltaE(a, b)).toBeCloseTo(want, 4);
    expect(deltaE(b, a)).toBeCloseTo(want, 4);
  });
});

describe('track colours', () => {
  it('keeps the chorale colours: soprano green, alto orange, tenor blue, bass red', () => {
    expect(trackColours([part('SOPRANO'), part('ALTO'), part('TENOR'), part('BASS')])).toEqual([
      '#2f9e44',
      '#f08c00',
      '#1c7ed6',
      '#e03131',
    ]);
  });

  it('gives eight tracks of different GM families eight clearly different colours, none a chorale colour', () => {
    const tracks = [drums, gm(33), gm(0), gm(25), gm(48), gm(56), gm(80), gm(88)];
    const colours = trackColours(tracks);
    expect(minDistance(colours)).toBeGreaterThanOrEqual(MIN_DISTANCE);
    for (const c of ['#2f9e44', '#f08c00', '#1c7ed6', '#e03131']) expect(colours).not.toContain(c);
  });

  it('keeps drums and a bass guitar apart from the soprano and the bass beside them', () => {
    const colours = trackColours([part('SOPRANO'), part('BASS'), drums, gm(34), gm(29)]);
    expect(colours.slice(0, 2)).toEqual(['#2f9e44', '#e03131']);
    expect(minDistance(colours)).toBeGreaterThanOrEqual(MIN_DISTANCE);
  });

  it('gives six soprano tracks six different colours, the first the soprano green', () => {
    const colours = trackColours(Array.from({ length: 6 }, () => part('SOPRANO')));
    expect(colours[0]).toBe('#2f9e44');
    expect(minDistance(colours)).toBeGreaterThanOrEqual(MIN_DISTANCE);
  });

  it('stays distinct for eight pianos, and gives 24 tracks of anything 24 colours', () => {
    expect(minDistance(trackColours(Array.from({ length: 8 }, () => gm(0))))).toBeGreaterThanOrEqual(MIN_DISTANCE);
    const many = Array.from({ length: 24 }, (_, i) => (i % 5 === 0 ? drums : gm((i * 11) % 128)));
    expect(new Set(trackColours(many)).size).toBe(24);
  });

  it('gives three pianos (Acoustic Grand, Bright, Honky-tonk) three clearly different colours', () => {
    const colours = trackColours([gm(0), gm(1), gm(3)]);
    expect(minDistance(colours)).toBeGreaterThanOrEqual(MIN_DISTANCE);
  });

  it('keeps every pair of tracks apart in every line-up of one GM family, drums or one part, up to the 8 tracks of the model', () => {
    const kinds = [
      drums,
      ...Array.from({ length: 128 }, (_, p) => gm(p)),
      ...(['SOPRANO', 'ALTO', 'TENOR', 'BASS', 'MELODY', 'PIANO'] as PartName[]).map(part),
    ];
    for (const kind of kinds)
      for (let n = 2; n <= 8; n++)
        expect(
          minDistance(trackColours(Array.from({ length: n }, () => kind))),
          `${n} × ${JSON.stringify(kind)}`,
        ).toBeGreaterThanOrEqual(MIN_DISTANCE);
  });

  it('keeps every pair of tracks apart in 1,000 random line-ups of up to 8 tracks', () => {
    const random = mulberry(18);
    const any = () => (random() < 0.1 ? drums : gm(Math.floor(random() * 128)));
    for (let k = 0; k < 1000; k++) {
      const tracks = Array.from({ length: 2 + (k % 7) }, any);
      expect(minDistance(trackColours(tracks)), JSON.stringify(tracks)).toBeGreaterThanOrEqual(MIN_DISTANCE);
    }
  });

  it('keeps every pair of tracks apart in 16-track songs: real ones (freedoom) and 300 random ones', () => {
    // GM programs of freedoom's d_e4m2 and d_map25 (16 tracks each; -1: the drum track).
    const songs = [
      [48, 50, 89, 120, 119, 116, 80, 62, 33, 40, -1, 31, 61, 91, 118, 30],
      [89, 89, 89, 34, 81, 81, 30, 81, 30, -1, 29, 29, 52, 52, 52, 39],
    ].map((ps) => ps.map((p) => (p < 0 ? drums : gm(p))));
    const random = mulberry(16);
    for (let k = 0; k < 1000; k++)
      songs.push(Array.from({ length: 16 }, () => (random() < 0.08 ? drums : gm(Math.floor(random() * 128)))));
    // The drums stay slate, whatever tracks come before them.
    for (const tracks of songs.slice(0, 2)) expect(trackColours(tracks)[tracks.indexOf(drums)]).toBe('#495057');
    for (const tracks of songs)
      expect(
        minDistance(trackColours(tracks)),
        JSON.stringify(tracks.map((t) => (t.isDrum ? 'DRUMS' : t.program))),
      ).toBeGreaterThanOrEqual(MIN_DISTANCE);
  });

  it('does not recolour earlier tracks when one is added after them', () => {
    const three = [gm(0), gm(33), drums];
    const four = [...three, gm(40)];
    expect(trackColours(four).slice(0, 3)).toEqual(trackColours(three));
  });
});
