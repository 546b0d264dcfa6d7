// What preprocess reads: every .mid/.midi under a folder, or the pieces of one JSB JSON split.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { applyBeatFile } from '../music/beats';
import { readJsbSplit, type JsbSplit } from '../music/jsb';
import { readMidi, sizeError } from '../music/midiReader';
import type { Score } from '../music/score';
import { CliError } from './args';

export type Source =
  | { rel: string; kind: 'midi'; path: string }
  | { rel: string; kind: 'jsb'; path: string; split: JsbSplit; index: number };

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.midi?$/i.test(name)) out.push(p);
  }
}

export function listSources(input: string, jsbSplit?: string): Source[] {
  if (!existsSync(input)) throw new CliError(`no such file or folder: ${input}`);
  if (statSync(input).isDirectory()) {
    const files: string[] = [];
    walk(input, files);
    return files.map((path) => ({ rel: relative(input, path), kind: 'midi', path }));
  }
  if (input.endsWith('.json')) {
    if (jsbSplit !== 'train' && jsbSplit !== 'valid' && jsbSplit !== 'test')
      throw new CliError('a JSB .json input needs --jsb-split train|valid|test');
    const count = readJsbSplit(readFileSync(input, 'utf8'), jsbSplit).length;
    return Array.from({ length: count }, (_, index) => ({
      rel: `jsb/${jsbSplit}/${index}`,
      kind: 'jsb',
      path: input,
      split: jsbSplit,
      index,
    }));
  }
  return [{ rel: input.split('/').pop()!, kind: 'midi', path: input }];
}

const jsbCache = new Map<string, Score[]>();

/** Read one source as a Score. POP909-style folders with beat_midi.txt get their meter from it. */
export function loadSource(src: Source): Score {
  if (src.kind === 'jsb') {
    const key = `${src.path}#${src.split}`;
    if (!jsbCache.has(key)) jsbCache.set(key, readJsbSplit(readFileSync(src.path, 'utf8'), src.split));
    return jsbCache.get(key)![src.index];
  }
  const size = sizeError(statSync(src.path).size); // before reading a huge file into memory
  if (size) throw size;
  const score = readMidi(new Uint8Array(readFileSync(src.path)));
  const beats = join(dirname(src.path), 'beat_midi.txt');
  return existsSync(beats) ? applyBeatFile(score, readFileSync(beats, 'utf8')) : score;
}
