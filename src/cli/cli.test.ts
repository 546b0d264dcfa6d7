import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMidi } from '../music/midiReader';
import { smf } from '../music/testing/smf';
import { makeTokenizer, parseTokenizerJson, tokenizerJson, vocabHash } from '../music/tokenizer';
import { defaultVocabulary, vocabulary } from '../music/vocab';
import { controlsModelDir, densityOnlyModelDir } from '../model/testing/tinyModel';
import { readShard } from './shards';

const root = mkdtempSync(join(tmpdir(), 'cantor-cli-'));
const input = join(root, 'midi');

function cantor(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir)) if (!f.startsWith('parts')) out[f] = readFileSync(join(dir, f)).toString('base64');
  return out;
}

beforeAll(() => {
  // 70 four-voice pieces (more than one 64-file chunk), one 3/4-only file and one corrupt file.
  mkdirSync(join(input, 'sub'), { recursive: true });
  for (let i = 0; i < 70; i++) {
    const voices = [72, 65, 58, 48].map((base, v) => ({
      // 4 to 32 notes a voice in 4 bars, so the density edges depend on which pieces are counted.
      notes: Array.from({ length: 4 + (i % 29) }, (_, k) => ({
        pitch: base + ((k * (v + 1) + i) % 7),
        start: Math.floor((k * 7680) / (4 + (i % 29))),
        duration: Math.floor(7680 / (4 + (i % 29))),
      })),
    }));
    writeFileSync(
      join(input, i % 2 ? 'sub' : '', `piece${i}.mid`),
      smf([{ tempos: [{ tick: 0, bpm: 100 }] }, ...voices]),
    );
  }
  writeFileSync(
    join(input, 'waltz.mid'),
    smf([
      { timeSignatures: [{ tick: 0, numerator: 3, denominator: 4 }] },
      { notes: [{ pitch: 60, start: 0, duration: 480 }] },
    ]),
  );
  writeFileSync(join(input, 'broken.mid'), Buffer.from('MThd garbage'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('cantor preprocess', () => {
  const common = [
    '--parts',
    'SOPRANO,ALTO,TENOR,BASS',
    '--bars',
    '4',
    '--hop',
    '2',
    '--transpose',
    '-3..3',
    '--shuffle-tracks',
    '--fill',
    '0.2',
    '--split',
    '0.8,0.1,0.1',
    '--quiet',
  ];

  it('writes valid shards, tokenizer.json, encoding.json and a report with reasons', () => {
    const out = join(root, 'a');
    expect(cantor('preprocess', input, '-o', out, ...common).code).toBe(0);
    const tok = parseTokenizerJson(readFileSync(join(out, 'tokenizer.json'), 'utf8'));
    const hash = vocabHash(tok.tokens);
    expect(hash).toBe(vocabHash(defaultVocabulary()));
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.files).toBe(72);
    expect(report.encoded).toBe(70);
    const reasons = report.entries
      .filter((e: { status: string }) => e.status === 'skipped')
      .map((e: { reason: string }) => e.reason);
    expect(reasons.join('\n')).toMatch(/3\/4/);
    expect(reasons.join('\n')).toMatch(/corrupt MIDI file: the header is cut short/);
    let total = 0;
    for (const split of ['train', 'val', 'test']) {
      const shard = readShard(new Uint8Array(readFileSync(join(out, `${split}_000.bin`))), hash);
      expect(shard.tokens[0]).toBe(tok.ids.get('PIECE_START'));
      expect(Math.max(...shard.tokens)).toBeLessThan(tok.tokens.length);
      total += shard.tokenCount;
    }
    expect(total).toBe(report.tokens.train + report.tokens.val + report.tokens.test);
    const encoding = JSON.parse(readFileSync(join(out, 'encoding.json'), 'utf8'));
    expect(encoding.density.edges).toHaveLength(9);
    expect(encoding.instruments).toEqual(['INST=SOPRANO', 'INST=ALTO', 'INST=TENOR', 'INST=BASS']);
  });

  it('splits by piece: no file lands in two splits, and the split of a file never changes', () => {
    const report = JSON.parse(readFileSync(join(root, 'a', 'report.json'), 'utf8'));
    const splits = new Map<string, string>(
      report.entries
        .filter((e: { split?: string }) => e.split)
        .map((e: { path: string; split: string }) => [e.path, e.split]),
    );
    expect(new Set(splits.values()).size).toBe(3);
    expect(splits.size).toBe(70);
  });

  it('gives byte-identical output for the same input, whatever the worker count, and resumes', () => {
    const b = join(root, 'b');
    expect(cantor('preprocess', input, '-o', b, ...common, '--workers', '1').code).toBe(0);
    expect(files(b)).toEqual(files(join(root, 'a')));
    // Resume: a crashed run left one chunk unfinished and no shards.
    unlinkSync(join(b, 'parts', '000001.done'));
    for (const f of readdirSync(b)) if (f.endsWith('.bin')) unlinkSync(join(b, f));
    expect(cantor('preprocess', input, '-o', b, ...common).code).toBe(0);
    expect(files(b)).toEqual(files(join(root, 'a')));
    // Other options into the same folder are refused rather than mixed.
    const r = cantor('preprocess', input, '-o', b, '--bars', '8', '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/other options/);
  });

  it('--shard i/N takes disjoint parts that cover the corpus', () => {
    const entries = [0, 1].flatMap((i) => {
      const out = join(root, `s${i}`);
      const r = cantor('preprocess', input, '-o', out, '--shard', `${i}/2`, '--no-density', '--quiet');
      expect(r.code).toBe(0);
      expect(r.stderr).toBe(''); // --no-density is a switch: it must not swallow --quiet
      expect(JSON.parse(readFileSync(join(out, 'encoding.json'), 'utf8')).density).toEqual({
        enabled: false,
        edges: [],
      });
      expect(readdirSync(out).some((f) => f.startsWith(`${i}of2_train_`))).toBe(true);
      return JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).entries.map((e: { path: string }) => e.path);
    });
    expect(entries).toHaveLength(72);
    expect(new Set(entries).size).toBe(72);
  });

  it('gives every shard of a sharded run the same density edges, from the whole corpus', () => {
    const edges = (dir: string) => JSON.parse(readFileSync(join(dir, 'encoding.json'), 'utf8')).density.edges;
    const whole = join(root, 'whole');
    expect(cantor('preprocess', input, '-o', whole, '--split', '0.8,0.1,0.1', '--quiet').code).toBe(0);
    for (const i of [0, 1]) {
      const out = join(root, `d${i}`);
      expect(
        cantor('preprocess', input, '-o', out, '--split', '0.8,0.1,0.1', '--shard', `${i}/2`, '--quiet').code,
      ).toBe(0);
      expect(edges(out)).toEqual(edges(whole));
    }
  });

  it('fails with one line and exit code 2 on bad arguments', () => {
    for (const args of [
      ['preprocess', join(root, 'nope'), '-o', join(root, 'x')],
      ['preprocess', input],
      ['preprocess', input, '-o', join(root, 'y'), '--split', '0.5,0.1'],
      ['frobnicate'],
    ]) {
      const r = cantor(...args);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\bat \S+:\d+/);
    }
  });
});

describe('cantor encode', () => {
  it('prints the whole piece on one line, or one window a line with --bars', () => {
    const file = join(input, 'piece0.mid');
    const whole = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'encode', file, '--no-density'],
      { encoding: 'utf8' },
    );
    expect(whole.trim().split('\n')).toHaveLength(1);
    expect(whole.startsWith('PIECE_START TRACK_START INST=0 BAR_START NOTE_ON=')).toBe(true);
    const tok = makeTokenizer(defaultVocabulary());
    for (const t of whole.trim().split(' ')) expect(tok.ids.has(t)).toBe(true);
    const windows = cantor(
      'encode',
      file,
      '--bars',
      '2',
      '--hop',
      '1',
      '--parts',
      'SOPRANO,ALTO,TENOR,BASS',
      '--no-density',
    );
    expect(windows.stdout.trim().split('\n')).toHaveLength(3);
    expect(windows.stdout).toMatch(/INST=SOPRANO/);
    const bad = cantor('encode', join(input, 'waltz.mid'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no 4\/4 section: the file is in 3\/4/);
  });
});

describe('cantor encode --model', () => {
  it('encodes as the chorales model was trained: SATB in file order, its bars, hop and density edges', () => {
    const r = cantor('encode', '--model', 'models/chorales', join(input, 'piece0.mid'));
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1); // a 4-bar piece, 4-bar windows
    expect(lines[0]).toMatch(/^PIECE_START TRACK_START INST=SOPRANO DENSITY=\d BAR_START/);
    expect(lines[0].match(/INST=\w+/g)).toEqual(['INST=SOPRANO', 'INST=ALTO', 'INST=TENOR', 'INST=BASS']);
    expect(r.stderr).toMatch(/1 windows of 4 bars; tracks in file order as SOPRANO, ALTO, TENOR, BASS/);
  });

  it('encodes for a GM model with its track budget, and names every program it had to replace', () => {
    const dir = join(root, 'gm-model');
    mkdirSync(dir, { recursive: true });
    const tokens = vocabulary();
    writeFileSync(join(dir, 'tokenizer.json'), tokenizerJson(tokens));
    const instruments = ['INST=DRUMS', 'INST=33', 'INST=29', 'INST=0'];
    const encoding = {
      format: 'mmmtrack',
      version: 1,
      bars: 2,
      hop: 2,
      stepsPerBar: 16,
      density: { enabled: true, edges: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
      parts: [],
      instruments,
      maxTracks: 2,
      fill: false,
    };
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({
        name: 'gm',
        n_layer: 1,
        n_head: 1,
        n_embd: 8,
        n_ctx: 64,
        vocab_size: tokens.length,
        vocab_hash: vocabHash(tokens),
        files: { 'model.onnx': { sha256: '0', bytes: 1, dtype: 'fp32', backends: ['wasm'] } },
        instruments,
        encoding,
      }),
    );
    const song = join(root, 'song.mid');
    const bar = (pitch: number, k: number) =>
      Array.from({ length: 16 }, (_, i) => ({ pitch: pitch + (i % k), start: i * 240, duration: 240 }));
    writeFileSync(
      song,
      smf([
        {},
        { name: 'Dist', program: 30, notes: bar(52, 3) },
        { name: 'Synth bass', channel: 1, program: 38, notes: bar(36, 1) },
        { name: 'Flute', channel: 2, program: 73, notes: bar(79, 1) },
        { name: 'Kit', channel: 9, notes: bar(36, 2) },
      ]),
    );
    const r = cantor('encode', '--model', dir, song);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /Dist → Overdriven Guitar \(the model does not know Distortion Guitar; nearest guitar it knows\)/,
    );
    expect(r.stderr).toMatch(
      /Synth bass → Electric Bass \(finger\) \(the model does not know Synth Bass 1; nearest bass it knows\)/,
    );
    expect(r.stderr).toMatch(/Flute \(Flute: the model knows no pipe instrument\)/);
    expect(r.stderr).toMatch(/1 windows over the 2-track budget/);
    const [line] = r.stdout.trim().split('\n');
    expect(line.match(/INST=\w+ DENSITY=\d/g)).toEqual(['INST=33 DENSITY=9', 'INST=DRUMS DENSITY=9']);
    for (const t of line.split(' ')) expect(tokens).toContain(t);
  });
});

