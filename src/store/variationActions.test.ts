import { beforeEach, describe, expect, it } from 'vitest';
import type { Score } from '../music/score';
import { selectPickedCandidate, selectPreviewIndex, selectShownCandidate } from './editSelectors';
import { commit, undo } from './pieceActions';
import { patch, resetStore, useCantor, type PieceSnapshot } from './state';
import { closePreview, pickAt, pickPreviewed, previewCandidate, stepCandidate } from './variationActions';

const cand = (pitch: number): PieceSnapshot => {
  const score: Score = {
    ppq: 480,
    tempos: [],
    timeSignatures: [],
    tracks: [{ name: 'S', program: 0, isDrum: false, notes: [{ pitch, start: 0, duration: 480, velocity: 80 }] }],
  };
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
    expect([selectPreviewIndex(st()), selectShownCandidate(st()), selectPickedCandidate(st())]).toEqual([null, 0, 0]);
    stepCandidate(1);
    expect([selectPreviewIndex(st()), selectPickedCandidate(st())]).toEqual([1, 0]);
    stepCandidate(-2);
    expect(selectShownCandidate(st())).toBe(2);
    closePreview();
    expect([selectPreviewIndex(st()), selectShownCandidate(st())]).toEqual([null, 0]);
  });

  it('picks the previewed candidate in one undo step; picking the one in the piece does nothing', () => {
    const before = st().piece.past.length;
    pickAt(0);
    expect(st().piece.past.length).toBe(before);
    previewCandidate(2);
    pickPreviewed();
    expect(st().piece.score.tracks[0].notes[0].pitch).toBe(64);
    expect(selectPickedCandidate(st())).toBe(2);
    expect(st().piece.past.length).toBe(before + 1);
    // Undo takes the piece, and the mark, back to the first.
    undo();
    expect(selectPickedCandidate(st())).toBe(0);
  });

  it('marks no candidate once the piece is edited, and previews none until asked', () => {
    commit({ ...st().piece.score, tracks: [] });
    expect([selectPickedCandidate(st()), selectPreviewIndex(st()), selectShownCandidate(st())]).toEqual([-1, null, -1]);
    stepCandidate(1);
    expect(selectShownCandidate(st())).toBe(1);
  });

  it('forgets the preview when a new run replaces the candidates', () => {
    previewCandidate(1);
    patch('generation', { candidates: [cand(70), cand(71)] });
    expect(selectPreviewIndex(st())).toBeNull();
  });
});
