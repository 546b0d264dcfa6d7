// The app with a GM model (scripted engine, real decode loop): adding an instrument to a piece, and the track budget.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineClient } from '../model/client';
import { ScriptedWorker, scriptedEngine } from '../model/testing/scriptedSession';
import type { Score } from '../music/score';
import { setEngine } from './engine';
import { addTrackToPiece, continuePiece } from './generationActions';
import { selectModel } from './modelActions';
import { loadPiece, undo } from './pieceActions';
import { resetStore, useCantor } from './state';

const GM = ['DRUMS', '33', '0', '80'];
const q = (pitch: number, beat: number) => ({ pitch, start: beat * 480, duration: 400, velocity: 90 });

function drumsAndKeys(): Score {
  return {
    ppq: 480,
    tempos: [{ tick: 0, bpm: 120 }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    tracks: [
      {
        name: 'Drums',
        program: 0,
        isDrum: true,
        channel: 9,
        notes: [0, 1, 2, 3, 4, 5, 6, 7].map((b) => q(b % 2 ? 38 : 36, b)),
      },
      { name: 'Keys', program: 0, isDrum: false, channel: 0, notes: [0, 4].map((b) => q(60, b)) },
    ],
  };
}

beforeEach(async () => {
  resetStore();
  setEngine(new EngineClient(() => new ScriptedWorker(scriptedEngine(GM))));
  await selectModel('scripted');
});
afterEach(() => setEngine(null));

describe('a GM model in the app', () => {
  it('adds a bass to a drums-and-keys piece: the model writes the new track, the others stay, undo takes it away', async () => {
    const piece = drumsAndKeys();
    loadPiece(piece, 'dk.mid');
    await addTrackToPiece('33');
    const tracks = useCantor.getState().piece.score.tracks;
    expect(tracks).toHaveLength(3);
    expect(tracks[2]).toMatchObject({ program: 33, isDrum: false, name: 'Electric Bass (finger)' });
    expect(tracks[2].notes.length).toBeGreaterThan(0);
    expect(tracks.slice(0, 2).map((t) => t.notes)).toEqual(piece.tracks.map((t) => t.notes));
    undo();
    expect(useCantor.getState().piece.score.tracks).toHaveLength(2);
  });

  it('continues drums too and says which tracks went on', async () => {
    loadPiece(drumsAndKeys(), 'dk.mid');
    await continuePiece();
    const tracks = useCantor.getState().piece.score.tracks;
    expect(tracks[0].notes.length).toBeGreaterThan(8);
    expect(useCantor.getState().messages.notice).toContain('Continued 2 of 2 tracks.');
  });
});
