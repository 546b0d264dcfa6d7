// Every corpus convention, on files made in the test: the corpus options turn each file into the
// tracks its data set means, and decode(encode(x)) keeps the quantized per-track piano roll.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MeterError } from '../music/errors';
import { expectedOnsets, roundTripRecall } from '../music/onsetRecall';
import { scoreToGrid } from '../music/quantize';
import { readCorpusList } from './corpusList';
import { listSources, loadSource } from './sources';
import { writeFixtureDatasets } from './testing/corpusFixtures';
import { BAND_FIXTURE_LIST, CHORALE_FIXTURE_LIST, writeList } from './testing/fixtureLists';

const root = mkdtempSync(join(tmpdir(), 'cantor-corpora-'));
const counts = writeFixtureDatasets(root);
afterAll(() => rmSync(root, { recursive: true, force: true }));

function pieces(listDoc: unknown, name: string) {
  const list = readCorpusList(writeList(root, `${name}.json`, listDoc));
  return list.corpora.map((c, i) => ({
    name: c.name,
    files: listSources(c.path, { name: c.name, corpus: i, include: c.include, exclude: c.exclude }).map((src) => {
      try {
        const score = loadSource(src, c);
        return { rel: src.rel, score, grid: scoreToGrid(score) };
      } catch (e) {
        return { rel: src.rel, error: e as Error };
      }
    }),
  }));
}

const band = pieces(BAND_FIXTURE_LIST, 'band');
const chorales = pieces(CHORALE_FIXTURE_LIST, 'chorales');
const corpus = (name: string) => [...band, ...chorales].find((c) => c.name === name)!;
const insts = (name: string) =>
  [...new Set(corpus(name).files.flatMap((f) => f.grid?.tracks.map((t) => t.inst) ?? []))].sort();

describe('corpus conventions on made-in-test files', () => {
  it('reads every file of every corpus, refusing only the ones in other meters', () => {
    for (const c of [...band, ...chorales]) {
      const refused = c.files.filter((f) => f.error);
      for (const f of refused) expect(f.error, f.rel).toBeInstanceOf(MeterError);
      expect(refused.map((f) => f.rel.split('/').pop())).toEqual(
        { freedoom: ['d_waltz.mid'], nottingham: ['jigs1.mid'] }[c.name] ?? [],
      );
    }
    expect(corpus('groove-midi').files).toHaveLength(counts['groove-midi'] - 1); // the fill is not included
  });

  it('gives each corpus its instruments: GM programs, named parts only where the corpus names them', () => {
    expect(insts('freedoom')).toEqual(['0', '14', '29', '33', '48', '61', '80', '89', 'DRUMS']);
    expect(insts('groove-midi')).toEqual(['DRUMS']);
    expect(insts('pop909')).toEqual(['0']); // MELODY/BRIDGE/PIANO track names do not make parts
    expect(insts('nottingham')).toEqual(['25', '40']);
    expect(insts('mma-grooves')).toEqual(['0', '32', 'DRUMS']);
    expect(insts('js-fakes')).toEqual(['40', '41', '42']);
    expect(
      chorales
        .flatMap((c) => c.files.flatMap((f) => f.grid!.tracks.map((t) => t.inst)))
        .every((i) => ['SOPRANO', 'ALTO', 'TENOR', 'BASS'].includes(i)),
    ).toBe(true);
  });

  it('reduces TD-11 drum notes to General MIDI', () => {
    const pitches = new Set(
      corpus('groove-midi').files.flatMap((f) => f.grid!.tracks.flatMap((t) => t.notes.map((n) => n.pitch))),
    );
    expect([...pitches].sort()).toEqual([36, 38, 42, 43, 46]);
  });

  it("takes POP909's meter from beat_midi.txt: the one-beat pickup is not a bar, the first downbeat is bar 1", () => {
    for (const f of corpus('pop909').files) {
      expect(f.score!.timeSignatures).toEqual([
        { tick: 0, numerator: 1, denominator: 4 },
        { tick: 480, numerator: 4, denominator: 4 },
      ]);
      expect(Math.min(...f.grid!.tracks.flatMap((t) => t.notes.map((n) => n.start)))).toBe(0);
    }
  });

  it('keeps the per-track onsets of every file through decode(encode(x)), swung, off-grid and odd-PPQ ones too', () => {
    for (const c of [...band, ...chorales])
      for (const f of c.files.filter((x) => x.grid)) {
        const r = roundTripRecall(f.score!, f.grid!);
        expect(r.expected, f.rel).toBeGreaterThan(0);
        expect(r.found / r.expected, f.rel).toBe(1);
      }
  });

  it('measures recall against the score, not against the grid: a dropped track counts as missed', () => {
    const f = corpus('freedoom').files[0];
    const lost = { ...f.grid!, tracks: f.grid!.tracks.slice(1) };
    const r = roundTripRecall(f.score!, lost);
    expect(r.found).toBeLessThan(r.expected);
    expect(expectedOnsets(f.score!)).toHaveLength(f.grid!.tracks.length);
  });
});
