// Human names for INST values.
import { isPartName, partLabel } from '../music/parts';

export function instLabel(inst: string): string {
  if (inst === 'DRUMS') return 'Drums';
  if (isPartName(inst)) return partLabel(inst);
  return `GM ${Number(inst) + 1}`;
}