describe('cantor encode --model --bars', () => {
  it("accepts --bars when it is the model's window, and says why another cannot be used", () => {
    const piece = join(input, 'piece0.mid');
    const plain = cantor('encode', '--model', 'models/chorales', piece);
    const same = cantor('encode', '--model', 'models/chorales', '--bars', '4', '--hop', '4', piece);
    expect(same.code).toBe(0);
    expect(same.stdout).toBe(plain.stdout);
    const other = cantor('encode', '--model', 'models/chorales', '--bars', '8', piece);
    expect(other.code).toBe(2);
    expect(other.stdout).toBe('');
    expect(other.stderr.trim()).toMatch(
      /^cantor: --bars 8: models\/chorales was trained on 4-bar windows \(config\.json encoding\.bars\).*leave --bars out or give 4/,
    );
  });
});

describe('cantor generate without --tracks', () => {
  it("composes the model's default line-up (the app's rock band for a GM model) and says which", () => {
    const out = join(root, 'default-band.mid');
    const r = cantor('generate', '--model', 'models/band', '--bars', '4', '--variant', 'model_int8.onnx', '-o', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /composing the default line-up, Rock band: drums, bass, guitar, keys, lead \(DRUMS, 33, 29, 4, 80\); choose others with --tracks/,
    );
    const song = readMidi(readFileSync(out));
    expect(song.tracks.filter((t) => t.notes.length > 0).map((t) => (t.isDrum ? 'DRUMS' : String(t.program)))).toEqual([
      'DRUMS',
      '33',
      '29',
      '4',
      '80',
    ]);
  });
});

