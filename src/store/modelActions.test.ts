import { describe, expect, it } from 'vitest';
import { defaultTracks, initialModel } from './modelActions';
import { summarize, selectStatusLine } from './selectors';
import { initialState } from './state';
import { tokenText } from './tokenView';
import type { ModelInfo } from '../model/protocol';
import type { Score } from '../music/score';

const entry = (name: string) => ({ name, instruments: ['SOPRANO'], fill: false });

describe('model choice', () => {
  it('starts with ?model=, else the bundled chorale model, else the first listed', () => {
    const list = [entry('a'), entry('chorales'), entry('z')];
    expect(initialModel(list, '?model=z')).toBe('z');
    expect(initialModel(list, '?model=missing')).toBe('chorales');
    expect(initialModel([entry('b'), entry('a')], '')).toBe('b');
    expect(initialModel([], '')).toBeNull();
  });

  it('composes every voice of a part model, and one instrument of a GM model', () => {
    expect(defaultTracks(['SOPRANO', 'ALTO', 'TENOR', 'BASS'])).toEqual([{ inst: 'SOPRANO' }, { inst: 'ALTO' }, { inst: 'TENOR' }, { inst: 'BASS' }]);
    expect(defaultTracks(['0', '25', 'DRUMS'])).toEqual([{ inst: '0' }]);
  });
});

describe('derived text', () => {
  const score: Score = {
    ppq: 480,
    tempos: [],
    timeSignatures: [],
    tracks: [
      { name: 'S', program: 52, isDrum: false, part: 'SOPRANO', notes: [{ pitch: 72, start: 0, duration: 480, velocity: 80 }] },
      { name: 'B', program: 52, isDrum: false, part: 'BASS', notes: [{ pitch: 48, start: 1920, duration: 960, velocity: 80 }] },
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
    expect(selectStatusLine({ ...s, model: { ...s.model, status: 'ready', info } })).toBe('Model chorales (model_fp16.onnx) on WEBGPU');
  });

  it('shows the piece as the mmmtrack tokens the model reads', () => {
    const info = { instruments: ['SOPRANO', 'ALTO', 'TENOR', 'BASS'], config: {} } as unknown as ModelInfo;
    expect(tokenText(score, info)).toBe(
      'PIECE_START TRACK_START INST=SOPRANO BAR_START NOTE_ON=72 TIME_DELTA=4 NOTE_OFF=72 BAR_END BAR_START BAR_END TRACK_END ' +
        'TRACK_START INST=BASS BAR_START BAR_END BAR_START NOTE_ON=48 TIME_DELTA=8 NOTE_OFF=48 BAR_END TRACK_END',
    );
    expect(tokenText({ ...score, timeSignatures: [{ tick: 0, numerator: 3, denominator: 4 }] }, info)).toMatch(/^\(cannot encode this piece: no 4\/4/);
  });
});
