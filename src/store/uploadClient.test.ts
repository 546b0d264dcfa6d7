import { describe, expect, it } from 'vitest';
import { MusicError } from '../music/errors';
import { writeMidi } from '../music/midi';
import type { Score } from '../music/score';
import { mapUploadFor, readUpload } from './uploadClient';

/** Bass and a pad, four beats each, in 4/4. */
function song(): ArrayBuffer {
  const notes = (pitch: number) =>
    Array.from({ length: 4 }, (_, i) => ({ pitch, start: i * 480, duration: 240, velocity: 90 }));
  const score: Score = {
    ppq: 480,
    tempos: [{ tick: 0, bpm: 120 }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    tracks: [
      { name: 'Bass', program: 33, isDrum: false, notes: notes(36) },
      { name: 'Pad', program: 89, isDrum: false, notes: notes(60) },
    ],
  };
  return writeMidi(score).slice().buffer;
}

// Node has no Worker: the client runs the worker's code in place, with the same requests and replies.
describe('uploadClient without a Worker', () => {
  it('reads a file and maps it under the id it was read with', async () => {
    const { id, score } = await readUpload(song());
    expect(score.tracks.map((t) => t.name)).toEqual(['Bass', 'Pad']);
    const mapped = await mapUploadFor(id, ['33', '89'], 8);
    expect(mapped.map.mapping.map((m) => m.inst)).toEqual(['33', '89']);
    expect(mapped.said.text).toBe('Mapped Bass → Electric Bass (finger), Pad → Pad 2 (warm).');
  });

  it('throws the reader’s MusicError for a file it cannot use, and cannot map a file twice', async () => {
    const bad = readUpload(new TextEncoder().encode('not a midi file').buffer);
    await expect(bad).rejects.toBeInstanceOf(MusicError);
    await expect(bad).rejects.toMatchObject({ code: 'not-midi' });
    const { id } = await readUpload(song());
    await mapUploadFor(id, ['33'], 8);
    await expect(mapUploadFor(id, ['33'], 8)).rejects.toThrow('the file was not read first');
  });
});
