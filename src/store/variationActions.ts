// Variations in the roll: one candidate at a time is drawn over the piece (the
// preview), the one the piece holds is marked, and stepping or picking goes
// through here. Picking is one undo step (generationActions.pickCandidate).
import { selectPickedCandidate, selectShownCandidate } from './editSelectors';
import { pickCandidate } from './generationActions';
import { patch, useCantor } from './state';

const state = () => useCantor.getState();

/** Draw candidate `index` over the roll (wrapping around); the one the piece holds draws nothing extra. */
export function previewCandidate(index: number): void {
  const candidates = state().generation.candidates;
  if (candidates.length === 0) return;
  const i = ((index % candidates.length) + candidates.length) % candidates.length;
  patch('edit', { preview: { of: candidates, index: i } });
}

/** Next (+1) or previous (-1) candidate. */
export function stepCandidate(delta: number): void {
  previewCandidate(Math.max(0, selectShownCandidate(state()) ?? 0) + delta);
}

/** Put the shown candidate into the piece. */
export function pickPreviewed(): void {
  const shown = selectShownCandidate(state());
  if (shown !== null && shown >= 0) pickAt(shown);
}

/** Put candidate `index` into the piece (one undo step; none when the piece holds it already). */
export function pickAt(index: number): void {
  const candidates = state().generation.candidates;
  if (!candidates[index] || index === selectPickedCandidate(state())) return;
  pickCandidate(index);
  patch('edit', { preview: { of: candidates, index }, selection: new Set() });
}

/** Stop previewing: back to the candidate the piece holds. */
export function closePreview(): void {
  patch('edit', { preview: null });
}
