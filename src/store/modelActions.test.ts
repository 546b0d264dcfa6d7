import { describe, expect, it } from 'vitest';
import { defaultTracks, initialModel, tracksFor } from './modelActions';
import { summarize, selectStatusLine } from './selectors';
import { initialState } from './state';
import { tokenText } from './tokenView';
import type { ModelInfo } from '../model/protocol';
import type { Score } from '../music/score';
import { testInfo } from '../model/testing/configs';

const entry = (name: string) => ({ name, instruments: ['SOPRANO'], fill: false });

describe('model choice', () => {
  it("starts with ?model=, else the last session's, else the bundled chorale model, else the first listed", () => {
    const list = [entry('a'), entry('chorales'), entry('z')];
    expect(initialModel(list, '?model=z', 'a')).toEqual({ name: 'z', missing: null });
    expect(initialModel(list, '', 'a')).toEqual({ name: 'a', missing: null });
    expect(initialModel(list, '', 'gone')).toEqual({ name: 'chorales', missing: null });
    expect(initialModel([entry('b'), entry('a')], '')).toEqual({ name: 'b', missing: null });
    expect(initialModel([], '')).toEqual({ name: null, missing: null });
  });

  it('names a ?model= that is not installed, and falls back to the default', () => {
    const list = [entry('a'), entry('chorales')];
    expect(initialModel(list, '?model=nope', 'a')).toEqual({ name: 'a', missing: 'nope' });
    expect(initialModel(list, '?model=nope')).toEqual({ name: 'chorales', missing: 'nope' });
  });

  it('keeps the chosen tracks when the new model plays them all', () => {
    const satb = ['SOPRANO', 'ALTO', 'TENOR', 'BASS'];
    expect(tracksFor(satb, [{ inst: 'BASS', density: 3 }])).toEqual([{ inst: 'BASS', density: 3 }]);
    expect(tracksFor(satb, [{ inst: '0' }])).toEqual(defaultTracks(satb));
    expect(tracksFor(satb, [])).toEqual(defaultTracks(satb));
  });

  it('composes every voice of a part model, and the rock band of a GM model', () => {
    expect(defaultTracks(['SOPRANO', 'ALTO', 'TENOR', 'BASS'])).toEqual([
      { inst: 'SOPRANO' },
      { inst: 'ALTO' },
      { inst: 'TENOR' },
      { inst: 'BASS' },
    ]);
    expect(defaultTracks(['0', '25', 'DRUMS'])).toEqual([{ inst: 'DRUMS' }, { inst: '25' }, { inst: '0' }]);
  });
});

describe('derived text', () => {
  const score: Score = {
    ppq: 480,
    tempos: [],
    timeSignatures: [],
    tracks: [
      {
        name: 'S',
        program: 52,
        isDrum: false,
        part: 'SOPRANO',
        notes: [{ pitch: 72, start: 0, duration: 480, velocity: 80 }],
      },
      {
        name: 'B',
        program: 52,
        isDrum: false,
        part: 'BASS',
        notes: [{ pitch: 48, start: 1920, duration: 960, velocity: 80 }],
      },
    ],
  };

  it('summarizes the roll for screen readers', () => {
    expect(summarize(score)).toBe('2 tracks, 2 bars, 2 notes');
    expect(summarize({ ...score, tracks: [] })).toBe('0 tracks, 0 bars, 0 notes');
  });

  it('names the model and backend in the status line', () => {
    const s = initialState();
    expect(selectStatusLine(s)).toBe('No model loaded');
    const info = { name: 'chorales', backend: 'webgpu', variant: 'model_fp16.onnx' } as ModelInfo;
    expect(selectStatusLine({ ...s, model: { ...s.model, status: 'ready', info } })).toBe(
      'Model chorales (model_fp16.onnx) on WEBGPU',
    );
  });

  it('shows the piece as the mmmtrack tokens the model reads', () => {
    const info = testInfo({ instruments: ['SOPRANO', 'ALTO', 'TENOR', 'BASS'] });
    expect(tokenText(score, info)).toBe(
      'PIECE_START TRACK_START INST=SOPRANO BAR_START NOTE_ON=72 TIME_DELTA=4 NOTE_OFF=72 BAR_END BAR_START BAR_END TRACK_END ' +
        'TRACK_START INST=BASS BAR_START BAR_END BAR_START NOTE_ON=48 TIME_DELTA=8 NOTE_OFF=48 BAR_END TRACK_END',
    );
    expect(tokenText({ ...score, timeSignatures: [{ tick: 0, numerator: 3, denominator: 4 }] }, info)).toMatch(
      /^\(cannot encode this piece: no 4\/4/,
    );
  });
});
