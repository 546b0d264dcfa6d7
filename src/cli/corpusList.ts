// The corpus list (`preprocess --corpora corpora.json`): several data sets, each with its own
// conventions and augmentation, into one dataset with one vocabulary and one set of density edges.
// Format: docs/FORMATS.md. Every mistake in the file is refused with the corpus and key it is in.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { conventionsProblem, DRUM_MAPS, type CorpusConventions } from '../music/corpus';
import type { PartName } from '../music/parts';
import { CliError } from './args';
import type { Augmentation } from './samples';
import { readSplitTable, type SplitRule } from './splits';

export interface Corpus {
  /** Names the corpus's output folder and seeds its split hash; '' for the single-folder form. */
  name: string;
  /** Folder (walked recursively) or JSB .json file. */
  path: string;
  conventions: CorpusConventions;
  /** A file beside each MIDI file that gives its meter (POP909's beat_midi.txt), when present. */
  meterFile?: string;
  augment: Augmentation;
  split: SplitRule;
  /** Regex whose first match on a file's path (inside the corpus) names its piece, for the split (default: the whole path). */
  pieceKey?: string;
  /** Regexes on a file's path inside the corpus: only matching files / no matching files. */
  include?: string;
  exclude?: string;
}

export interface EncodingOptions {
  bars: number;
  /** The encoding's window hop (a corpus may use its own for its training windows). */
  hop: number;
  /** At most this many tracks per window; null: no budget. */
  maxTracks: number | null;
  density: boolean;
  /** POLYPHONY / DURATION header tokens (controls.ts), appended to the vocabulary; off unless the list turns them on. */
  polyphony: boolean;
  duration: boolean;
  /** The named parts the corpora use, in vocabulary order: encoding.json's `parts`. */
  parts: PartName[];
  /** The named parts of the vocabulary (INST=<part> tokens), in id order: a superset of `parts`. */
  vocabParts: PartName[];
}

export interface CorpusList {
  file: string;
  encoding: EncodingOptions;
  corpora: Corpus[];
}

type Json = Record<string, unknown>;

const CORPUS_KEYS = [
  'name',
  'path',
  'about',
  'parts',
  'partsBy',
  'programs',
  'drumMap',
  'mergeDrums',
  'meter',
  'split',
  'pieceKey',
  'include',
  'exclude',
  'hop',
  'transpose',
  'copies',
  'weight',
  'shuffleTracks',
  'fill',
];
const ENCODING_KEYS = ['bars', 'hop', 'maxTracks', 'density', 'polyphony', 'duration', 'fill', 'parts'];
const TOP_KEYS = ['about', 'root', 'encoding', 'defaults', 'corpora'];
const DEFAULT_SPLIT = [0.9, 0.05, 0.05];

function fail(where: string, why: string): never {
  throw new CliError(`${where}: ${why}`);
}

function onlyKeys(o: Json, known: string[], where: string): void {
  for (const k of Object.keys(o))
    if (!known.includes(k)) fail(where, `unknown key "${k}" (known: ${known.join(', ')})`);
}

function object(v: unknown, where: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(where, 'must be a JSON object');
  return v as Json;
}

function integer(v: unknown, where: string, min: number, max: number): number {
  if (!Number.isInteger(v) || (v as number) < min || (v as number) > max)
    fail(where, `must be an integer in ${min}..${max}, got ${JSON.stringify(v)}`);
  return v as number;
}

function fraction(v: unknown, where: string, max = 1): number {
  if (typeof v !== 'number' || !(v >= 0 && v <= max))
    fail(where, `must be a number in 0..${max}, got ${JSON.stringify(v)}`);
  return v;
}

function regex(v: unknown, where: string): string {
  if (typeof v !== 'string') fail(where, 'must be a regular expression in a string');
  try {
    new RegExp(v);
  } catch (e) {
    fail(where, `is not a valid regular expression (${(e as Error).message})`);
  }
  return v;
}

function flag(v: unknown, where: string, absent: boolean): boolean {
  if (v === undefined) return absent;
  return v === true || (v === false ? false : fail(where, 'must be true or false'));
}

