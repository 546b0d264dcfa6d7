import { describe, expect, it } from 'vitest';
import type { Note, Score } from '../music/score';
import {
  editNotes,
  fixNote,
  insertNotes,
  makeClip,
  moveNotes,
  placeClip,
  resizeNotes,
  selectedNotes,
} from './noteEdits';

const n = (pitch: number, start: number, duration = 480, velocity = 80): Note => ({ pitch, start, duration, velocity });
const score = (...tracks: Note[][]): Score => ({
  ppq: 480,
  tempos: [],
  timeSignatures: [],
  tracks: tracks.map((notes, i) => ({ name: `t${i}`, program: 0, isDrum: false, notes })),
});

describe('note edits on a selection', () => {
  it('moves a selection as a block, cut at tick 0 and at MIDI 0..127 so its shape is kept', () => {
    const [a, b, c] = [n(60, 480), n(64, 960), n(40, 0)];
    const s = score([a, b], [c]);
    const moved = moveNotes(s, new Set([a, b]), -960, 70);
    expect(moved.score.tracks[0].notes).toEqual([n(123, 0), n(127, 480)]);
    expect(moved.score.tracks[1]).toBe(s.tracks[1]);
    expect(moved.changed).toHaveLength(2);
  });

  it('reports no change (the same score) when nothing moves', () => {
    const a = n(60, 0);
    const s = score([a]);
    expect(moveNotes(s, new Set([a]), -100, 0).score).toBe(s);
    expect(editNotes(s, new Set(), () => null).score).toBe(s);
  });

  it('deletes, and keeps notes sorted after an edit', () => {
    const [a, b, c] = [n(60, 0), n(62, 480), n(64, 960)];
    const s = score([a, b, c]);
    expect(editNotes(s, new Set([b]), () => null).score.tracks[0].notes).toEqual([a, c]);
    expect(moveNotes(s, new Set([a]), 1440, 0).score.tracks[0].notes.map((x) => x.pitch)).toEqual([62, 64, 60]);
  });

  it('resizes either edge, never below the minimum length', () => {
    const a = n(60, 480, 480);
    const s = score([a]);
    expect(resizeNotes(s, new Set([a]), 'end', -1000, 120).score.tracks[0].notes[0]).toEqual(n(60, 480, 120));
    expect(resizeNotes(s, new Set([a]), 'start', -240, 120).score.tracks[0].notes[0]).toEqual(n(60, 240, 720));
    expect(resizeNotes(s, new Set([a]), 'start', 1000, 120).score.tracks[0].notes[0]).toEqual(n(60, 840, 120));
  });

  it('clamps velocity and pitch when it fixes a note', () => {
    expect(fixNote({ pitch: 130.4, start: -3, duration: 0, velocity: 300 })).toEqual({
      pitch: 127,
      start: 0,
      duration: 1,
      velocity: 127,
    });
  });

  it('copies a selection and pastes it into the target track (one source track) or the same tracks (several)', () => {
    const [a, b, c] = [n(60, 960, 240), n(62, 1200, 240), n(40, 1000)];
    const s = score([a, b], [c], []);
    const one = makeClip(s, new Set([a, b]))!;
    expect(one.span).toBe(480);
    expect(placeClip(one, 3840, 480, 2, 3)).toEqual([
      { track: 2, note: n(60, 3840, 240) },
      { track: 2, note: n(62, 4080, 240) },
    ]);
    const two = makeClip(s, new Set([a, c]))!;
    expect(placeClip(two, 0, 480, 2, 3).map((p) => [p.track, p.note.start])).toEqual([
      [0, 0],
      [1, 40],
    ]);
    // Into a piece at another resolution, positions scale.
    expect(placeClip(one, 0, 96, 0, 1)[1].note).toEqual(n(62, 48, 48));
    expect(makeClip(s, new Set())).toBeNull();
  });

  it('inserts notes into their tracks and skips tracks that do not exist', () => {
    const s = score([n(60, 0)]);
    const { score: out, added } = insertNotes(s, [
      { track: 0, note: n(72, 0) },
      { track: 5, note: n(72, 0) },
    ]);
    expect(added).toHaveLength(1);
    expect(out.tracks[0].notes.map((x) => x.pitch)).toEqual([60, 72]);
    expect(selectedNotes(out, new Set(added))).toEqual([{ track: 0, note: added[0] }]);
  });
});
