import { describe, expect, it } from 'vitest';
import { PRESETS, presetInUse, presetTracks } from './presets';

const rock = PRESETS[0];
const trio = PRESETS[1];

describe('presetTracks', () => {
  it('takes the wanted programs the model knows', () => {
    expect(presetTracks(rock, ['DRUMS', '33', '29', '4', '80'])).toEqual(['DRUMS', '33', '29', '4', '80']);
  });

  it('plays a missing program as the nearest of its family and leaves out what has no family member', () => {
    // keys 4 -> 0 (piano family), guitar 29 -> 30, bass 33 -> 38; no synth lead at all
    expect(presetTracks(rock, ['DRUMS', '38', '30', '0'])).toEqual(['DRUMS', '38', '30', '0']);
    expect(presetTracks(trio, ['0', '33'])).toEqual(['0', '33']);
  });

  it('is empty for a model of named parts', () => {
    expect(presetTracks(rock, ['SOPRANO', 'ALTO', 'TENOR', 'BASS'])).toEqual([]);
  });
});

describe('presetInUse', () => {
  const band = ['DRUMS', '32', '33', '29', '30', '0', '4', '40', '41', '42', '48', '80'];

  it('names the preset whose line-up the tracks are, as the model plays it', () => {
    for (const p of PRESETS) expect(presetInUse(presetTracks(p, band), band)?.name).toBe(p.name);
    // Played with same-family fallbacks on a model without 33, 29 and 80: still the rock band.
    const small = ['DRUMS', '38', '30', '0'];
    expect(presetInUse(['DRUMS', '38', '30', '0'], small)?.name).toBe(rock.name);
  });

  it('is null once a track is changed, added, removed or moved, and for no tracks', () => {
    const line = presetTracks(rock, band);
    expect(
      presetInUse(
        line.map((inst, i) => (i === 1 ? '32' : inst)),
        band,
      ),
    ).toBeNull();
    expect(presetInUse([...line, '0'], band)).toBeNull();
    expect(presetInUse(line.slice(0, -1), band)).toBeNull();
    expect(presetInUse([...line].reverse(), band)).toBeNull();
    expect(presetInUse([], band)).toBeNull();
  });
});
