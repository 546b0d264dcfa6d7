import { describe, expect, it } from 'vitest';
import { testConfig } from '../model/testing/configs';
import { CliError } from './args';
import { parseTrackArgs } from './trackArgs';

const DENSITY = { enabled: true, edges: [8, 13, 16, 19, 22, 28, 36, 51, 68] };
const CONTROLS = { enabled: true, edges: [1, 2, 3, 4] };
const instruments = ['DRUMS', '33', '29', '4', '80'];
/** A model with POLYPHONY and DURATION after DENSITY, and one (like models/band) with DENSITY only. */
const controls = testConfig({
  name: 'band2',
  instruments,
  encoding: { bars: 4, density: DENSITY, polyphony: CONTROLS, duration: CONTROLS },
});
const densityOnly = testConfig({ name: 'band', instruments, encoding: { bars: 4, density: DENSITY } });

const fails = (text: string, c = controls) => {
  try {
    parseTrackArgs(text, c);
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    return (e as Error).message;
  }
  throw new Error(`"${text}" was accepted`);
};

describe('--tracks', () => {
  it('reads instruments with density, poly and dur bins in any order, INST= prefix or not', () => {
    expect(parseTrackArgs('DRUMS:density=5,33:density=3:poly=1:dur=2', controls)).toEqual([
      { inst: 'DRUMS', density: 5 },
      { inst: '33', density: 3, polyphony: 1, duration: 2 },
    ]);
    expect(parseTrackArgs(' INST=29 : dur=4 : polyphony=0 ,80', controls)).toEqual([
      { inst: '29', duration: 4, polyphony: 0 },
      { inst: '80' },
    ]);
    expect(parseTrackArgs('4:duration=0', controls)).toEqual([{ inst: '4', duration: 0 }]);
  });

  it('takes plain instrument lists for a model without the controls', () => {
    expect(parseTrackArgs('DRUMS,33:density=9', densityOnly)).toEqual([{ inst: 'DRUMS' }, { inst: '33', density: 9 }]);
  });

  it('says which track is wrong and what would work', () => {
    expect(fails('DRUMS,33:poly=1', densityOnly)).toBe(
      '--tracks: track 2 ("33:poly=1"): the model band has no POLYPHONY control (its track headers have DENSITY only)',
    );
    expect(fails('33:dur=5')).toBe(
      '--tracks: track 1 ("33:dur=5"): dur must be a bin 0..4 for the model band2, got "5"',
    );
    expect(fails('33:density=-1')).toMatch(/density must be a bin 0\.\.9 for the model band2, got "-1"/);
    expect(fails('33:poly=1.5')).toMatch(/poly must be a bin 0\.\.4/);
    expect(fails('33:poly=')).toMatch(/poly must be a bin 0\.\.4 for the model band2, got ""/);
    expect(fails('33:poly')).toMatch(/poly needs a value, e\.g\. poly=1/);
    expect(fails('33:loud=3')).toMatch(/"loud=3" is not a bin; give density=N, poly=N or dur=N/);
    expect(fails('33:poly=1:poly=2')).toMatch(/POLYPHONY is given twice/);
    expect(fails('DRUMS,,33')).toMatch(/^--tracks: track 2 \(""\) names no instrument/);
    expect(fails('   ')).toMatch(/^--tracks: give at least one instrument/);
    expect(fails('81')).toBe(
      '--tracks: track 1 ("81"): the model band2 has no instrument 81 (it knows: DRUMS, 33, 29, 4, 80)',
    );
  });
});
