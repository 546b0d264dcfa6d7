// Random token sequences drawn under the grammar's mask, for tests.
import { GrammarState, type GrammarOptions } from '../grammar';
import type { Tokenizer } from '../tokenizer';
import { mulberry32 } from '../rng';

/** Token family, so a walk picks a kind of event first (otherwise 128 NOTE_ONs drown the rest). */
const family = (token: string) => token.split('=')[0];

export interface Walk {
  tokens: string[];
  /** The grammar state before each token (`states[i]` accepted `tokens[i]`), for checking masks step by step. */
  states: GrammarState[];
}

/** Walk from `prefix` until the grammar says complete; throws when the mask is empty before that (a dead end). */
export function randomWalk(
  tok: Tokenizer,
  options: GrammarOptions,
  seed: number,
  prefix: string[] = [],
  maxTokens = 20_000,
): Walk {
  const random = mulberry32(seed);
  const g = new GrammarState(options).advanceAll(prefix);
  const tokens = [...prefix];
  const states: GrammarState[] = [];
  while (!g.isComplete()) {
    const allowed = g.allowedTokens(tok);
    if (allowed.length === 0) throw new Error(`dead end after ${tokens.length} tokens: ${tokens.slice(-12).join(' ')}`);
    if (tokens.length > maxTokens) throw new Error(`walk did not finish in ${maxTokens} tokens`);
    const families = [...new Set(allowed.map(family))];
    const pick = families[Math.floor(random() * families.length)];
    const choices = allowed.filter((t) => family(t) === pick);
    const token = choices[Math.floor(random() * choices.length)];
    states.push(g.clone());
    g.advance(token);
    tokens.push(token);
  }
  return { tokens, states };
}
