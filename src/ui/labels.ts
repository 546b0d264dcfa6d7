// Human names for INST values.
import { PART_NAMES } from '../music/score';

export function instLabel(inst: string): string {
  if ((PART_NAMES as readonly string[]).includes(inst)) return inst[0] + inst.slice(1).toLowerCase();
  if (inst === 'DRUMS') return 'Drums';
  return `GM ${Number(inst) + 1}`;
}
