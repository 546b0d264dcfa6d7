import { describe, expect, it } from 'vitest';
import { writeMidi } from '../music/midi';
import type { Score, Track } from '../music/score';
import { handleUpload, type UploadReply } from './uploadJob';

const BAND = ['DRUMS', '0', '33', '89'];

function track(name: string, program: number, pitch: number, isDrum = false): Track {
  return {
    name,
    program,
    isDrum,
    notes: Array.from({ length: 8 }, (_, i) => ({ pitch, start: i * 480, duration: 240, velocity: 90 })),
  };
}

/** A file of `tracks` pads, a bass and drums, in 4/4 (or only in 3/4). */
function song(pads: number, meter: [number, number] = [4, 4]): ArrayBuffer {
  const score: Score = {
    ppq: 480,
    tempos: [{ tick: 0, bpm: 120 }],
    timeSignatures: [{ tick: 0, numerator: meter[0], denominator: meter[1] }],
    tracks: [
      track('Drums', 0, 36, true),
      track('Bass', 33, 36),
      ...Array.from({ length: pads }, (_, i) => track(`Pad ${i + 1}`, 89, 60 + i)),
    ],
  };
  return writeMidi(score).slice().buffer;
}

const errorOf = (r: UploadReply) => ('error' in r ? r.error : null);

describe('handleUpload: the upload worker', () => {
  it('reads a file, keeps it under its id, and maps it onto the model with the notice line and list', () => {
    const scores = new Map<number, Score>();
    const read = handleUpload({ id: 7, kind: 'read', bytes: song(10) }, scores);
    expect('score' in read && read.score.tracks.map((t) => t.name)).toEqual([
      'Drums',
      'Bass',
      ...Array.from({ length: 10 }, (_, i) => `Pad ${i + 1}`),
    ]);
    expect(scores.has(7)).toBe(true);
    const mapped = handleUpload({ id: 7, kind: 'map', instruments: BAND, maxTracks: 8 }, scores);
    if (!('mapping' in mapped)) throw new Error(`no mapping: ${JSON.stringify(mapped)}`);
    expect(mapped.mapping.map.mapping).toHaveLength(8);
    expect(mapped.mapping.said.text).toMatch(
      /^Mapped 8 tracks; 4 not used by the model: over the model's budget of 8 tracks/,
    );
    expect(mapped.mapping.said.details).toHaveLength(12);
    expect(scores.size).toBe(0); // mapped: let go
  });

  it('says why a file cannot be used, with the reader’s own error codes', () => {
    const scores = new Map<number, Score>();
    expect(errorOf(handleUpload({ id: 1, kind: 'read', bytes: new ArrayBuffer(0) }, scores))?.code).toBe('empty-file');
    expect(
      errorOf(
        handleUpload({ id: 2, kind: 'read', bytes: new TextEncoder().encode('not a midi file at all').buffer }, scores),
      )?.code,
    ).toBe('not-midi');
    const cut = new Uint8Array(song(2)).slice(0, 60).buffer;
    expect(errorOf(handleUpload({ id: 3, kind: 'read', bytes: cut }, scores))?.code).toBe('corrupt-midi');
    const waltz = errorOf(handleUpload({ id: 4, kind: 'read', bytes: song(2, [3, 4]) }, scores));
    expect(waltz).toEqual({ code: 'no-4-4', message: 'no 4/4 section: the file is in 3/4; only 4/4 can be encoded' });
    expect(scores.size).toBe(0);
  });

  it('refuses to map a file it does not hold, and forgets one on request', () => {
    const scores = new Map<number, Score>();
    expect(errorOf(handleUpload({ id: 9, kind: 'map', instruments: BAND, maxTracks: 8 }, scores))?.message).toBe(
      'the file was not read first',
    );
    handleUpload({ id: 10, kind: 'read', bytes: song(1) }, scores);
    expect(handleUpload({ id: 10, kind: 'forget' }, scores)).toEqual({ id: 10, done: true });
    expect(scores.size).toBe(0);
  });

  it('passes on a mapping that finds nothing to play as a no-tracks error that names each track', () => {
    const scores = new Map<number, Score>();
    handleUpload({ id: 11, kind: 'read', bytes: song(1) }, scores);
    // A model of strings only: no drums, no bass, no pad.
    const none = errorOf(handleUpload({ id: 11, kind: 'map', instruments: ['40', '41'], maxTracks: 8 }, scores));
    expect(none?.code).toBe('no-tracks');
    expect(none?.message).toMatch(/^no tracks the model can play: /);
    expect(none?.message).toContain('Bass (Electric Bass (finger): the model knows no bass instrument)');
  });
});
