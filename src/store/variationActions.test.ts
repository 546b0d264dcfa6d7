import { beforeEach, describe, expect, it } from 'vitest';
import type { Score } from '../music/score';
import { selectPreview } from './editSelectors';
import { commit } from './pieceActions';
import { patch, resetStore, useCantor, type PieceSnapshot } from './state';
import { closePreview, pickAt, pickPreviewed, previewCandidate, stepCandidate } from './variationActions';

const cand = (pitch: number): PieceSnapshot => {
  const score: Score = { ppq: 480, tempos: [], timeSignatures: [], tracks: [{ name: 'S', program: 0, isDrum: false, notes: [{ pitch, start: 0, duration: 480, velocity: 80 }] }] };
  return { score, generated: [{ track: 0, start: 0, end: 1920 }] };
};
const st = () => useCantor.getState();

beforeEach(() => {
  resetStore();
  const candidates = [cand(60), cand(62), cand(64)];
  commit(candidates[0].score, candidates[0].generated); // what a Variations run leaves
  patch('generation', { candidates });
});

describe('variations in the roll', () => {
  it('steps through the candidates, wrapping, with the first marked as the one in the piece', () => {
    expect(selectPreview(st())).toBeNull();
    stepCandidate(1);
    expect(selectPreview(st())).toMatchObject({ index: 1, picked: 0 });
    stepCandidate(-2);
    expect(selectPreview(st())?.index).toBe(2);
    closePreview();
    expect(selectPreview(st())?.index).toBe(0);
  });

  it('picks the previewed candidate in one undo step; picking the one in the piece does nothing', () => {
    const before = st().piece.past.length;
    pickAt(0);
    expect(st().piece.past.length).toBe(before);
    previewCandidate(2);
    pickPreviewed();
    expect(st().piece.score.tracks[0].notes[0].pitch).toBe(64);
    expect(selectPreview(st())).toMatchObject({ index: 2, picked: 2 });
    expect(st().piece.past.length).toBe(before + 1);
  });

  it('forgets the preview when a new run replaces the candidates', () => {
    previewCandidate(1);
    patch('generation', { candidates: [cand(70), cand(71)] });
    expect(selectPreview(st())).toBeNull();
  });
});
