// Pure edits of a selection of notes: move, resize, delete, velocity, copy, paste.
// A selection is a set of the score's own Note objects: indices change whenever a
// track is re-sorted, identities do not. Tracks an edit does not touch keep their
// arrays, so the roll's per-track caches stay warm.
import { sortNotes, type Note, type Score } from '../music/score';

export interface Placed {
  track: number;
  note: Note;
}

/** Copied notes: starts relative to the earliest, from one or more tracks. */
export interface Clip {
  notes: Placed[];
  /** From the earliest start to the latest end, in ticks. */
  span: number;
  /** PPQ of the piece they were copied from (pasting elsewhere rescales). */
  ppq: number;
}

const clampPitch = (p: number) => Math.max(0, Math.min(127, Math.round(p)));
const clampVelocity = (v: number) => Math.max(1, Math.min(127, Math.round(v)));

/** Make a note valid: whole ticks, start >= 0, length >= 1, pitch 0..127, velocity 1..127. */
export function fixNote(n: Note): Note {
  return {
    pitch: clampPitch(n.pitch),
    start: Math.max(0, Math.round(n.start)),
    duration: Math.max(1, Math.round(n.duration)),
    velocity: clampVelocity(n.velocity),
  };
}

/** The selected notes with their tracks, in track then time order (notes no longer in the score are skipped). */
export function selectedNotes(score: Score, selection: ReadonlySet<Note>): Placed[] {
  if (selection.size === 0) return [];
  const out: Placed[] = [];
  score.tracks.forEach((t, track) => t.notes.forEach((note) => selection.has(note) && out.push({ track, note })));
  return out;
}

/**
 * Apply `change` to every selected note (null deletes it). Returns the new score and the
 * changed notes (new objects, to select next); the score is unchanged (same object) when nothing changed.
 */
export function editNotes(
  score: Score,
  selection: ReadonlySet<Note>,
  change: (n: Note, track: number) => Note | null,
): { score: Score; changed: Note[] } {
  const changed: Note[] = [];
  let touched = false;
  const tracks = score.tracks.map((t, track) => {
    if (!t.notes.some((n) => selection.has(n))) return t;
    const notes: Note[] = [];
    for (const n of t.notes) {
      if (!selection.has(n)) {
        notes.push(n);
        continue;
      }
      const next = change(n, track);
      if (next === null) {
        touched = true;
        continue;
      }
      const fixed = fixNote(next);
      const same =
        fixed.pitch === n.pitch &&
        fixed.start === n.start &&
        fixed.duration === n.duration &&
        fixed.velocity === n.velocity;
      touched ||= !same;
      const kept = same ? n : fixed;
      notes.push(kept);
      changed.push(kept);
    }
    return { ...t, notes: sortNotes(notes) };
  });
  return touched ? { score: { ...score, tracks }, changed } : { score, changed };
}

/** Add notes to their tracks (tracks that do not exist are skipped). */
export function insertNotes(score: Score, placed: readonly Placed[]): { score: Score; added: Note[] } {
  const byTrack = new Map<number, Note[]>();
  const added: Note[] = [];
  for (const p of placed) {
    if (!score.tracks[p.track]) continue;
    const n = fixNote(p.note);
    added.push(n);
    byTrack.set(p.track, [...(byTrack.get(p.track) ?? []), n]);
  }
  if (added.length === 0) return { score, added };
  const tracks = score.tracks.map((t, i) =>
    byTrack.has(i) ? { ...t, notes: sortNotes([...t.notes, ...byTrack.get(i)!]) } : t,
  );
  return { score: { ...score, tracks }, added };
}

/** How far a selection may move and stay inside tick 0 and MIDI 0..127. */
export function moveLimits(notes: readonly Placed[]): { minDt: number; minDp: number; maxDp: number } {
  let [start, low, high] = [Infinity, 127, 0];
  for (const { note } of notes)
    [start, low, high] = [Math.min(start, note.start), Math.min(low, note.pitch), Math.max(high, note.pitch)];
  return { minDt: -start, minDp: -low, maxDp: 127 - high };
}

/** One note's move by dt ticks and dp semitones, with the shift cut where any of `block` would leave the roll (so its shape is kept). */
export function moveChange(block: readonly Placed[], dt: number, dp: number): (n: Note) => Note {
  const lim = moveLimits(block);
  const [t, p] = [Math.max(lim.minDt, dt), Math.min(lim.maxDp, Math.max(lim.minDp, dp))];
  return (n) => ({ ...n, start: n.start + t, pitch: n.pitch + p });
}

/** One note's start (its end fixed) or end moved by dt, never shorter than `minLength`. */
export function resizeChange(edge: 'start' | 'end', dt: number, minLength: number): (n: Note) => Note {
  return (n) => {
    if (edge === 'end') return { ...n, duration: Math.max(minLength, n.duration + dt) };
    const end = n.start + n.duration;
    const start = Math.max(0, Math.min(end - minLength, n.start + dt));
    return { ...n, start, duration: end - start };
  };
}

export function moveNotes(
  score: Score,
  selection: ReadonlySet<Note>,
  dt: number,
  dp: number,
): { score: Score; changed: Note[] } {
  return editNotes(score, selection, moveChange(selectedNotes(score, selection), dt, dp));
}

export function resizeNotes(
  score: Score,
  selection: ReadonlySet<Note>,
  edge: 'start' | 'end',
  dt: number,
  minLength: number,
): { score: Score; changed: Note[] } {
  return editNotes(score, selection, resizeChange(edge, dt, minLength));
}

/** The selection as a clip (null when nothing is selected). */
export function makeClip(score: Score, selection: ReadonlySet<Note>): Clip | null {
  const notes = selectedNotes(score, selection);
  if (notes.length === 0) return null;
  const start = Math.min(...notes.map((p) => p.note.start));
  const end = Math.max(...notes.map((p) => p.note.start + p.note.duration));
  return {
    notes: notes.map(({ track, note }) => ({ track, note: { ...note, start: note.start - start } })),
    span: end - start,
    ppq: score.ppq,
  };
}

/**
 * Where a clip's notes land when pasted at `at`: notes copied from one track go into the
 * target track (copy the soprano, paste into the alto); from several tracks, into the same
 * tracks again (or the target when that track is gone).
 */
export function placeClip(clip: Clip, at: number, ppq: number, target: number, trackCount: number): Placed[] {
  const scale = ppq / clip.ppq;
  const single = new Set(clip.notes.map((p) => p.track)).size === 1;
  return clip.notes.map(({ track, note }) => ({
    track: single || track >= trackCount ? target : track,
    note: { ...note, start: at + note.start * scale, duration: note.duration * scale },
  }));
}
