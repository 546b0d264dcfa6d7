import { describe, expect, it } from 'vitest';
import { nearestRootZones, rootsNeeded, salamanderKey } from './patch';

describe('nearestRootZones', () => {
  it('plays each key from the nearest root, at the right rate', () => {
    const keys = nearestRootZones([57, 60, 63], 0.3);
    expect(keys).toHaveLength(128);
    expect(keys[60][0]).toMatchObject({ sample: 1, rate: 1, release: 0.3 });
    expect(keys[62][0].sample).toBe(2);
    expect(keys[62][0].rate).toBeCloseTo(2 ** (-1 / 12));
    expect(keys[0][0].sample).toBe(0);
    expect(keys[0][0].rate).toBeCloseTo(2 ** (-57 / 12));
  });

  it('leaves every key silent without samples', () => {
    expect(nearestRootZones([], 0.3).every((k) => k.length === 0)).toBe(true);
  });
});

describe('rootsNeeded', () => {
  it('loads only the recordings the pitches use', () => {
    const salamander = [21, 24, 27, 30, 33, 36, 39, 42, 45, 48, 51, 54, 57, 60, 63, 66, 69, 72];
    expect([...rootsNeeded(salamander, [60, 61, 62, 70])].sort()).toEqual([60, 63, 69]);
    expect(rootsNeeded(salamander, []).size).toBe(0);
  });
});

describe('salamanderKey', () => {
  it('reads the MIDI key from a Salamander file name', () => {
    expect(salamanderKey('A0v8.mp3')).toBe(21);
    expect(salamanderKey('C4v8.mp3')).toBe(60);
    expect(salamanderKey('audio/D#4v8.mp3')).toBe(63);
    expect(salamanderKey('F#7v8.mp3')).toBe(102);
    expect(salamanderKey('readme.txt')).toBeUndefined();
  });
});
