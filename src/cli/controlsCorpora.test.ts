// `cantor preprocess --corpora` with the POLYPHONY and DURATION controls on, and `cantor decode --json`
// reading them back: run as a user would (child processes), on the stand-in datasets.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GrammarState } from '../music/grammar';
import { parseTokenizerJson, vocabHash, type Tokenizer } from '../music/tokenizer';
import { vocabulary } from '../music/vocab';
import { densityOnlyModelDir } from '../model/testing/tinyModel';
import { readShard } from './shards';
import { writeFixtureDatasets } from './testing/corpusFixtures';
import { BAND_FIXTURE_LIST, writeList } from './testing/fixtureLists';

const root = mkdtempSync(join(tmpdir(), 'cantor-controls-cli-'));
const datasets = join(root, 'datasets');
const withControls = join(root, 'ctl');
const without = join(root, 'plain');

function cantor(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const tokenizerOf = (dir: string) => parseTokenizerJson(readFileSync(join(dir, 'tokenizer.json'), 'utf8'));

/** The pieces of a corpus folder's split, as token lists, in shard order. */
function pieces(dir: string, split: string, tok: Tokenizer): string[][] {
  const out: string[][] = [];
  for (const f of readdirSync(dir)
    .filter((f) => f.startsWith(`${split}_`))
    .sort()) {
    for (const id of readShard(new Uint8Array(readFileSync(join(dir, f))), vocabHash(tok.tokens)).tokens) {
      if (tok.tokens[id] === 'PIECE_START') out.push([]);
      out[out.length - 1].push(tok.tokens[id]);
    }
  }
  return out;
}

const CONTROLS_LIST = {
  ...BAND_FIXTURE_LIST,
  encoding: { ...BAND_FIXTURE_LIST.encoding, polyphony: true, duration: true },
};

beforeAll(() => {
  writeFixtureDatasets(datasets);
  expect(
    cantor('preprocess', '--corpora', writeList(datasets, 'ctl.json', CONTROLS_LIST), '-o', withControls, '--quiet')
      .code,
  ).toBe(0);
  expect(
    cantor('preprocess', '--corpora', writeList(datasets, 'plain.json', BAND_FIXTURE_LIST), '-o', without, '--quiet')
      .code,
  ).toBe(0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('preprocess with polyphony and duration on', () => {
  it('appends the control tokens to the vocabulary, every other id as without them', () => {
    const plain = tokenizerOf(without).tokens;
    const ctl = tokenizerOf(withControls).tokens;
    expect(ctl).toEqual(vocabulary([], ['POLYPHONY', 'DURATION']));
    expect(ctl.slice(0, plain.length)).toEqual(plain);
    expect(ctl.length - plain.length).toBe(10);
  });

  it('writes encoding.json polyphony and duration {enabled, edges}: four increasing edges each; off when the list leaves them out', () => {
    const enc = json(join(withControls, 'encoding.json'));
    for (const key of ['polyphony', 'duration']) {
      expect(enc[key].enabled).toBe(true);
      expect(enc[key].edges).toHaveLength(4);
      for (let i = 1; i < 4; i++) expect(enc[key].edges[i]).toBeGreaterThan(enc[key].edges[i - 1]);
    }
    expect(enc.polyphony.edges[0]).toBeGreaterThan(1); // monophonic tracks are bin 0
    expect(enc.density).toEqual(json(join(without, 'encoding.json')).density);
    const off = json(join(without, 'encoding.json'));
    expect([off.polyphony, off.duration]).toEqual([
      { enabled: false, edges: [] },
      { enabled: false, edges: [] },
    ]);
  });

  it('gives every track DENSITY, POLYPHONY, DURATION, accepted by the grammar; without them the samples are the same', () => {
    const ctl = tokenizerOf(withControls);
    const plain = tokenizerOf(without);
    for (const corpus of ['freedoom', 'groove-midi', 'pop909']) {
      const a = pieces(join(withControls, corpus), 'train', ctl);
      expect(a.length).toBeGreaterThan(0);
      for (const p of a) new GrammarState({ density: true, polyphony: true, duration: true, fill: true }).advanceAll(p);
      const stripped = a.map((p) => p.filter((t) => !/^(POLYPHONY|DURATION)=/.test(t)));
      expect(stripped).toEqual(pieces(join(without, corpus), 'train', plain));
    }
  });

  it('--encoding takes all three edge lists from a file, and names the one a file lacks', () => {
    const again = join(root, 'again');
    const list = writeList(datasets, 'pop.json', {
      ...CONTROLS_LIST,
      corpora: CONTROLS_LIST.corpora.filter((c) => c.name === 'pop909'),
    });
    expect(
      cantor('preprocess', '--corpora', list, '-o', again, '--encoding', join(withControls, 'encoding.json'), '--quiet')
        .code,
    ).toBe(0);
    const [a, b] = [json(join(withControls, 'encoding.json')), json(join(again, 'encoding.json'))];
    expect([b.density, b.polyphony, b.duration]).toEqual([a.density, a.polyphony, a.duration]);
    const r = cantor(
      'preprocess',
      '--corpora',
      list,
      '-o',
      join(root, 'none'),
      '--encoding',
      join(without, 'encoding.json'),
      '--quiet',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/has no polyphony edges/);
  });
});

describe('decode --json controls', () => {
  it('gives each track the requested bins of its header and the bins its notes realise: equal on held-out windows', () => {
    const tok = tokenizerOf(withControls);
    const lines = pieces(join(withControls, 'freedoom'), 'val', tok).map((p) => p.join(' '));
    expect(lines.length).toBeGreaterThan(0);
    const text = join(root, 'val.txt');
    writeFileSync(text, lines.join('\n') + '\n');
    const out = join(root, 'val.json');
    expect(cantor('decode', text, '--json', out, '--encoding', join(withControls, 'encoding.json')).code).toBe(0);
    const tracks = json(out).flatMap((l: { tracks: unknown[] }) => l.tracks);
    for (const t of tracks) {
      expect(Object.keys(t.controls.requested)).toEqual(['density', 'polyphony', 'duration']);
      expect(t.controls.realised).toEqual(t.controls.requested);
      for (const v of Object.values(t.controls.realised)) expect(Number.isInteger(v)).toBe(true);
    }
  });

  it('gives null where the header or the model has no such token: a model without the controls', () => {
    const text = join(root, 'old.txt');
    writeFileSync(
      text,
      'PIECE_START TRACK_START INST=0 DENSITY=3 BAR_START NOTE_ON=60 TIME_DELTA=4 NOTE_OFF=60 BAR_END TRACK_END\n',
    );
    const out = join(root, 'old.json');
    expect(cantor('decode', text, '--json', out, '--model', densityOnlyModelDir()).code).toBe(0);
    const [track] = json(out)[0].tracks;
    // One note in one bar counts as four in a 4-bar window (the band edges): its lowest density bin.
    expect(track.controls).toEqual({
      requested: { density: 3, polyphony: null, duration: null },
      realised: { density: 0, polyphony: null, duration: null },
    });
    expect(cantor('decode', text, '--json', out).code).toBe(0);
    expect(json(out)[0].tracks[0].controls.realised).toEqual({ density: null, polyphony: null, duration: null });
  });
});
