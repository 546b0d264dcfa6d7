// `cantor preprocess --corpora`: several corpora into one dataset, run as a user would (a child process).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTokens } from '../music/decode';
import { parseTokenizerJson, vocabHash, type Tokenizer } from '../music/tokenizer';
import { defaultVocabulary } from '../music/vocab';
import { readShard } from './shards';
import { writeFixtureDatasets } from './testing/corpusFixtures';
import { BAND_FIXTURE_LIST, CHORALE_FIXTURE_LIST, writeList } from './testing/fixtureLists';

const root = mkdtempSync(join(tmpdir(), 'cantor-corpora-cli-'));
const datasets = join(root, 'datasets');
let band = '';
let chorales = '';

function cantor(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/** The pieces of every shard of a split in a folder, as token text, sorted. */
function pieces(dir: string, split: string, tok: Tokenizer): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith('.bin') && f.includes(`${split}_`))
    .sort()) {
    const { tokens } = readShard(new Uint8Array(readFileSync(join(dir, f))), vocabHash(tok.tokens));
    let piece: string[] = [];
    for (const id of tokens) {
      if (tok.tokens[id] === 'PIECE_START' && piece.length) {
        out.push(piece.join(' '));
        piece = [];
      }
      piece.push(tok.tokens[id]);
    }
    if (piece.length) out.push(piece.join(' '));
  }
  return out.sort();
}

