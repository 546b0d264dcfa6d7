// Editing in the roll, in the conventions of signal / GarageBand / Logic: select
// (all, rubber band, shift-click), delete, nudge, resize, velocity, cut/copy/paste
// at the playhead, duplicate. Every edit is one commit(), so one undo step; none
// runs while the model writes.
import type { Note, Score } from '../music/score';
import { divisionTicks, gridStep, minLength, snapTick, type NoteLength, type Snap } from './divisions';
import { selectTargetTrack } from './editSelectors';
import { editNotes, insertNotes, makeClip, moveNotes, placeClip, resizeNotes, selectedNotes } from './noteEdits';
import { addNote, commit, selectTrack } from './pieceActions';
import { patch, useCantor } from './state';

const state = () => useCantor.getState();
const busy = () => state().generation.running;

function setSelection(notes: Iterable<Note>): void {
  patch('edit', { selection: new Set(notes) });
}

/** Replace the selection, add to it, or toggle each note in or out (shift-click). */
export function selectNotes(notes: readonly Note[], mode: 'replace' | 'add' | 'toggle' = 'replace'): void {
  if (mode === 'replace') return setSelection(notes);
  const next = new Set(state().edit.selection);
  for (const n of notes) {
    if (mode === 'toggle' && next.has(n)) next.delete(n);
    else next.add(n);
  }
  setSelection(next);
}

export function clearSelection(): void {
  if (state().edit.selection.size > 0) setSelection([]);
}

export function selectAll(): void {
  setSelection(state().piece.score.tracks.flatMap((t) => t.notes));
}

/** Commit an edit and select what it changed; false when nothing changed (no undo step). */
function apply(result: { score: Score; changed: Note[] }): boolean {
  if (result.score === state().piece.score) return false;
  commit(result.score);
  setSelection(result.changed);
  return true;
}

export function deleteSelection(): boolean {
  if (busy()) return false;
  return apply(editNotes(state().piece.score, state().edit.selection, () => null));
}

/** Move the selection by ticks and semitones, as one block. */
export function moveSelection(dt: number, dp: number): boolean {
  if (busy() || (dt === 0 && dp === 0)) return false;
  return apply(moveNotes(state().piece.score, state().edit.selection, dt, dp));
}

/** Arrow keys: a grid step (a 16th by default) sideways, a semitone up or down; `big`: a beat sideways, an octave up or down. */
export function nudgeSelection(direction: 'left' | 'right' | 'up' | 'down', big = false): boolean {
  const { ppq } = state().piece.score;
  const step = big ? ppq : gridStep(state().edit.snap, ppq);
  const semis = big ? 12 : 1;
  const [dt, dp] = { left: [-step, 0], right: [step, 0], up: [0, semis], down: [0, -semis] }[direction];
  return moveSelection(dt, dp);
}

/** Drag a note edge: every selected note's start or end moves by dt. */
export function resizeSelection(edge: 'start' | 'end', dt: number): boolean {
  if (busy() || dt === 0) return false;
  const { score } = state().piece;
  return apply(resizeNotes(score, state().edit.selection, edge, dt, minLength(state().edit.snap, score.ppq)));
}

/** Change the velocity of the given notes by `delta` (1..127). */
export function changeVelocity(notes: ReadonlySet<Note>, delta: number): boolean {
  if (busy() || delta === 0) return false;
  return apply(editNotes(state().piece.score, notes, (n) => ({ ...n, velocity: n.velocity + delta })));
}

export function copySelection(): boolean {
  const clip = makeClip(state().piece.score, state().edit.selection);
  if (clip) patch('edit', { clipboard: clip });
  return clip !== null;
}

export function cutSelection(): boolean {
  return copySelection() && deleteSelection();
}

function placeAndSelect(placed: ReturnType<typeof placeClip>): boolean {
  const { score, added } = insertNotes(state().piece.score, placed);
  if (added.length === 0) return false;
  commit(score);
  setSelection(added);
  return true;
}

/** Paste the clipboard at a tick (the playhead, on the grid); the pasted notes become the selection. */
export function paste(at = state().playback.position): boolean {
  const clip = state().edit.clipboard;
  const { score } = state().piece;
  if (busy() || !clip || score.tracks.length === 0) return false;
  const tick = snapTick(at, state().edit.snap, score.ppq);
  return placeAndSelect(placeClip(clip, tick, score.ppq, selectTargetTrack(state()), score.tracks.length));
}

/** Copy the selection right after itself (its length rounded up to the grid); the copy becomes the selection. */
export function duplicateSelection(): boolean {
  const { score } = state().piece;
  if (busy()) return false;
  const clip = makeClip(score, state().edit.selection);
  if (!clip) return false;
  const start = Math.min(...selectedNotes(score, state().edit.selection).map((p) => p.note.start));
  const step = gridStep(state().edit.snap, score.ppq);
  const offset = Math.max(step, Math.ceil(clip.span / step - 1e-9) * step);
  const placed = clip.notes.map(({ track, note }) => ({
    track,
    note: { ...note, start: start + offset + note.start },
  }));
  return placeAndSelect(placed);
}

/**
 * A click on an empty cell: a note of the chosen length in a track (by default the target track),
 * starting on the grid line at or before the click. It becomes the selection and its track the selected one.
 */
export function addNoteAt(
  pitch: number,
  tick: number,
  opts: { track?: number; velocity?: number } = {},
): { track: number; note: Note } | null {
  if (busy()) return null;
  const s = state();
  const { ppq } = s.piece.score;
  const { track = selectTargetTrack(s), velocity = 80 } = opts;
  const note = addNote(track, {
    pitch,
    start: snapTick(tick, s.edit.snap, ppq, 'floor'),
    duration: divisionTicks(s.edit.noteLength, ppq),
    velocity,
  });
  if (!note) return null;
  if (s.piece.selectedTrack !== track) selectTrack(track);
  setSelection([note]);
  return { track, note };
}

export function setSnap(snap: Snap): void {
  patch('edit', { snap });
}

export function setNoteLength(noteLength: NoteLength): void {
  patch('edit', { noteLength });
}

export function toggleVelocityLane(): void {
  patch('edit', { velocityLane: !state().edit.velocityLane });
}

/** The drum lane shows the sounds in use, or every GM drum sound. */
export function toggleDrumKit(): void {
  patch('edit', { drumKit: state().edit.drumKit === 'gm' ? 'used' : 'gm' });
}
