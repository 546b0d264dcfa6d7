// What kind of model a config describes: GM instruments or named parts, and its track budget.
// Pure (types only from the engine), so the CLI and the store share it without the CLI importing the store.
import { isPartName } from '../music/parts';

/** A model of GM instruments (programs and DRUMS), not of named parts. */
export const isGmModel = (instruments: readonly string[]): boolean =>
  instruments.length > 0 && !instruments.some(isPartName);
