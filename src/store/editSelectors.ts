// Selectors of the roll's editing state (module scope: stable identities).
import type { CantorState } from './state';

export const selectSelection = (s: CantorState) => s.edit.selection;
export const selectSnap = (s: CantorState) => s.edit.snap;
export const selectNoteLength = (s: CantorState) => s.edit.noteLength;
export const selectVelocityLane = (s: CantorState) => s.edit.velocityLane;

/** How many tracks a click can draw into: the piece's, or on an empty roll the ones Compose would make. */
export const selectTargetCount = (s: CantorState) => s.piece.score.tracks.length || s.settings.tracks.length;

/** The track new notes go into: the selected one, else the first. The roll's toolbar always shows it. */
export function selectTargetTrack(s: CantorState): number {
  const t = s.piece.selectedTrack;
  return t !== null && t < selectTargetCount(s) ? t : 0;
}

/** The Variations preview, when it belongs to the current candidates. */
export function selectPreview(s: CantorState) {
  const p = s.edit.preview;
  const c = s.generation.candidates;
  return p && p.of === c && c.length > 0 ? p : null;
}
