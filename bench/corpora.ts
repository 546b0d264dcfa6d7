// The seven corpora of ../shared/datasets as the benchmarks read them: the band model's corpus
// list (training/corpora/band.json) plus the Bach chorales of the chorale list, each with its own
// conventions (parts, programs, drum map, meter file, split).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const here = resolve(import.meta.dirname, '..', 'training', 'corpora');

interface ListDoc {
  root?: string;
  encoding?: Record<string, unknown>;
  corpora: Record<string, unknown>[];
}

const read = (name: string): ListDoc => JSON.parse(readFileSync(join(here, name), 'utf8'));

/**
 * Write a corpus list of all seven corpora to `file`. `plain`: every window once (hop = bars, one
 * copy, no weights, transposition or shuffling), so files/s and tokens/s measure reading and encoding.
 */
export function writeSevenCorpora(file: string, datasets: string, plain: boolean): void {
  const band = read('band.json');
  const jsb = read('chorales.json').corpora.find((c) => c.name === 'jsb')!;
  const corpora = [...band.corpora, { ...jsb, parts: ['SOPRANO', 'ALTO', 'TENOR', 'BASS'] }].map((c) => {
    if (!plain) return c;
    const rest = Object.fromEntries(
      Object.entries(c).filter(([k]) => !['hop', 'copies', 'weight', 'transpose', 'shuffleTracks', 'fill'].includes(k)),
    );
    return rest;
  });
  const encoding = {
    ...band.encoding,
    parts: ['SOPRANO', 'ALTO', 'TENOR', 'BASS'],
    ...(plain ? { hop: 4, fill: 0 } : {}),
  };
  writeFileSync(file, JSON.stringify({ root: datasets, encoding, corpora }, null, 1));
}
