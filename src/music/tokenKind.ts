// Token strings -> what they mean, shared by the grammar and the decoder.
// A token this file does not understand is UNKNOWN: it may exist in some model's vocabulary,
// but nothing in the mmmtrack grammar gives it a meaning.
import { isPartName } from './parts';
import { PAD, STEPS_PER_BAR, UNK } from './vocab';

export type StructureKind =
  'PIECE_START' | 'TRACK_START' | 'TRACK_END' | 'BAR_START' | 'BAR_END' | 'FILL_IN' | 'FILL_START' | 'FILL_END';

export type ParsedToken =
  | { kind: StructureKind }
  | { kind: 'INST'; inst: string }
  | { kind: 'DENSITY' | 'POLYPHONY' | 'DURATION' | 'NOTE_ON' | 'NOTE_OFF' | 'TIME_DELTA'; value: number }
  | { kind: 'PAD' | 'UNKNOWN' };

const STRUCTURE = new Set<string>([
  'PIECE_START',
  'TRACK_START',
  'TRACK_END',
  'BAR_START',
  'BAR_END',
  'FILL_IN',
  'FILL_START',
  'FILL_END',
]);
const UNKNOWN: ParsedToken = { kind: 'UNKNOWN' };

/** Non-negative decimal integer without sign, spaces or leading zeros, else -1. */
function integer(text: string): number {
  if (!/^(0|[1-9]\d{0,3})$/.test(text)) return -1;
  return Number(text);
}

function parse(token: string): ParsedToken {
  if (STRUCTURE.has(token)) return { kind: token as StructureKind };
  if (token === PAD || token === UNK) return { kind: token === PAD ? 'PAD' : 'UNKNOWN' };
  const eq = token.indexOf('=');
  if (eq < 0) return UNKNOWN;
  const name = token.slice(0, eq);
  const arg = token.slice(eq + 1);
  const n = integer(arg);
  switch (name) {
    case 'INST':
      // Any part name parses: which ones a model has is its vocabulary's business.
      return arg === 'DRUMS' || isPartName(arg) || (n >= 0 && n < 128) ? { kind: 'INST', inst: arg } : UNKNOWN;
    case 'DENSITY':
    case 'POLYPHONY':
    case 'DURATION':
      return n >= 0 ? { kind: name, value: n } : UNKNOWN;
    case 'NOTE_ON':
    case 'NOTE_OFF':
      return n >= 0 && n < 128 ? { kind: name, value: n } : UNKNOWN;
    case 'TIME_DELTA':
      return n >= 1 && n <= STEPS_PER_BAR ? { kind: name, value: n } : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

// Vocabularies are small, so known tokens are parsed once; unknown strings are not kept
// (a model can emit only vocabulary tokens, but hand-written input can be anything).
const cache = new Map<string, ParsedToken>();

export function parseToken(token: string): ParsedToken {
  let parsed = cache.get(token);
  if (parsed === undefined) {
    parsed = parse(token);
    if (parsed.kind !== 'UNKNOWN' && cache.size < 4096) cache.set(token, parsed);
  }
  return parsed;
}
