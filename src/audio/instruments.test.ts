import { describe, expect, it } from 'vitest';
import { CHORALE_PROGRAM, FALLBACK_TIMBRES, timbreIndex, soundFor, soundKey } from './instruments';

describe('soundFor', () => {
  it('gives chorale voices the organ, POP909 parts the piano, drums the kit', () => {
    for (const part of ['SOPRANO', 'ALTO', 'TENOR', 'BASS'] as const) {
      expect(soundFor({ program: 0, isDrum: false, part })).toEqual({
        kind: 'gm',
        program: CHORALE_PROGRAM,
        drum: false,
      });
    }
    expect(soundFor({ program: 40, isDrum: false, part: 'MELODY' })).toEqual({ kind: 'piano' });
    expect(soundFor({ program: 40, isDrum: true, part: 'SOPRANO' })).toEqual({ kind: 'gm', program: 0, drum: true });
  });

  it('plays each GM program with its own preset, grands with the sampled piano', () => {
    expect(soundFor({ program: 1, isDrum: false })).toEqual({ kind: 'piano' });
    expect(soundFor({ program: 33, isDrum: false })).toEqual({ kind: 'gm', program: 33, drum: false });
    expect(soundFor({ program: 200, isDrum: false })).toEqual({ kind: 'piano' });
  });

  it('keys and families tell the sounds apart', () => {
    const keys = [
      soundFor({ program: 0, isDrum: false }),
      soundFor({ program: 33, isDrum: false }),
      soundFor({ program: 0, isDrum: true }),
    ].map(soundKey);
    expect(keys).toEqual(['piano', 'gm33', 'drums']);
    expect(timbreIndex({ kind: 'gm', program: 33, drum: false })).toBe(4);
    expect(timbreIndex({ kind: 'gm', program: 0, drum: true })).toBe(16);
    expect(timbreIndex({ kind: 'piano' })).toBe(0);
  });
});

describe('FALLBACK_TIMBRES', () => {
  it('has a distinct timbre for every GM family and the drums', () => {
    expect(FALLBACK_TIMBRES).toHaveLength(17);
    const distinct = new Set(FALLBACK_TIMBRES.slice(0, 16).map((t) => JSON.stringify(t)));
    expect(distinct.size).toBe(16);
  });
});