/** [lo, hi] or "lo..hi". */
export function transposeRange(v: unknown, where: string): [number, number] {
  const m = typeof v === 'string' ? /^(-?\d+)\.\.(-?\d+)$/.exec(v) : null;
  const pair = m ? [Number(m[1]), Number(m[2])] : v;
  if (
    !Array.isArray(pair) ||
    pair.length !== 2 ||
    !pair.every((x) => Number.isInteger(x) && Math.abs(x) <= 24) ||
    pair[0] > pair[1]
  )
    fail(where, `takes [lo, hi] or "lo..hi" semitones within ±24, e.g. "-5..6", got ${JSON.stringify(v)}`);
  return [pair[0], pair[1]];
}

/** Three fractions train, val, test that add up to 1. */
export function splitFractions(v: unknown, where: string): number[] {
  if (
    !Array.isArray(v) ||
    v.length !== 3 ||
    v.some((p) => typeof p !== 'number' || !(p >= 0)) ||
    Math.abs(v[0] + v[1] + v[2] - 1) > 1e-6
  )
    fail(
      where,
      `takes three fractions (train, val, test) that add up to 1, e.g. [0.9, 0.05, 0.05], got ${JSON.stringify(v)}`,
    );
  return v as number[];
}

function augmentation(o: Json, base: Augmentation, where: string): Augmentation {
  return {
    hop: o.hop === undefined ? base.hop : integer(o.hop, `${where}.hop`, 1, 64),
    transpose: o.transpose === undefined ? base.transpose : transposeRange(o.transpose, `${where}.transpose`),
    copies: o.copies === undefined ? base.copies : integer(o.copies, `${where}.copies`, 1, 64),
    weight: o.weight === undefined ? base.weight : fraction(o.weight, `${where}.weight`, 64),
    shuffleTracks:
      o.shuffleTracks === undefined
        ? base.shuffleTracks
        : o.shuffleTracks === true ||
          (o.shuffleTracks === false ? false : fail(`${where}.shuffleTracks`, 'must be true or false')),
    fill: o.fill === undefined ? base.fill : fraction(o.fill, `${where}.fill`),
  };
}

function conventions(o: Json, where: string): CorpusConventions {
  const c: CorpusConventions = {};
  if (o.parts !== undefined) {
    if (!Array.isArray(o.parts) || o.parts.some((p) => typeof p !== 'string'))
      fail(`${where}.parts`, 'must be a list of part names');
    c.parts = o.parts as string[];
  }
  if (o.partsBy !== undefined) {
    if (o.partsBy !== 'order' && o.partsBy !== 'name') fail(`${where}.partsBy`, 'must be "order" or "name"');
    c.partsBy = o.partsBy;
  }
  if (o.programs !== undefined) {
    if (!Array.isArray(o.programs)) fail(`${where}.programs`, 'must be a list of GM programs 0..127');
    c.programs = o.programs as number[];
  }
  if (typeof o.drumMap === 'string') {
    c.drumMap =
      DRUM_MAPS[o.drumMap] ??
      fail(`${where}.drumMap`, `unknown drum map "${o.drumMap}" (known: ${Object.keys(DRUM_MAPS).join(', ')})`);
  } else if (o.drumMap !== undefined) {
    c.drumMap = object(o.drumMap, `${where}.drumMap`) as Record<number, number>;
  }
  if (o.mergeDrums !== undefined) {
    if (typeof o.mergeDrums !== 'boolean') fail(`${where}.mergeDrums`, 'must be true or false');
    c.mergeDrums = o.mergeDrums;
  }
  const problem = conventionsProblem(c);
  if (problem) fail(where, problem);
  return c;
}

