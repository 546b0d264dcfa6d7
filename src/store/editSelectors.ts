// Selectors of the roll's editing state (module scope: stable identities).
import type { CantorState } from './state';

export const selectSelection = (s: CantorState) => s.edit.selection;
export const selectSnap = (s: CantorState) => s.edit.snap;
export const selectNoteLength = (s: CantorState) => s.edit.noteLength;
export const selectVelocityLane = (s: CantorState) => s.edit.velocityLane;
export const selectDrumKit = (s: CantorState) => s.edit.drumKit;

/** How many tracks a click can draw into: the piece's, or on an empty roll the ones Compose would make. */
export const selectTargetCount = (s: CantorState) => s.piece.score.tracks.length || s.settings.tracks.length;

/** The track new notes go into: the selected one, else the first pitched one (a band piece starts with
 * its drums, which are drawn in their own lane). The toolbar shows it. */
export function selectTargetTrack(s: CantorState): number {
  const t = s.piece.selectedTrack;
  if (t !== null && t < selectTargetCount(s)) return t;
  const pitched = s.piece.score.tracks.findIndex((track) => !track.isDrum);
  return pitched > 0 ? pitched : 0;
}

/** Whether track i of those a click can draw into is a drum track (on an empty roll: one Compose would make). */
function isDrumAt(s: CantorState, i: number): boolean {
  const { tracks } = s.piece.score;
  return tracks.length > 0 ? tracks[i].isDrum : s.settings.tracks[i].inst === 'DRUMS';
}

/** The first track a click can draw into that is (or is not) a drum track, or null. */
function firstOfKind(s: CantorState, drum: boolean): number | null {
  for (let i = 0; i < selectTargetCount(s); i++) if (isDrumAt(s, i) === drum) return i;
  return null;
}

/** The track a click on the pitched grid draws into: the target when it is pitched, else the first pitched track. */
export function selectPitchedTarget(s: CantorState): number | null {
  const t = selectTargetTrack(s);
  return t < selectTargetCount(s) && !isDrumAt(s, t) ? t : firstOfKind(s, false);
}

/** The track a click in the drum lane draws into: the target when it is a drum track, else the first one; null without drums. */
export function selectDrumTarget(s: CantorState): number | null {
  const t = selectTargetTrack(s);
  return t < selectTargetCount(s) && isDrumAt(s, t) ? t : firstOfKind(s, true);
}

/** The piece (or, on an empty roll, the tracks Compose would make) has drums: the roll shows the drum lane. */
export const selectHasDrumLane = (s: CantorState) => selectDrumTarget(s) !== null;

/** The candidate the piece holds (-1 once it is edited): undo and redo move this mark with the piece. */
export const selectPickedCandidate = (s: CantorState) =>
  s.generation.candidates.findIndex((c) => c.score === s.piece.score);

/** The candidate previewed over the roll, when one is (a new run's candidates end the preview). */
export function selectPreviewIndex(s: CantorState): number | null {
  const p = s.edit.preview;
  return p && p.of === s.generation.candidates && s.generation.candidates.length > 0 ? p.index : null;
}

/** The candidate the roll shows: the previewed one, else the one the piece holds (-1: none, the piece was edited); null without candidates. */
export function selectShownCandidate(s: CantorState): number | null {
  if (s.generation.candidates.length === 0) return null;
  return selectPreviewIndex(s) ?? selectPickedCandidate(s);
}
