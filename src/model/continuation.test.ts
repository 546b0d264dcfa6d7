import { describe, expect, it } from 'vitest';
import type { Score } from '../music/score';
import { continueRequest, defaultRegister, mergeContinuation, modelPrompt } from './continuation';
import { DEFAULT_REGISTER } from './protocol';
import { testConfig } from './testing/configs';

const note = (pitch: number, start: number) => ({ pitch, start, duration: 240, velocity: 90 });

/** A 3/4 song: drums, a bass the model knows, a flute it does not, and a pad over a budget of 2 tracks. */
function song(): Score {
  return {
    ppq: 480,
    tempos: [{ tick: 0, bpm: 120 }],
    timeSignatures: [{ tick: 0, numerator: 3, denominator: 4 }],
    tracks: [
      { name: 'Kit', program: 0, isDrum: true, notes: [note(36, 0)] },
      { name: 'Bass', program: 33, isDrum: false, notes: [note(40, 0)] },
      { name: 'Flute', program: 73, isDrum: false, notes: [note(79, 0)] },
      { name: 'Pad', program: 89, isDrum: false, notes: [note(60, 0), note(64, 480)] },
    ],
  };
}

const band = testConfig({ instruments: ['DRUMS', '33', '89'], encoding: { bars: 4, maxTracks: 2 } });

describe('Continue, prepared once for the app and the CLI', () => {
  it('shows the model the tracks its budget keeps, as its instruments, and asks for bars after the whole song', () => {
    const p = modelPrompt(song(), band);
    expect(p.map.mapping.map((m) => m.source)).toEqual([0, 1]);
    expect(p.view.tracks.map((t) => t.name)).toEqual(['Kit', 'Bass']);
    expect(continueRequest(p, 4, { temperature: 1, topP: 1, seed: 3 })).toMatchObject({
      mode: 'continue',
      bars: 4,
      score: p.view,
      after: 480 + 240,
    });
  });

  it('merges only the added notes back, into their source tracks, and keeps the meter map the result carries', () => {
    const p = modelPrompt(song(), band);
    const fourFour = [...p.view.timeSignatures, { tick: 1440, numerator: 4, denominator: 4 }];
    const result: Score = {
      ...p.view,
      timeSignatures: fourFour,
      tracks: p.view.tracks.map((t) => ({ ...t, notes: [...t.notes, note(t.notes[0].pitch + 1, 1440)] })),
    };
    const merged = mergeContinuation(p, result);
    expect(merged.timeSignatures).toEqual(fourFour);
    expect(merged.tracks.map((t) => t.notes.length)).toEqual([2, 2, 1, 2]);
    expect(merged.tracks[2]).toEqual(song().tracks[2]);
  });

  it('guards the register for a GM model only', () => {
    expect(defaultRegister(band)).toBe(DEFAULT_REGISTER);
    expect(defaultRegister(testConfig({ instruments: ['SOPRANO', 'ALTO', 'TENOR', 'BASS'] }))).toBe(0);
  });
});
