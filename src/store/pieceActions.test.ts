import { beforeEach, describe, expect, it } from 'vitest';
import { addNote, clearBar, deleteNote, loadPiece, redo, undo, updateNote } from './pieceActions';
import { resetStore, useCantor } from './state';
import type { Score } from '../music/score';

const score = (): Score => ({
  ppq: 480,
  tempos: [{ tick: 0, bpm: 100 }],
  timeSignatures: [],
  tracks: [
    {
      name: 'S',
      program: 52,
      isDrum: false,
      part: 'SOPRANO',
      notes: [{ pitch: 67, start: 0, duration: 480, velocity: 90 }],
    },
  ],
});
const notes = () => useCantor.getState().piece.score.tracks[0].notes;

beforeEach(resetStore);

describe('piece edits', () => {
  it('adds, moves, resizes and deletes notes, each one undo step', () => {
    loadPiece(score(), 'x.mid');
    addNote(0, { pitch: 72, start: 1920, duration: 480, velocity: 80 });
    updateNote(0, 1, { start: 960, pitch: 74 });
    updateNote(0, 1, { duration: 240 });
    deleteNote(0, 0);
    expect(notes()).toEqual([{ pitch: 74, start: 960, duration: 240, velocity: 80 }]);
    undo();
    expect(notes()).toHaveLength(2);
    undo();
    expect(notes()[1]).toEqual({ pitch: 74, start: 960, duration: 480, velocity: 80 });
    undo();
    undo();
    expect(notes()).toEqual(score().tracks[0].notes);
    redo();
    expect(notes()).toHaveLength(2);
  });

  it('clears a bar and keeps the others', () => {
    loadPiece(score(), null);
    addNote(0, { pitch: 60, start: 1920 + 240, duration: 240, velocity: 80 });
    clearBar(1, 0);
    expect(notes()).toEqual(score().tracks[0].notes);
    undo();
    expect(notes()).toHaveLength(2);
  });

  it('drawing on an empty roll creates the chosen tracks', () => {
    useCantor.setState((s) => ({ settings: { ...s.settings, tracks: [{ inst: 'SOPRANO' }, { inst: 'BASS' }] } }));
    addNote(1, { pitch: 40, start: 0, duration: 480, velocity: 80 });
    const t = useCantor.getState().piece.score.tracks;
    expect(t.map((x) => x.part)).toEqual(['SOPRANO', 'BASS']);
    expect(t[1].notes).toHaveLength(1);
  });
});
