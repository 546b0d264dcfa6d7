// Named parts: the INST values that are not GM programs or DRUMS. Which names exist is not a
// property of the Score model: each encoding (encoding.json / config.json `parts`) and each corpus
// (its corpus options) says which ones it uses; a model's tokenizer.json is the truth for it.

/** A part name: an upper-case word such as SOPRANO or MELODY (never DRUMS, never a number). */
export type PartName = string;

const PART_NAME = /^[A-Z][A-Z0-9_]*$/;

/** True for a string that can name a part (the INST token of a part is `INST=<name>`). */
export function isPartName(value: string): value is PartName {
  return value !== 'DRUMS' && PART_NAME.test(value);
}

/** A model of GM instruments (programs and DRUMS), not of named parts: the app's band features and register guard are for these. */
export const isGmModel = (instruments: readonly string[]): boolean =>
  instruments.length > 0 && !instruments.some(isPartName);

/** The four chorale voices, top down: the voice order of JSB and JS Fakes (a corpus convention). */
export const SATB = ['SOPRANO', 'ALTO', 'TENOR', 'BASS'] as const;

/** POP909's three tracks in file order: main melody, sub-melody, piano accompaniment. */
export const POP909_PARTS = ['MELODY', 'BRIDGE', 'PIANO'] as const;

/**
 * The part tokens of vocabulary version 1, the one the shipped chorales model was trained with
 * (its tokenizer.json has exactly these, in this order).
 */
export const V1_PARTS: readonly PartName[] = [...SATB, ...POP909_PARTS];

/** GM program a part plays with when it becomes a MIDI track: choir for the chorale voices, piano otherwise. */
export function partProgram(part: PartName): number {
  return (SATB as readonly string[]).includes(part) ? 52 : 0;
}

/** "SOPRANO" -> "Soprano". */
export function partLabel(part: PartName): string {
  return part[0] + part.slice(1).toLowerCase();
}
