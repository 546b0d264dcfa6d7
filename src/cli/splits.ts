// Train/val/test by piece: a hash of the piece's key (so a piece never leaks across splits and every
// run and machine agrees), a corpus's official split table (Groove MIDI's info.csv), or the JSB JSON's own.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from './args';
import { pathHash } from './samples';

export type SplitName = 'train' | 'val' | 'test';
export const SPLITS: readonly SplitName[] = ['train', 'val', 'test'];

export type SplitRule =
  | { kind: 'fractions'; fractions: number[] }
  /** Split per file path (relative to the corpus folder), from a table; files it does not list are skipped. */
  | { kind: 'table'; table: ReadonlyMap<string, SplitName>; source: string }
  | { kind: 'jsb' };

/** The split of a piece from a hash of its key. */
export function splitOf(key: string, fractions: readonly number[]): SplitName {
  const u = pathHash(key) / 2 ** 32;
  if (u < fractions[0]) return 'train';
  if (u < fractions[0] + fractions[1]) return 'val';
  return 'test';
}

const NAMES: Record<string, SplitName> = { train: 'train', validation: 'val', valid: 'val', val: 'val', test: 'test' };

/** One CSV line -> fields (double quotes may wrap a field; "" inside is a quote). */
export function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

/** `{ "csv": "groove-midi/info.csv", "file": "midi_filename", "column": "split" }` -> a split table. */
export function readSplitTable(o: Record<string, unknown>, root: string, where: string): SplitRule {
  for (const k of Object.keys(o))
    if (!['csv', 'file', 'column'].includes(k))
      throw new CliError(`${where}: unknown key "${k}" (known: csv, file, column)`);
  if (typeof o.csv !== 'string') throw new CliError(`${where}.csv: must be the path of a CSV file (relative to root)`);
  const path = resolve(root, o.csv);
  if (!existsSync(path)) throw new CliError(`${where}.csv: no such file: ${path}`);
  const fileColumn = typeof o.file === 'string' ? o.file : 'midi_filename';
  const splitColumn = typeof o.column === 'string' ? o.column : 'split';
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const header = csvFields(lines[0] ?? '');
  const fi = header.indexOf(fileColumn);
  const si = header.indexOf(splitColumn);
  if (fi < 0 || si < 0) throw new CliError(`${where}: ${path} has no "${fi < 0 ? fileColumn : splitColumn}" column`);
  const table = new Map<string, SplitName>();
  lines.slice(1).forEach((line, i) => {
    const f = csvFields(line);
    const split = NAMES[f[si]?.trim().toLowerCase()];
    if (!split)
      throw new CliError(`${where}: ${path} line ${i + 2}: split "${f[si]}" is not train, validation or test`);
    table.set(f[fi], split);
  });
  return { kind: 'table', table, source: path };
}
