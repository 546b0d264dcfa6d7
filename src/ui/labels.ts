// Human names for INST values.
import { programName } from '../music/gm';
import { isPartName, partLabel } from '../music/parts';

export function instLabel(inst: string): string {
  if (inst === 'DRUMS') return 'Drums';
  if (isPartName(inst)) return partLabel(inst);
  return programName(Number(inst));
}
