// Piece edits and undo/redo. Every action that changes notes goes through
// commit(), so every edit and every generation is one undo step.
import { trackForInst } from '../music/encode';
import { endTick, sortNotes, type Note, type Score } from '../music/score';
import { actionSucceeded } from './messageActions';
import { pieceBar } from './selectors';
import { patch, useCantor, type PieceSnapshot, type Region } from './state';

const HISTORY_LIMIT = 200;

function snapshot(): PieceSnapshot {
  const { score, generated } = useCantor.getState().piece;
  return { score, generated };
}

/** Replace the piece, remembering the old one for undo. */
export function commit(score: Score, generated: Region[] = useCantor.getState().piece.generated): void {
  const past = [...useCantor.getState().piece.past, snapshot()].slice(-HISTORY_LIMIT);
  patch('piece', { score, generated, past, future: [] });
  actionSucceeded();
}

/** Replace the piece without a history entry (streaming notes while the model writes). */
export function replaceLive(score: Score, generated?: Region[]): void {
  patch('piece', generated ? { score, generated } : { score });
}

/** The model is writing, or a take is being recorded: the piece on show is not yet an undo step. */
const busyWithLiveEdit = () =>
  useCantor.getState().generation.running || useCantor.getState().midi.recording !== 'idle';

export function undo(): void {
  const { past, future } = useCantor.getState().piece;
  if (past.length === 0 || busyWithLiveEdit()) return;
  const prev = past[past.length - 1];
  patch('piece', { ...prev, past: past.slice(0, -1), future: [snapshot(), ...future] });
  actionSucceeded();
}

export function redo(): void {
  const { past, future } = useCantor.getState().piece;
  if (future.length === 0 || busyWithLiveEdit()) return;
  patch('piece', { ...future[0], past: [...past, snapshot()], future: future.slice(1) });
  actionSucceeded();
}

function withTrackNotes(score: Score, track: number, notes: Note[]): Score {
  const tracks = score.tracks.map((t, i) => (i === track ? { ...t, notes: sortNotes(notes) } : t));
  return { ...score, tracks };
}

const clampPitch = (p: number) => Math.max(0, Math.min(127, Math.round(p)));

/** The piece, with empty tracks for the chosen instruments when it has none (drawing on a blank roll). */
function withTracks(score: Score): Score {
  if (score.tracks.length > 0) return score;
  const specs = useCantor.getState().settings.tracks;
  return { ...score, tracks: specs.map((s) => ({ ...trackForInst(s.inst), notes: [] })) };
}

/** Add one note (one undo step); returns the note as stored, or null when the track does not exist. */
export function addNote(track: number, note: Note): Note | null {
  const score = withTracks(useCantor.getState().piece.score);
  if (!score.tracks[track]) return null;
  const n = {
    ...note,
    pitch: clampPitch(note.pitch),
    start: Math.max(0, note.start),
    duration: Math.max(1, note.duration),
  };
  commit(withTrackNotes(score, track, [...score.tracks[track].notes, n]));
  return n;
}

export function updateNote(track: number, index: number, change: Partial<Note>): void {
  const score = useCantor.getState().piece.score;
  const old = score.tracks[track]?.notes[index];
  if (!old) return;
  const n = { ...old, ...change };
  const fixed = {
    ...n,
    pitch: clampPitch(n.pitch),
    start: Math.max(0, Math.round(n.start)),
    duration: Math.max(1, Math.round(n.duration)),
  };
  if (fixed.pitch === old.pitch && fixed.start === old.start && fixed.duration === old.duration) return;
  const notes = score.tracks[track].notes.map((x, i) => (i === index ? fixed : x));
  commit(withTrackNotes(score, track, notes));
}

export function deleteNote(track: number, index: number): void {
  const score = useCantor.getState().piece.score;
  if (!score.tracks[track]?.notes[index]) return;
  commit(
    withTrackNotes(
      score,
      track,
      score.tracks[track].notes.filter((_, i) => i !== index),
    ),
  );
}

/** Remove the notes that start in a bar (from 0, on the piece's own bar lines) of one track, or of every track when track is null. */
export function clearBar(bar: number, track: number | null): void {
  const score = useCantor.getState().piece.score;
  const { start, end } = pieceBar(score, bar);
  const inBar = (n: Note) => n.start >= start && n.start < end;
  if (!score.tracks.some((t, i) => (track === null || i === track) && t.notes.some(inBar))) return;
  const tracks = score.tracks.map((t, i) =>
    track === null || i === track ? { ...t, notes: t.notes.filter((n) => !inBar(n)) } : t,
  );
  commit({ ...score, tracks });
}

export function selectTrack(track: number | null): void {
  patch('piece', { selectedTrack: track });
}

export function selectBar(bar: number | null): void {
  patch('piece', { selectedBar: bar });
}

/** A fresh piece (e.g. an upload): history keeps the old one so undo brings it back. */
export function loadPiece(score: Score, source: string | null): void {
  commit(score, []);
  patch('piece', {
    source,
    sourceEnd: source === null ? null : endTick(score),
    selectedTrack: null,
    selectedBar: null,
  });
  patch('playback', { muted: [], soloed: [], loop: null, position: 0 });
}

/** Start a live edit (a generation): returns what undo should bring back. */
export function beginLive(): PieceSnapshot {
  patch('piece', { future: [] });
  return snapshot();
}

/** Finish a live edit as one undo step back to `base`. */
export function endLive(base: PieceSnapshot, score: Score, generated: Region[]): void {
  const past = [...useCantor.getState().piece.past, base].slice(-HISTORY_LIMIT);
  patch('piece', { score, generated, past, future: [] });
}
