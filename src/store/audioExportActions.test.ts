import { describe, expect, it } from 'vitest';
import { emptyScore } from '../music/score';
import { audioFileName } from './audioExportActions';

describe('audioFileName', () => {
  const piece = (source: string | null) => ({ score: emptyScore(), source, sourceEnd: null });

  it("names the WAV after the uploaded file, and marks a loop range's", () => {
    expect(audioFileName(piece('song.mid'), false)).toBe('song.wav');
    expect(audioFileName(piece('Song.MIDI'), true)).toBe('Song-loop.wav');
  });

  it('calls a piece without an upload cantor.wav', () => {
    expect(audioFileName(piece(null), false)).toBe('cantor.wav');
  });
});
