import { describe, expect, it } from 'vitest';
import { divisionTicks, gridStep, minLength, snapTick } from './divisions';

describe('note values', () => {
  it('turns names into ticks, triplets included', () => {
    expect(divisionTicks('1/4', 480)).toBe(480);
    expect(divisionTicks('1/16', 480)).toBe(120);
    expect(divisionTicks('1/8T', 480)).toBe(160);
    expect(divisionTicks('1/1', 96)).toBe(384);
    expect(divisionTicks('off', 480)).toBe(0);
    expect(gridStep('off', 480)).toBe(120);
    expect(minLength('off', 480)).toBe(30);
  });

  it('snaps to the nearest grid line, or the one at or before a click', () => {
    expect(snapTick(170, '1/16', 480)).toBe(120);
    expect(snapTick(190, '1/16', 480)).toBe(240);
    expect(snapTick(239, '1/16', 480, 'floor')).toBe(120);
    expect(snapTick(240, '1/16', 480, 'floor')).toBe(240);
    expect(snapTick(171.4, 'off', 480)).toBe(171);
    expect(snapTick(-50, '1/4', 480)).toBe(0);
  });
});
