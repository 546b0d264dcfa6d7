import { describe, expect, it } from 'vitest';
import { PRESETS, presetTracks } from './presets';

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