function corpus(v: unknown, i: number, root: string, base: Augmentation): Corpus {
  const o = object(v, `corpora[${i}]`);
  if (typeof o.name !== 'string' || !/^[a-z0-9][a-z0-9_.-]*$/.test(o.name))
    fail(`corpora[${i}].name`, 'must be a lower-case folder name such as "pop909"');
  const where = `corpus "${o.name}"`;
  onlyKeys(o, CORPUS_KEYS, where);
  if (typeof o.path !== 'string') fail(`${where}.path`, 'must be a path (relative to root)');
  const path = resolve(root, o.path);
  if (!existsSync(path)) fail(`${where}.path`, `no such file or folder: ${path}`);
  const isJson = !statSync(path).isDirectory() && path.endsWith('.json');
  const splitSpec = o.split ?? DEFAULT_SPLIT;
  let split: SplitRule;
  if (splitSpec === 'jsb') {
    if (!isJson) fail(`${where}.split`, '"jsb" (the JSON\'s own train/valid/test) needs a JSB .json path');
    split = { kind: 'jsb' };
  } else if (typeof splitSpec === 'object' && splitSpec !== null && !Array.isArray(splitSpec)) {
    split = readSplitTable(object(splitSpec, `${where}.split`), root, `${where}.split`);
  } else split = { kind: 'fractions', fractions: splitFractions(splitSpec, `${where}.split`) };
  if (isJson && split.kind !== 'jsb') fail(`${where}.split`, 'a JSB .json corpus takes its own split: "split": "jsb"');
  if (o.meter !== undefined && (typeof o.meter !== 'string' || o.meter.includes('/')))
    fail(`${where}.meter`, 'must be the name of the beat file beside each MIDI file, e.g. "beat_midi.txt"');
  return {
    name: o.name,
    path,
    conventions: conventions(o, where),
    meterFile: o.meter as string | undefined,
    augment: augmentation(o, base, where),
    split,
    pieceKey: o.pieceKey === undefined ? undefined : regex(o.pieceKey, `${where}.pieceKey`),
    include: o.include === undefined ? undefined : regex(o.include, `${where}.include`),
    exclude: o.exclude === undefined ? undefined : regex(o.exclude, `${where}.exclude`),
  };
}

/** Read and check a corpus list. Paths are relative to its `root`, which is relative to the list's folder; `rootOverride` replaces it. */
export function readCorpusList(file: string, rootOverride?: string): CorpusList {
  if (!existsSync(file)) throw new CliError(`no such corpus list: ${file}`);
  let doc: Json;
  try {
    doc = object(JSON.parse(readFileSync(file, 'utf8')), file);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${file} is not valid JSON (${(e as Error).message})`);
  }
  onlyKeys(doc, TOP_KEYS, file);
  const root = rootOverride ?? resolve(dirname(file), typeof doc.root === 'string' ? doc.root : '.');
  if (!isAbsolute(root) || !existsSync(root)) fail(`${file}: root`, `no such folder: ${root}`);
  const enc = object(doc.encoding ?? {}, `${file}: encoding`);
  onlyKeys(enc, ENCODING_KEYS, `${file}: encoding`);
  const bars = enc.bars === undefined ? 4 : integer(enc.bars, 'encoding.bars', 1, 64);
  // encoding.hop and encoding.fill are every corpus's defaults; `defaults` holds any other corpus key.
  const base = augmentation(
    enc,
    { hop: bars, transpose: [0, 0], copies: 1, weight: 1, shuffleTracks: false, fill: 0 },
    'encoding',
  );
  const defaults = object(doc.defaults ?? {}, `${file}: defaults`);
  onlyKeys(
    defaults,
    CORPUS_KEYS.filter((k) => !['name', 'path'].includes(k)),
    `${file}: defaults`,
  );
  if (!Array.isArray(doc.corpora) || doc.corpora.length === 0) fail(file, '"corpora" must list at least one corpus');
  const corpora = doc.corpora.map((c, i) => corpus({ ...defaults, ...object(c, `corpora[${i}]`) }, i, root, base));
  const names = corpora.map((c) => c.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) fail(file, `corpus "${twice}" is listed twice`);

  const used = [...new Set(corpora.flatMap((c) => c.conventions.parts ?? []))];
  let vocabParts = used;
  if (enc.parts !== undefined) {
    if (!Array.isArray(enc.parts) || enc.parts.some((p) => typeof p !== 'string'))
      fail('encoding.parts', 'must be a list of part names');
    vocabParts = enc.parts as string[];
    const problem = conventionsProblem({ parts: vocabParts });
    if (problem) fail('encoding.parts', problem);
    const missing = used.find((p) => !vocabParts.includes(p));
    if (missing) fail('encoding.parts', `a corpus uses the part ${missing}, which the vocabulary would not have`);
  }
  return {
    file,
    encoding: {
      bars,
      hop: base.hop,
      maxTracks:
        enc.maxTracks === undefined || enc.maxTracks === null
          ? null
          : integer(enc.maxTracks, 'encoding.maxTracks', 1, 64),
      density: flag(enc.density, 'encoding.density', true),
      polyphony: flag(enc.polyphony, 'encoding.polyphony', false),
      duration: flag(enc.duration, 'encoding.duration', false),
      parts: vocabParts.filter((p) => used.includes(p)),
      vocabParts,
    },
    corpora,
  };
}
