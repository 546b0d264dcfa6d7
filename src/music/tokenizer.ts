// tokenizer.json (Hugging Face `tokenizers` WordLevel format) and the vocab hash.
// A model's own tokenizer.json is the truth for its id <-> token mapping.
import { SPECIAL_TOKENS, UNK } from './vocab';
import { sha256Hex } from './sha256';

export class TokenizerError extends Error {
  override name = 'TokenizerError';
}

export interface Tokenizer {
  /** Tokens in id order. */
  readonly tokens: readonly string[];
  readonly ids: ReadonlyMap<string, number>;
  readonly unkId: number;
}

export function makeTokenizer(tokens: readonly string[]): Tokenizer {
  const ids = new Map<string, number>();
  tokens.forEach((t, i) => ids.set(t, i));
  if (ids.size !== tokens.length) throw new TokenizerError('vocabulary has duplicate tokens');
  return { tokens, ids, unkId: ids.get(UNK) ?? -1 };
}

/** sha256 (hex) of the tokens in id order joined by "\n": the same in TypeScript and Python. */
export function vocabHash(tokens: readonly string[]): string {
  return sha256Hex(new TextEncoder().encode(tokens.join('\n')));
}

/** Serialize to the Hugging Face tokenizers JSON layout (WordLevel, whitespace split). */
export function tokenizerJson(tokens: readonly string[]): string {
  const vocab: Record<string, number> = {};
  tokens.forEach((t, i) => (vocab[t] = i));
  const added = tokens
    .map((content, id) => ({ id, content }))
    .filter((t) => SPECIAL_TOKENS.includes(t.content))
    .map((t) => ({ ...t, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }));
  const doc = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: null,
    pre_tokenizer: { type: 'WhitespaceSplit' },
    post_processor: null,
    decoder: null,
    model: { type: 'WordLevel', vocab, unk_token: UNK },
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** Parse a tokenizer.json; throws TokenizerError with a reason when it is not a WordLevel tokenizer. */
export function parseTokenizerJson(text: string): Tokenizer {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new TokenizerError('tokenizer.json is not valid JSON');
  }
  const model = (doc as { model?: { type?: string; vocab?: Record<string, number> } })?.model;
  if (!model || model.type !== 'WordLevel' || typeof model.vocab !== 'object' || model.vocab === null)
    throw new TokenizerError('tokenizer.json is not a WordLevel tokenizer');
  const entries = Object.entries(model.vocab);
  const tokens: string[] = new Array(entries.length);
  for (const [token, id] of entries) {
    if (!Number.isInteger(id) || id < 0 || id >= entries.length || tokens[id] !== undefined)
      throw new TokenizerError(`tokenizer.json has a bad id ${id} for token ${token}`);
    tokens[id] = token;
  }
  return makeTokenizer(tokens);
}
