import { beforeEach, describe, expect, it, vi } from 'vitest';

const previewNote = vi.fn(() => Promise.resolve());
vi.mock('../audio/player', () => ({ previewNote }));

const { auditionNote } = await import('./auditionActions');
const { loadPiece } = await import('./pieceActions');
const { patch, resetStore } = await import('./state');

beforeEach(() => {
  resetStore();
  previewNote.mockClear();
});

describe('a placed note sounds through the audio module', () => {
  it("plays the pitch on the track's own instrument", () => {
    loadPiece(
      { ppq: 480, tempos: [], timeSignatures: [], tracks: [{ name: 'Kit', program: 0, isDrum: true, notes: [] }] },
      null,
    );
    auditionNote(0, 38, 90);
    expect(previewNote).toHaveBeenCalledWith(expect.objectContaining({ isDrum: true }), 38, 90);
  });

  it('on an empty roll, on the instrument Compose would make; nothing for a track that is not there', () => {
    patch('settings', { tracks: [{ inst: 'TENOR' }] });
    auditionNote(0, 55);
    expect(previewNote).toHaveBeenCalledWith(expect.objectContaining({ part: 'TENOR' }), 55, 80);
    auditionNote(3, 55);
    expect(previewNote).toHaveBeenCalledTimes(1);
  });
});
