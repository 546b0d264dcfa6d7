import { beforeEach, describe, expect, it } from 'vitest';
import type { Note, Score } from '../music/score';
import {
  addNoteAt,
  changeVelocity,
  clearSelection,
  copySelection,
  cutSelection,
  deleteSelection,
  duplicateSelection,
  nudgeSelection,
  paste,
  resizeSelection,
  selectAll,
  selectNotes,
  setNoteLength,
  setSnap,
} from './editActions';
import { selectDrumTarget, selectHasDrumLane, selectPitchedTarget, selectTargetTrack } from './editSelectors';
import { loadPiece, redo, selectTrack, undo } from './pieceActions';
import { patch, resetStore, useCantor } from './state';

const n = (pitch: number, start: number, duration = 480, velocity = 80): Note => ({ pitch, start, duration, velocity });
const piece = (): Score => ({
  ppq: 480,
  tempos: [{ tick: 0, bpm: 100 }],
  timeSignatures: [],
  tracks: [
    { name: 'S', program: 52, isDrum: false, part: 'SOPRANO', notes: [n(72, 0), n(74, 480)] },
    { name: 'B', program: 52, isDrum: false, part: 'BASS', notes: [n(48, 0, 960)] },
  ],
});
const st = () => useCantor.getState();
const notes = (t: number) => st().piece.score.tracks[t].notes;
const steps = () => st().piece.past.length;

beforeEach(() => {
  resetStore();
  loadPiece(piece(), 'x.mid');
});

