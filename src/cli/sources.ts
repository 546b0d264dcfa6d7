// What preprocess reads: every .mid/.midi under a corpus folder, or the pieces of a JSB JSON file,
// each read as a Score the way its corpus means it (meter file, parts, programs, drum map).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { applyBeatFile } from '../music/beats';
import { applyConventions, type CorpusConventions } from '../music/corpus';
import { readJsbSplit, type JsbSplit } from '../music/jsb';
import { readMidi, sizeError } from '../music/midiReader';
import type { Score } from '../music/score';
import { CliError } from './args';

/** One piece to read. `rel` names it in reports and seeds its augmentation: `<corpus>/<path in corpus>`. */
export type Source =
  | { rel: string; corpus: number; kind: 'midi'; path: string; inner: string }
  | { rel: string; corpus: number; kind: 'jsb'; path: string; split: JsbSplit; index: number; inner: string };

/** What a worker needs of a corpus to read its files. */
export interface ReadOptions {
  conventions: CorpusConventions;
  meterFile?: string;
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.midi?$/i.test(name)) out.push(p);
  }
}

const JSB_SPLITS: JsbSplit[] = ['train', 'valid', 'test'];

function jsbSources(path: string, splits: JsbSplit[], corpus: number, prefix: string): Source[] {
  const text = readFileSync(path, 'utf8');
  return splits.flatMap((split) =>
    readJsbSplit(text, split).map((_, index): Source => {
      const inner = `${split}/${index}`;
      return { rel: prefix + inner, corpus, kind: 'jsb', path, split, index, inner };
    }),
  );
}

export interface ListOptions {
  /** Names the pieces `<name>/…`; '' keeps paths as they are inside the input (the single-folder form). */
  name: string;
  corpus: number;
  /** For a JSB JSON: which of its splits; all three when omitted. */
  jsbSplits?: JsbSplit[];
  include?: string;
  exclude?: string;
}

/** Every piece of a folder (recursively) or JSB JSON, in a fixed order. */
export function listSources(input: string, o: ListOptions): Source[] {
  if (!existsSync(input)) throw new CliError(`no such file or folder: ${input}`);
  const prefix = o.name ? `${o.name}/` : '';
  let out: Source[];
  if (statSync(input).isDirectory()) {
    const files: string[] = [];
    walk(input, files);
    out = files.map((path) => {
      const inner = relative(input, path);
      return { rel: prefix + inner, corpus: o.corpus, kind: 'midi', path, inner };
    });
  } else if (input.endsWith('.json'))
    out = jsbSources(input, o.jsbSplits ?? JSB_SPLITS, o.corpus, o.name ? prefix : 'jsb/');
  else {
    const inner = input.split('/').pop()!;
    out = [{ rel: prefix + inner, corpus: o.corpus, kind: 'midi', path: input, inner }];
  }
  const include = o.include ? new RegExp(o.include) : null;
  const exclude = o.exclude ? new RegExp(o.exclude) : null;
  return out.filter((s) => (!include || include.test(s.inner)) && !(exclude && exclude.test(s.inner)));
}

const jsbCache = new Map<string, Score[]>();

/** Read one source as a Score, with its corpus's meter file and conventions applied. */
export function loadSource(src: Source, o: ReadOptions): Score {
  let score: Score;
  if (src.kind === 'jsb') {
    const key = `${src.path}#${src.split}`;
    if (!jsbCache.has(key)) jsbCache.set(key, readJsbSplit(readFileSync(src.path, 'utf8'), src.split));
    score = jsbCache.get(key)![src.index];
  } else {
    const size = sizeError(statSync(src.path).size); // before reading a huge file into memory
    if (size) throw size;
    score = readMidi(new Uint8Array(readFileSync(src.path)));
    const beats = o.meterFile ? join(dirname(src.path), o.meterFile) : null;
    if (beats && existsSync(beats)) score = applyBeatFile(score, readFileSync(beats, 'utf8'));
  }
  return applyConventions(score, o.conventions);
}
