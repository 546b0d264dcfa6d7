// `cantor preprocess`: MIDI folders (or JSB splits) -> uint16 token shards + tokenizer.json,
// encoding.json and report.json. Two forms: one folder with flags, or a corpus list
// (`--corpora corpora.json`) of several corpora, each with its own options, into one dataset.
import { basename } from 'node:path';
import { availableParallelism } from 'node:os';
import { CONTROL_KINDS, type ControlKind } from '../music/controls';
import { V1_PARTS } from '../music/parts';
import { vocabulary } from '../music/vocab';
import { CliError, int, num, parseArgs, rejectUnknown, str } from './args';
import { readCorpusList, splitFractions, transposeRange, type Corpus, type EncodingOptions } from './corpusList';
import { parseParts } from './inputs';
import { runPlan, type Plan } from './preprocessRun';

const FOLDER_FLAGS = [
  'bars',
  'hop',
  'transpose',
  'copies',
  'shuffle-tracks',
  'fill',
  'parts',
  'split',
  'jsb-split',
  'max-tracks',
];
const COMMON_FLAGS = ['o', 'workers', 'shard', 'encoding', 'no-density', 'quiet'];

/** `--shard i/N` -> [i, N]. */
export function parseShard(text: string): [number, number] {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m || Number(m[1]) >= Number(m[2])) throw new CliError(`--shard takes i/N with i < N, got "${text}"`);
  return [Number(m[1]), Number(m[2])];
}

/** The control tokens an encoding turns on (they extend the vocabulary at its end). */
export function controlsOf(e: Pick<EncodingOptions, 'polyphony' | 'duration'>): ControlKind[] {
  return CONTROL_KINDS.filter((k) => (k === 'POLYPHONY' ? e.polyphony : e.duration));
}

/** The single-folder form: one corpus named '' whose options are the flags. */
function folderPlan(input: string, args: ReturnType<typeof parseArgs>): Plan {
  const bars = int(args, 'bars', 4, 1, 64);
  const parts = args.flags.has('parts') ? parseParts(str(args, 'parts')!) : undefined;
  const isJsb = input.endsWith('.json');
  const jsbSplit = str(args, 'jsb-split');
  if (isJsb && jsbSplit !== 'train' && jsbSplit !== 'valid' && jsbSplit !== 'test')
    throw new CliError('a JSB .json input needs --jsb-split train|valid|test');
  const corpus: Corpus = {
    name: '',
    path: input,
    // The JSB JSON's columns are the SATB voices; a folder's tracks are GM unless --parts names them.
    conventions: { parts: parts ?? (isJsb ? V1_PARTS.slice(0, 4) : undefined) },
    // Folders with a POP909 beat_midi.txt take their meter from it, as they always have in this form.
    meterFile: 'beat_midi.txt',
    augment: {
      hop: int(args, 'hop', bars, 1, 64),
      transpose: transposeRange(str(args, 'transpose', '0..0')!, '--transpose'),
      copies: int(args, 'copies', 1, 1, 64),
      weight: 1,
      shuffleTracks: args.flags.get('shuffle-tracks') === true,
      fill: num(args, 'fill', 0),
    },
    split: {
      kind: 'fractions',
      fractions: splitFractions(str(args, 'split', '0.9,0.05,0.05')!.split(',').map(Number), '--split'),
    },
  };
  const used = corpus.conventions.parts ?? [];
  // Part names of vocabulary version 1 keep its vocabulary (the shipped chorales model's); others get their own.
  const vocabParts = used.every((p) => V1_PARTS.includes(p)) ? [...V1_PARTS] : [...used];
  const encoding: EncodingOptions = {
    bars,
    hop: corpus.augment.hop,
    maxTracks: args.flags.has('max-tracks') ? int(args, 'max-tracks', 0, 1, 64) : null,
    density: !args.flags.has('no-density'),
    polyphony: false,
    duration: false,
    parts: [...used],
    vocabParts,
  };
  return {
    corpora: [corpus],
    labels: [basename(input)],
    encoding,
    vocab: vocabulary(vocabParts),
    jsbSplit: isJsb ? (jsbSplit as 'train' | 'valid' | 'test') : undefined,
    layout: 'flat',
  };
}

export async function runPreprocess(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['shuffle-tracks', 'quiet', 'no-density']);
  const list = str(args, 'corpora');
  rejectUnknown(args, list ? [...COMMON_FLAGS, 'corpora', 'datasets'] : [...COMMON_FLAGS, ...FOLDER_FLAGS]);
  const [input] = args.positionals;
  const out = str(args, 'o');
  if ((!input && !list) || (input && list) || !out)
    throw new CliError(
      'usage: preprocess <midi-dir|jsb.json> -o <out-dir> [options], or preprocess --corpora corpora.json -o <out-dir>',
    );
  let plan: Plan;
  if (list) {
    const l = readCorpusList(list, str(args, 'datasets'));
    if (args.flags.has('no-density')) l.encoding.density = false;
    plan = {
      corpora: l.corpora,
      labels: l.corpora.map((c) => c.name),
      encoding: l.encoding,
      vocab: vocabulary(l.encoding.vocabParts, controlsOf(l.encoding)),
      layout: 'folders',
      listFile: list,
    };
  } else plan = folderPlan(input, args);
  await runPlan(plan, {
    out,
    workers: int(args, 'workers', availableParallelism(), 1, 256),
    shard: parseShard(str(args, 'shard', '0/1')!),
    edgesFrom: str(args, 'encoding'),
    quiet: args.flags.get('quiet') === true,
  });
}