describe('selection edits, each one undo step', () => {
  it('Ctrl+A then Delete removes every note in one step; undo brings them all back', () => {
    const before = steps();
    selectAll();
    expect(st().edit.selection.size).toBe(3);
    expect(deleteSelection()).toBe(true);
    expect(notes(0)).toEqual([]);
    expect(notes(1)).toEqual([]);
    expect(steps()).toBe(before + 1);
    undo();
    expect(st().piece.score).toEqual(piece());
    redo();
    expect(notes(0)).toEqual([]);
  });

  it('arrows move by a grid step or a semitone, shift by a beat or an octave; the moved notes stay selected', () => {
    selectNotes([notes(0)[1]]);
    nudgeSelection('right');
    expect(notes(0)[1]).toEqual(n(74, 600));
    nudgeSelection('up', true);
    expect(notes(0)[1]).toEqual(n(86, 600));
    setSnap('1/8');
    nudgeSelection('left');
    nudgeSelection('down');
    expect(notes(0)[1]).toEqual(n(85, 360));
    expect([...st().edit.selection]).toEqual([notes(0)[1]]);
    const before = steps();
    undo();
    expect(notes(0)[1]).toEqual(n(86, 360));
    expect(steps()).toBe(before - 1);
  });

  it('does nothing, and makes no undo step, with nothing selected or a move past tick 0', () => {
    const before = steps();
    expect(deleteSelection()).toBe(false);
    selectNotes([notes(0)[0]]);
    expect(nudgeSelection('left')).toBe(false);
    expect(steps()).toBe(before);
  });

  it('copies and pastes at the playhead (on the grid), into the target track', () => {
    selectNotes(notes(0));
    expect(copySelection()).toBe(true);
    patch('playback', { position: 3 * 1920 + 7 });
    selectTrack(1);
    expect(paste()).toBe(true);
    expect(notes(1).map((x) => [x.pitch, x.start])).toEqual([
      [48, 0],
      [72, 5760],
      [74, 6240],
    ]);
    expect(st().edit.selection.size).toBe(2);
    undo();
    expect(notes(1)).toEqual(piece().tracks[1].notes);
  });

  it('cut removes what it copied; paste brings it back where the playhead is', () => {
    selectNotes([notes(1)[0]]);
    cutSelection();
    expect(notes(1)).toEqual([]);
    patch('playback', { position: 1920 });
    selectTrack(1);
    paste();
    expect(notes(1)).toEqual([n(48, 1920, 960)]);
  });

  it('duplicates right after the selection, and again after the copy', () => {
    selectNotes(notes(0));
    duplicateSelection();
    duplicateSelection();
    expect(notes(0).map((x) => x.start)).toEqual([0, 480, 960, 1440, 1920, 2400]);
  });

  it('resizes the selection by either edge, and changes its velocity', () => {
    selectNotes([notes(1)[0]]);
    resizeSelection('end', -480);
    expect(notes(1)[0]).toEqual(n(48, 0, 480));
    changeVelocity(st().edit.selection, 60);
    expect(notes(1)[0].velocity).toBe(127);
  });

  it('with no track selected the target is the first pitched track, not the drums', () => {
    const drumsFirst: Score = {
      ...piece(),
      tracks: [{ name: 'Kit', program: 0, isDrum: true, notes: [n(36, 0)] }, ...piece().tracks],
    };
    loadPiece(drumsFirst, null);
    expect(selectTargetTrack(st())).toBe(1);
    selectTrack(0);
    expect(selectTargetTrack(st())).toBe(0);
  });

  it('the pitched grid draws into a pitched track and the drum lane into a drum track, whichever the target is', () => {
    const band: Score = {
      ...piece(),
      tracks: [piece().tracks[0], { name: 'Kit', program: 0, isDrum: true, notes: [n(36, 0)] }, piece().tracks[1]],
    };
    loadPiece(band, null);
    expect([selectPitchedTarget(st()), selectDrumTarget(st()), selectHasDrumLane(st())]).toEqual([0, 1, true]);
    selectTrack(2);
    expect([selectPitchedTarget(st()), selectDrumTarget(st())]).toEqual([2, 1]);
    // Drawing a hit selects the drum track; the pitched grid then draws into the first pitched track.
    const hit = addNoteAt(38, 960, { track: selectDrumTarget(st())! });
    expect(hit?.track).toBe(1);
    expect(notes(1)).toContainEqual(expect.objectContaining({ pitch: 38, start: 960 }));
    expect([selectTargetTrack(st()), selectPitchedTarget(st()), selectDrumTarget(st())]).toEqual([1, 0, 1]);
    undo();
    expect(notes(1)).toHaveLength(1);
    loadPiece(piece(), null);
    expect([selectDrumTarget(st()), selectHasDrumLane(st())]).toEqual([null, false]);
  });

  it('on an empty roll, the drum lane draws into the drums Compose would make', () => {
    resetStore();
    patch('settings', { tracks: [{ inst: 'DRUMS' }, { inst: '33' }] });
    expect([selectPitchedTarget(st()), selectDrumTarget(st())]).toEqual([1, 0]);
    addNoteAt(36, 0, { track: 0 });
    expect(st().piece.score.tracks.map((t) => [t.isDrum, t.notes.length])).toEqual([
      [true, 1],
      [false, 0],
    ]);
  });

  it('a click draws into the target track: the first when none is selected, which it then selects', () => {
    expect(selectTargetTrack(st())).toBe(0);
    setNoteLength('1/8');
    const added = addNoteAt(60, 1000);
    expect(added?.track).toBe(0);
    expect(notes(0)).toContainEqual(n(60, 960, 240));
    expect(st().piece.selectedTrack).toBe(0);
    selectTrack(1);
    setSnap('off');
    addNoteAt(40, 1001);
    expect(notes(1)).toContainEqual(n(40, 1001, 240));
  });

  it('on an empty roll, draws into the tracks Compose would make', () => {
    resetStore();
    patch('settings', { tracks: [{ inst: 'SOPRANO' }, { inst: 'BASS' }] });
    selectTrack(1);
    addNoteAt(40, 0);
    expect(st().piece.score.tracks.map((t) => t.notes.length)).toEqual([0, 1]);
  });

  it('refuses to edit while the model writes', () => {
    selectAll();
    patch('generation', { running: true });
    expect(deleteSelection()).toBe(false);
    expect(addNoteAt(60, 0)).toBeNull();
    patch('generation', { running: false });
    clearSelection();
    expect(st().edit.selection.size).toBe(0);
  });
});