beforeAll(() => {
  writeFixtureDatasets(datasets);
  band = writeList(datasets, 'band.json', BAND_FIXTURE_LIST);
  chorales = writeList(datasets, 'chorales.json', CHORALE_FIXTURE_LIST);
  expect(cantor('preprocess', '--corpora', band, '-o', join(root, 'band'), '--quiet').code).toBe(0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('preprocess --corpora', () => {
  it('writes one folder per corpus, each a dataset by itself, with one vocabulary and one set of density edges', () => {
    const out = join(root, 'band');
    const tokenizer = readFileSync(join(out, 'tokenizer.json'), 'utf8');
    const encoding = readFileSync(join(out, 'encoding.json'), 'utf8');
    for (const c of BAND_FIXTURE_LIST.corpora) {
      expect(readFileSync(join(out, c.name, 'tokenizer.json'), 'utf8')).toBe(tokenizer);
      expect(readFileSync(join(out, c.name, 'encoding.json'), 'utf8')).toBe(encoding);
      expect(readdirSync(join(out, c.name)).some((f) => /^train_\d{3}\.bin$/.test(f))).toBe(true);
    }
    const tok = parseTokenizerJson(tokenizer);
    expect(tok.tokens.filter((t) => t.startsWith('INST='))).toHaveLength(129); // GM programs and DRUMS, no parts
    const enc = JSON.parse(encoding);
    expect(enc.density.edges).toHaveLength(9);
    expect(enc.maxTracks).toBe(4);
    expect(enc.parts).toEqual([]);
    expect(enc.instruments).toContain('INST=DRUMS');
    expect(enc.instruments).toContain('INST=40');
  });

  it('reports per corpus: files, windows, tokens, skipped files by reason, and what the track budget left out', () => {
    const r = json(join(root, 'band', 'report.json'));
    expect(r.corpora.freedoom).toMatchObject({ files: 10, encoded: 9, skippedBy: { 'no-4-4': 1 } });
    expect(r.corpora.nottingham).toMatchObject({ files: 5, encoded: 4, skippedBy: { 'no-4-4': 1 } });
    expect(r.corpora['groove-midi'].files).toBe(6);
    expect(r.corpora.freedoom.trackBudget.windowsOverBudget).toBeGreaterThan(0);
    expect(r.corpora.freedoom.trackBudget.dropped['INST=DRUMS']).toBeUndefined();
    expect(r.corpora.pop909.trackBudget.tracksDropped).toBe(0);
    const cut = r.entries.find((e: { path: string }) => e.path === 'freedoom/d_map01.mid');
    // Kept: drums, bass, lead, and the guitar (as busy as the piano, and earlier in the file).
    expect(Object.keys(cut.budget.dropped).sort()).toEqual(['INST=0', 'INST=14', 'INST=48', 'INST=61', 'INST=89']);
    // Held out splits are plain: one sample a window; training windows get copies (freedoom) or a weight (mma).
    const f = r.corpora.freedoom;
    expect(f.samples.val).toBe(f.windows.val);
    expect(f.samples.train).toBe(2 * f.windows.train);
    expect(r.corpora['mma-grooves'].samples.train).toBeLessThan(r.corpora['mma-grooves'].windows.train);
    expect(Object.values(r.tokens).reduce((a: number, b) => a + (b as number), 0)).toBeGreaterThan(0);
  });

  it('keeps every window within the track budget, drums and bass first; GM drums only from the TD-11 corpus', () => {
    const tok = parseTokenizerJson(readFileSync(join(root, 'band', 'tokenizer.json'), 'utf8'));
    for (const p of pieces(join(root, 'band', 'freedoom'), 'train', tok)) {
      const piece = decodeTokens(p.split(' '), { strict: true }).piece;
      expect(piece.tracks.length).toBeLessThanOrEqual(4);
      expect(piece.tracks.map((t) => t.inst)).toEqual(expect.arrayContaining(['DRUMS', '33']));
    }
    const drums = pieces(join(root, 'band', 'groove-midi'), 'train', tok).join(' ');
    expect(drums).not.toMatch(/NOTE_ON=(22|26|58)\b/);
    const folk = pieces(join(root, 'band', 'nottingham'), 'train', tok).join(' ');
    expect(folk).toMatch(/INST=40 /);
    expect(folk).toMatch(/INST=25 /);
    expect(folk).not.toMatch(/INST=0 /);
  });

  it("splits by piece: Groove's official split, an MMA style in one split, and JSB's own split", () => {
    const r = json(join(root, 'band', 'report.json'));
    const split = (path: string) => r.entries.find((e: { path: string }) => e.path === path)?.split;
    expect([1, 2, 3, 4, 5, 6].map((i) => split(`groove-midi/drummer1/session1/${i}_rock_120_beat_4-4.mid`))).toEqual([
      'train',
      'train',
      'train',
      'train',
      'val',
      'test',
    ]);
    expect(split('mma-grooves/swing__Swing.mid')).toBe(split('mma-grooves/swing__SwingPlus.mid'));
    expect(cantor('preprocess', '--corpora', chorales, '-o', join(root, 'chorales'), '--quiet').code).toBe(0);
    const c = json(join(root, 'chorales', 'report.json'));
    expect(c.corpora.jsb.pieces).toEqual({ train: 2, val: 1, test: 1 });
    // encoding.parts kept vocabulary version 1: the shipped chorales model's tokenizer.
    expect(vocabHash(parseTokenizerJson(readFileSync(join(root, 'chorales', 'tokenizer.json'), 'utf8')).tokens)).toBe(
      vocabHash(defaultVocabulary()),
    );
    // ...but the encoding's parts and instruments are the ones the data has.
    const enc = json(join(root, 'chorales', 'encoding.json'));
    expect(enc.parts).toEqual(['SOPRANO', 'ALTO', 'TENOR', 'BASS']);
    expect(enc.instruments).toEqual(['INST=SOPRANO', 'INST=ALTO', 'INST=TENOR', 'INST=BASS']);
  });

  it('--shard i/N under a scheduler: the shards agree on tokenizer.json and encoding.json, and together hold the unsharded pieces', () => {
    const whole = join(root, 'band');
    const tok = parseTokenizerJson(readFileSync(join(whole, 'tokenizer.json'), 'utf8'));
    // The scale-out script as a Kubernetes Indexed Job (shards 0, 1) and a Slurm job array (shard 2) run it.
    const envs = [
      { JOB_COMPLETION_INDEX: '0', SHARD_COUNT: '3' },
      { JOB_COMPLETION_INDEX: '1', SHARD_COUNT: '3' },
      { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '3' },
    ];
    for (const env of envs) {
      const r = spawnSync('training/scale-out/preprocess-shard.sh', [band, datasets, join(root, 'scaled')], {
        encoding: 'utf8',
        env: { ...process.env, ...env },
      });
      expect(r.status, r.stderr).toBe(0);
    }
    const shards = [0, 1, 2].map((i) => join(root, 'scaled', `shard-${i}`));
    for (const out of shards) {
      expect(readFileSync(join(out, 'tokenizer.json'), 'utf8')).toBe(
        readFileSync(join(whole, 'tokenizer.json'), 'utf8'),
      );
      expect(readFileSync(join(out, 'encoding.json'), 'utf8')).toBe(readFileSync(join(whole, 'encoding.json'), 'utf8'));
    }
    for (const c of BAND_FIXTURE_LIST.corpora)
      for (const split of ['train', 'val', 'test']) {
        const union = shards.flatMap((out) => pieces(join(out, c.name), split, tok)).sort();
        expect(union, `${c.name} ${split}`).toEqual(pieces(join(whole, c.name), split, tok));
      }
  });

  it('refuses a bad corpus list with one line that names the corpus and key', () => {
    const bad = (doc: unknown) =>
      cantor('preprocess', '--corpora', writeList(datasets, 'bad.json', doc), '-o', join(root, 'bad'));
    const one = { name: 'x', path: 'freedoom/midi' };
    for (const [doc, message] of [
      [{ corpora: [{ ...one, drumMap: 'tr808' }] }, /corpus "x".drumMap: unknown drum map "tr808"/],
      [{ corpora: [{ ...one, splt: [1, 0, 0] }] }, /corpus "x": unknown key "splt"/],
      [{ corpora: [{ ...one, split: [0.5, 0.5] }] }, /corpus "x".split: takes three fractions/],
      [{ corpora: [{ ...one, path: 'nope' }] }, /corpus "x".path: no such file or folder/],
      [
        { encoding: { parts: ['SOPRANO'] }, corpora: [{ ...one, parts: ['MELODY'] }] },
        /encoding.parts: a corpus uses the part MELODY/,
      ],
      [{ corpora: [one, one] }, /corpus "x" is listed twice/],
    ] as const) {
      const r = bad(doc);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
  });
});
