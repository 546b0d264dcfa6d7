// What each token id of a vocabulary means, and the id of each meaning: built once per tokenizer and
// shared by the grammar's masks and the decode loop's guards.
import { parseToken, type ParsedToken } from './tokenKind';
import type { Tokenizer } from './tokenizer';
import { STEPS_PER_BAR } from './vocab';

/** Token ids of one tokenizer, by meaning (-1 where the vocabulary lacks the token), and each id's meaning. */
export interface TokenTable {
  size: number;
  parsed: ParsedToken[];
  structure: Record<string, number>;
  inst: Map<string, number>;
  density: number[];
  polyphony: number[];
  duration: number[];
  noteOn: Int32Array;
  noteOff: Int32Array;
  delta: Int32Array;
}

const tables = new WeakMap<Tokenizer, TokenTable>();

export function tokenTable(tok: Tokenizer): TokenTable {
  let table = tables.get(tok);
  if (table) return table;
  table = {
    size: tok.tokens.length,
    parsed: tok.tokens.map(parseToken),
    structure: {},
    inst: new Map(),
    density: [],
    polyphony: [],
    duration: [],
    noteOn: new Int32Array(128).fill(-1),
    noteOff: new Int32Array(128).fill(-1),
    delta: new Int32Array(STEPS_PER_BAR + 1).fill(-1),
  };
  for (let id = 0; id < table.size; id++) {
    const p = table.parsed[id];
    if (p.kind === 'INST') table.inst.set(p.inst, id);
    else if (p.kind === 'DENSITY') table.density[p.value] = id;
    else if (p.kind === 'POLYPHONY') table.polyphony[p.value] = id;
    else if (p.kind === 'DURATION') table.duration[p.value] = id;
    else if (p.kind === 'NOTE_ON') table.noteOn[p.value] = id;
    else if (p.kind === 'NOTE_OFF') table.noteOff[p.value] = id;
    else if (p.kind === 'TIME_DELTA') table.delta[p.value] = id;
    else if (p.kind !== 'PAD' && p.kind !== 'UNKNOWN') table.structure[p.kind] = id;
  }
  tables.set(tok, table);
  return table;
}
