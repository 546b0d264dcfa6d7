// "Let the band answer" in the store (scripted GM engine, real decode loop): which instruments are
// offered after a take, and writing them around it with Add to piece / Regenerate track.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineClient } from '../model/client';
import { ScriptedWorker, scriptedEngine } from '../model/testing/scriptedSession';
import type { Score } from '../music/score';
import { answerChoices, instOfTrack, letTheBandAnswer } from './bandActions';
import { setEngine } from './engine';
import { selectModel } from './modelActions';
import { loadPiece, undo } from './pieceActions';
import { patch, resetStore, useCantor } from './state';

const GM = ['DRUMS', '33', '0', '80'];

/** A bar of bass as a take left it, and optionally a drum track (one kick). */
function takePiece(withDrums: boolean): Score {
  const bass = {
    name: 'Electric Bass (finger)',
    program: 33,
    isDrum: false,
    notes: [0, 1, 2, 3].map((b) => ({ pitch: 40 + b, start: b * 480, duration: 400, velocity: 80 + b })),
  };
  const drums = {
    name: 'Drums',
    program: 0,
    isDrum: true,
    notes: [{ pitch: 36, start: 0, duration: 120, velocity: 100 }],
  };
  return {
    ppq: 480,
    tempos: [{ tick: 0, bpm: 120 }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    tracks: withDrums ? [bass, drums] : [bass],
  };
}

function afterTake(score: Score): void {
  loadPiece(score, null);
  patch('midi', { lastTake: { track: 0, start: 0, end: 1920 } });
  patch('settings', { tracks: [{ inst: 'DRUMS' }, { inst: '33' }, { inst: '80' }, { inst: '99' }] });
}

beforeEach(async () => {
  resetStore();
  setEngine(new EngineClient(() => new ScriptedWorker(scriptedEngine(GM))));
  await selectModel('scripted');
});
afterEach(() => setEngine(null));

describe('Let the band answer', () => {
  it("offers the Compose panel's instruments the model knows, less the recorded track's", () => {
    afterTake(takePiece(false));
    expect(answerChoices()).toEqual(['DRUMS', '80']);
    expect(instOfTrack({ isDrum: false, program: 33 })).toBe('33');
    expect(instOfTrack({ isDrum: true, program: 0 })).toBe('DRUMS');
    expect(instOfTrack({ isDrum: false, program: 0, part: 'SOPRANO' })).toBe('SOPRANO');
  });

  it('adds the instruments the piece lacks, each written with the take (kept as played) as context', async () => {
    const piece = takePiece(false);
    afterTake(piece);
    await letTheBandAnswer(['DRUMS', '80']);
    const { tracks } = useCantor.getState().piece.score;
    expect(tracks.map((t) => instOfTrack(t))).toEqual(['33', 'DRUMS', '80']);
    expect(tracks[0].notes).toEqual(piece.tracks[0].notes);
    expect(tracks[1].notes.length).toBeGreaterThan(0);
    expect(useCantor.getState().piece.selectedTrack).toBe(0);
    undo();
    expect(useCantor.getState().piece.score.tracks).toHaveLength(2); // one undo step per instrument
  });

  it('rewrites a track of that instrument the piece already has instead of adding another', async () => {
    const piece = takePiece(true);
    afterTake(piece);
    await letTheBandAnswer(['DRUMS']);
    const { tracks } = useCantor.getState().piece.score;
    expect(tracks).toHaveLength(2);
    expect(tracks[1].notes).not.toEqual(piece.tracks[1].notes);
    expect(tracks[0].notes).toEqual(piece.tracks[0].notes);
    undo();
    expect(useCantor.getState().piece.score.tracks[1].notes).toEqual(piece.tracks[1].notes);
  });
});
