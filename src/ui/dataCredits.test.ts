import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataCredits } from './dataCredits';

describe('dataCredits', () => {
  it('reads the shipped chorale card: JS Fakes (CC BY 4.0) and the Bach chorales, once each', () => {
    const credits = dataCredits(readFileSync('models/chorales/MODEL_CARD.md', 'utf8'));
    expect(credits).toEqual([
      { source: 'Omar Peracha, JS Fake Chorales (https://github.com/omarperacha/js-fakes)', license: 'CC BY 4.0' },
      { source: 'J. S. Bach (public domain), 16th-note grids from czhuang/JSB-Chorales-dataset (https://github.com/czhuang/JSB-Chorales-dataset)', license: 'public domain' },
    ]);
  });

  it('is empty for a card without a Data table', () => {
    expect(dataCredits('# m\n\n## Files\n| a | b |\n|---|---|\n| x | y |\n')).toEqual([]);
  });
});
