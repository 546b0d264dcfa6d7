// Variations in the roll: one candidate at a time is drawn over the piece (the
// preview), the one the piece holds is marked, and stepping or picking goes
// through here. Picking is one undo step (generationActions.pickCandidate).
import { selectPreview } from './editSelectors';
import { pickCandidate } from './generationActions';
import { patch, useCantor } from './state';

function current() {
  const s = useCantor.getState();
  return { candidates: s.generation.candidates, preview: selectPreview(s) };
}

/** Draw candidate `index` over the roll (the one the piece holds draws nothing extra). */
export function previewCandidate(index: number): void {
  const { candidates, preview } = current();
  if (candidates.length === 0) return;
  const i = ((index % candidates.length) + candidates.length) % candidates.length;
  patch('edit', { preview: { of: candidates, index: i, picked: preview?.picked ?? 0 } });
}

/** Next (+1) or previous (-1) candidate, wrapping around. */
export function stepCandidate(delta: number): void {
  const { preview } = current();
  previewCandidate((preview?.index ?? 0) + delta);
}

/** Put the previewed candidate into the piece. */
export function pickPreviewed(): void {
  const { preview } = current();
  if (preview) pickAt(preview.index);
}

export function pickAt(index: number): void {
  const { candidates, preview } = current();
  if (!candidates[index] || index === (preview?.picked ?? 0)) return;
  pickCandidate(index);
  patch('edit', { preview: { of: candidates, index, picked: index }, selection: new Set() });
}

/** Stop previewing: back to the candidate the piece holds. */
export function closePreview(): void {
  const { preview } = current();
  if (preview) patch('edit', { preview: { ...preview, index: preview.picked } });
}
