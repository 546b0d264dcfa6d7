import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dataCredits } from './dataCredits';

describe('dataCredits', () => {
  it('reads the shipped chorale card: JS Fakes (CC BY 4.0) and the Bach chorales, once each', () => {
    const credits = dataCredits(readFileSync('models/chorales/MODEL_CARD.md', 'utf8'));
    expect(credits).toEqual([
      { source: 'Omar Peracha, JS Fake Chorales (https://github.com/omarperacha/js-fakes)', license: 'CC BY 4.0' },
      {
        source:
          'J. S. Bach (public domain), 16th-note grids from czhuang/JSB-Chorales-dataset (https://github.com/czhuang/JSB-Chorales-dataset)',
        license: 'public domain',
      },
    ]);
  });

  it("reads the band card's licence table (corpus | licence | credit)", () => {
    const card =
      '# band\n\n## Data\n| corpus | weight |\n|---|---|\n| pop909 | 1 |\n\n## Licence and credits\nText.\n\n' +
      '| corpus | licence | credit |\n|---|---|---|\n| pop909 | MIT | POP909 by Ziyu Wang et al. |\n' +
      '| groove-midi | CC BY 4.0 | [Groove MIDI Dataset](https://magenta.tensorflow.org/datasets/groove) |\n';
    expect(dataCredits(card)).toEqual([
      { source: 'POP909 by Ziyu Wang et al.', license: 'MIT' },
      { source: 'Groove MIDI Dataset (https://magenta.tensorflow.org/datasets/groove)', license: 'CC BY 4.0' },
    ]);
  });

  it('is empty for a card without a Data table', () => {
    expect(dataCredits('# m\n\n## Files\n| a | b |\n|---|---|\n| x | y |\n')).toEqual([]);
  });
});
