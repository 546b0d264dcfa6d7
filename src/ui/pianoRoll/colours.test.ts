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

  it('stays distinct for eight pianos, and for 24 tracks of anything', () => {
    expect(minDistance(trackColours(Array.from({ length: 8 }, () => gm(0))))).toBeGreaterThanOrEqual(MIN_DISTANCE);
    const many = Array.from({ length: 24 }, (_, i) => (i % 5 === 0 ? drums : gm((i * 11) % 128)));
    expect(new Set(trackColours(many)).size).toBe(24);
    expect(minDistance(trackColours(many))).toBeGreaterThanOrEqual(MIN_DISTANCE);
  });

  it('does not recolour earlier tracks when one is added after them', () => {
    const three = [gm(0), gm(33), drums];
    const four = [...three, gm(40)];
    expect(trackColours(four).slice(0, 3)).toEqual(trackColours(three));
  });
});
