// The roll's editing state: selection, clipboard, grid, velocity lane, drum kit rows, and which
// Variations candidate is previewed. Kept out of the piece slice: none of it is
// part of the song or of undo.
import type { Note } from '../music/score';
import type { Snap, NoteLength } from './divisions';
import type { Clip } from './noteEdits';
import type { PieceSnapshot } from './state';

export interface CandidatePreview {
  /** The candidates this preview belongs to (generation.candidates); a new run makes it stale. */
  of: readonly PieceSnapshot[];
  /** The candidate drawn over the roll. */
  index: number;
}

/** The drum lane's rows: the sounds in use, or the whole GM kit (to draw a sound not yet used). */
export type DrumKit = 'used' | 'gm';

export interface EditSlice {
  /** Selected notes: the score's own Note objects. */
  selection: ReadonlySet<Note>;
  clipboard: Clip | null;
  snap: Snap;
  /** Length of a note drawn with a click. */
  noteLength: NoteLength;
  velocityLane: boolean;
  drumKit: DrumKit;
  preview: CandidatePreview | null;
}

export function initialEdit(): EditSlice {
  return {
    selection: new Set(),
    clipboard: null,
    snap: '1/16',
    noteLength: '1/4',
    velocityLane: false,
    drumKit: 'used',
    preview: null,
  };
}
