// What kind of model a config describes: GM instruments or named parts, and its track budget.
// Pure (types only from the engine), so the CLI and the store share it without the CLI importing the store.
import type { ModelInfo } from './protocol';
import { isPartName } from '../music/parts';

/** The model's track budget (config.json encoding.maxTracks), or null when it has none. */
export function maxTracksOf(info: Pick<ModelInfo, 'config'>): number | null {
  const k = (info.config as { encoding?: { maxTracks?: unknown } } | null)?.encoding?.maxTracks;
  return typeof k === 'number' && Number.isInteger(k) && k >= 1 ? k : null;
}

/** A model of GM instruments (programs and DRUMS), not of named parts. */
export const isGmModel = (instruments: readonly string[]): boolean => instruments.length > 0 && !instruments.some(isPartName);
