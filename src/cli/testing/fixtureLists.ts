// Corpus lists over the stand-in datasets of corpusFixtures.ts: the band list's conventions with a
// small track budget (so the fixtures' nine-track songs are cut), and the chorale list's.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const BAND_FIXTURE_LIST = {
  root: '.',
  encoding: { bars: 4, hop: 2, maxTracks: 4, fill: 0.2 },
  defaults: { transpose: '-3..3', shuffleTracks: true },
  corpora: [
    { name: 'freedoom', path: 'freedoom/midi', split: [0.6, 0.2, 0.2], copies: 2, hop: 1 },
    { name: 'mma-grooves', path: 'mma-grooves/midi', pieceKey: '^.*?(?=__)', weight: 0.5 },
    {
      name: 'groove-midi',
      path: 'groove-midi/midi',
      drumMap: 'td11',
      split: { csv: 'groove-midi/info.csv' },
      include: '_beat_',
    },
    { name: 'pop909', path: 'pop909', meter: 'beat_midi.txt' },
    { name: 'nottingham', path: 'nottingham/midi', programs: [40, 25] },
    { name: 'js-fakes', path: 'js-fakes', programs: [40, 40, 41, 42] },
  ],
};

export const CHORALE_FIXTURE_LIST = {
  root: '.',
  encoding: { bars: 4, hop: 1, fill: 0.15, parts: ['SOPRANO', 'ALTO', 'TENOR', 'BASS', 'MELODY', 'BRIDGE', 'PIANO'] },
  defaults: { parts: ['SOPRANO', 'ALTO', 'TENOR', 'BASS'], copies: 2, transpose: '-5..6', shuffleTracks: true },
  corpora: [
    { name: 'js-fakes', path: 'js-fakes', split: [0.5, 0.5, 0] },
    { name: 'jsb', path: 'jsb-chorales/Jsb16thSeparated.json', split: 'jsb' },
  ],
};

/** Write a list into the datasets folder (its root is '.', the folder itself); returns its path. */
export function writeList(datasets: string, name: string, doc: unknown): string {
  const file = join(datasets, name);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}