describe('cantor generate --tracks', () => {
  it('forces the asked DENSITY, POLYPHONY and DURATION of each track on a model with the controls', () => {
    const r = cantor(
      'generate',
      '--model',
      controlsModelDir(),
      '--bars',
      '2',
      '--tracks',
      'DRUMS:density=5,33:poly=1:dur=2',
      '--tokens',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^PIECE_START TRACK_START INST=DRUMS DENSITY=5 POLYPHONY=\d DURATION=\d BAR_START /);
    expect(r.stdout).toMatch(/ TRACK_START INST=33 DENSITY=\d POLYPHONY=1 DURATION=2 BAR_START /);
    const refused = cantor('generate', '--model', densityOnlyModelDir(), '--tracks', 'DRUMS,33:poly=1', '--tokens');
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe(
      'cantor: --tracks: track 2 ("33:poly=1"): the model random-tiny has no POLYPHONY control (its track headers have DENSITY only)',
    );
  });
});

describe('cantor decode', () => {
  it('turns token text into MIDI that encodes back to the same tokens, and JSON notes', () => {
    const tokens = cantor(
      'encode',
      join(input, 'piece4.mid'),
      '--parts',
      'SOPRANO,ALTO,TENOR,BASS',
      '--no-density',
    ).stdout;
    const file = join(root, 'piece3.txt');
    writeFileSync(file, tokens);
    const r = cantor('decode', file, '-o', join(root, 'piece3.mid'), '--json', join(root, 'piece3.json'), '--strict');
    expect(r.code).toBe(0);
    // Track names never make parts: the written tracks are choir (GM 52) until --parts names them again.
    expect(cantor('encode', join(root, 'piece3.mid'), '--no-density').stdout).toBe(
      tokens.replace(/INST=(SOPRANO|ALTO|TENOR|BASS)/g, 'INST=52'),
    );
    expect(
      cantor('encode', join(root, 'piece3.mid'), '--parts', 'SOPRANO,ALTO,TENOR,BASS', '--no-density').stdout,
    ).toBe(tokens);
    const [piece] = JSON.parse(readFileSync(join(root, 'piece3.json'), 'utf8'));
    expect(piece.strictError).toBeNull();
    expect(piece.tracks.map((t: { inst: string }) => t.inst)).toEqual(['SOPRANO', 'ALTO', 'TENOR', 'BASS']);
  });
  it('--strict names the line and token that fail', () => {
    const file = join(root, 'bad.txt');
    writeFileSync(file, 'PIECE_START TRACK_START INST=0 BAR_START NOTE_OFF=60 BAR_END TRACK_END\n');
    const r = cantor('decode', file, '-o', join(root, 'bad.mid'), '--strict');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 1: token 4/);
  });
});
