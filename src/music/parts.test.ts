import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isPartName, V1_PARTS } from './parts';
import { parseToken } from './tokenKind';
import { parseTokenizerJson, vocabHash } from './tokenizer';
import { defaultVocabulary, vocabulary, vocabularyParts } from './vocab';

describe('part names belong to the encoding', () => {
  it('vocabulary version 1 is exactly the shipped chorales model tokenizer', () => {
    const shipped = parseTokenizerJson(
      readFileSync(new URL('../../models/chorales/tokenizer.json', import.meta.url), 'utf8'),
    );
    expect(vocabHash(defaultVocabulary())).toBe(vocabHash(shipped.tokens));
    expect(vocabularyParts(shipped.tokens)).toEqual([...V1_PARTS]);
  });

  it('a GM-only encoding has programs and DRUMS and no part tokens; other parts get their own vocabulary', () => {
    const gm = vocabulary();
    expect(gm.filter((t) => t.startsWith('INST='))).toHaveLength(129);
    expect(vocabularyParts(gm)).toEqual([]);
    expect(vocabularyParts(vocabulary(['LEAD', 'PAD']))).toEqual(['LEAD', 'PAD']);
  });

  it('any upper-case word can name a part; DRUMS, numbers and lower case cannot', () => {
    expect(['SOPRANO', 'LEAD_2', 'MELODY'].every(isPartName)).toBe(true);
    expect(['DRUMS', '12', 'piano', '', 'A B'].some(isPartName)).toBe(false);
    expect(parseToken('INST=LEAD')).toEqual({ kind: 'INST', inst: 'LEAD' });
    expect(parseToken('INST=lead')).toEqual({ kind: 'UNKNOWN' });
  });
});
