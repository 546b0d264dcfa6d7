import { describe, expect, it } from 'vitest';
import type { GridPiece, GridTrack } from './grid';
import { budgetTracks, trackRoles } from './trackBudget';

/** A track of `count` notes around `pitch`; `chord` notes share each onset. */
function track(inst: string, pitch: number, count: number, chord = 1): GridTrack {
  const notes = Array.from({ length: count }, (_, i) => ({
    pitch: pitch + (i % chord) * 4,
    start: Math.floor(i / chord),
    duration: 1,
    velocity: 90,
  }));
  return { inst, notes };
}
const piece = (...tracks: GridTrack[]): GridPiece => ({ bars: 4, tracks });

describe('trackRoles', () => {
  it('finds drums, the bass by program or by register, and the melody by program or as the highest single line', () => {
    expect(
      trackRoles(piece(track('DRUMS', 36, 40), track('33', 40, 16), track('81', 72, 20), track('0', 60, 60, 3))).join(),
    ).toBe('drums,bass,melody,harmony');
    // No bass or lead program: the low single line is the bass, the high single line the melody; chords are harmony.
    expect(trackRoles(piece(track('0', 64, 48, 3), track('48', 74, 12), track('0', 40, 8))).join()).toBe(
      'harmony,melody,bass',
    );
  });
});

describe('budgetTracks', () => {
  const band = piece(
    track('0', 60, 90, 3), // 0 busy piano chords
    track('48', 62, 30, 3), // 1 strings
    track('DRUMS', 36, 64), // 2 drums
    track('29', 64, 40, 2), // 3 guitar
    track('33', 38, 16), // 4 bass
    track('80', 76, 24), // 5 lead
    track('DRUMS', 70, 10), // 6 a second drum track
  );

  it('keeps the drums, bass and melody first, then the busiest, in their original order', () => {
    const b = budgetTracks(band, 4);
    expect(b.piece.tracks.map((t) => t.inst)).toEqual(['0', 'DRUMS', '33', '80']);
    expect(b.dropped).toEqual([1, 3, 6]);
    expect(budgetTracks(band, 5).piece.tracks.map((t) => t.inst)).toEqual(['0', 'DRUMS', '29', '33', '80']);
    expect(budgetTracks(band, 2).piece.tracks.map((t) => t.inst)).toEqual(['DRUMS', '33']);
  });

  it('leaves a piece within budget as it is, and is the same on every call', () => {
    expect(budgetTracks(band, 7)).toEqual({ piece: band, dropped: [] });
    expect(budgetTracks(band, 3)).toEqual(budgetTracks(band, 3));
    expect(() => budgetTracks(band, 0)).toThrow(RangeError);
  });
});
