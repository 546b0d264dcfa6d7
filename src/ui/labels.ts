// Human names for INST values.
import { isPartName } from '../music/score';

export function instLabel(inst: string): string {
  if (isPartName(inst)) return inst[0] + inst.slice(1).toLowerCase();
  if (inst === 'DRUMS') return 'Drums';
  return `GM ${Number(inst) + 1}`;
}
