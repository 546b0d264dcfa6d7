// The mmmtrack vocabulary. The id <-> token mapping a model uses always comes
// from that model's tokenizer.json (see tokenizer.ts); this file only builds
// the vocabulary that preprocessing writes for an encoding's part names.
import { CONTROL_BINS, CONTROL_KINDS, type ControlKind } from './controls';
import { V1_PARTS, type PartName } from './parts';

export const PAD = '[PAD]';
export const UNK = '[UNK]';
export const PIECE_START = 'PIECE_START';
export const TRACK_START = 'TRACK_START';
export const TRACK_END = 'TRACK_END';
export const BAR_START = 'BAR_START';
export const BAR_END = 'BAR_END';
export const FILL_IN = 'FILL_IN';
export const FILL_START = 'FILL_START';
export const FILL_END = 'FILL_END';

/** Sixteenths per 4/4 bar: the only meter the encoding knows. */
export const STEPS_PER_BAR = 16;
/** Number of DENSITY bins (so DENSITY_BINS - 1 bin edges). */
export const DENSITY_BINS = 10;

export const SPECIAL_TOKENS = [
  PAD,
  UNK,
  PIECE_START,
  TRACK_START,
  TRACK_END,
  BAR_START,
  BAR_END,
  FILL_IN,
  FILL_START,
  FILL_END,
];

/**
 * The vocabulary of an encoding, in id order: the specials, INST=0..127, INST=DRUMS, one INST per
 * named part of the encoding (none for a GM-only model), DENSITY, NOTE_ON, NOTE_OFF, TIME_DELTA, then the
 * control tokens the encoding has (POLYPHONY, DURATION). The controls come last so that every other token
 * keeps the id it has in a vocabulary without them (a model trained on that one warm-starts on this one).
 */
export function vocabulary(parts: readonly PartName[] = [], controls: readonly ControlKind[] = []): string[] {
  const tokens = [...SPECIAL_TOKENS];
  for (let p = 0; p < 128; p++) tokens.push(`INST=${p}`);
  tokens.push('INST=DRUMS');
  for (const part of parts) tokens.push(`INST=${part}`);
  for (let d = 0; d < DENSITY_BINS; d++) tokens.push(`DENSITY=${d}`);
  for (let p = 0; p < 128; p++) tokens.push(`NOTE_ON=${p}`);
  for (let p = 0; p < 128; p++) tokens.push(`NOTE_OFF=${p}`);
  for (let s = 1; s <= STEPS_PER_BAR; s++) tokens.push(`TIME_DELTA=${s}`);
  for (const kind of CONTROL_KINDS)
    if (controls.includes(kind)) for (let b = 0; b < CONTROL_BINS[kind]; b++) tokens.push(`${kind}=${b}`);
  return tokens;
}

/** Vocabulary version 1 (the shipped chorales model's): the parts SATB, MELODY, BRIDGE, PIANO. */
export function defaultVocabulary(): string[] {
  return vocabulary(V1_PARTS);
}

/** The named parts a vocabulary has INST tokens for, in id order. */
export function vocabularyParts(tokens: readonly string[]): PartName[] {
  return tokens.filter((t) => t.startsWith('INST=') && !/^INST=(\d+|DRUMS)$/.test(t)).map((t) => t.slice(5));
}
