// A Variations candidate as an overlay on the piece: the candidate's notes the piece
// lacks (drawn dashed), and the piece's notes the candidate would replace (drawn faint).
import { addedNotes } from '../../music/instrumentMap';
import type { Note, Score } from '../../music/score';
import type { PieceSnapshot } from '../../store/state';
import type { Ghost } from './draw';

/** Candidate `index` over the piece; null when the piece is that candidate. */
export function ghostOf(piece: Score, candidates: readonly PieceSnapshot[], index: number): Ghost | null {
  const candidate = candidates[index]?.score;
  if (!candidate || candidate === piece) return null;
  const notes: Ghost['notes'] = [];
  const replaced = new Set<Note>();
  candidate.tracks.forEach((t, track) => {
    const mine = piece.tracks[track]?.notes ?? [];
    for (const note of addedNotes(mine, t.notes)) notes.push({ track, note });
    for (const note of addedNotes(t.notes, mine)) replaced.add(note);
  });
  return { index, count: candidates.length, notes, replaced };
}
