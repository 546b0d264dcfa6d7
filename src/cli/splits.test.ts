import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvFields, readSplitTable, splitOf } from './splits';

describe('splits', () => {
  it('reads CSV fields, quoted ones with commas and quotes inside', () => {
    expect(csvFields('a,"b,c",,"say ""hi"""')).toEqual(['a', 'b,c', '', 'say "hi"']);
  });

  it('hashes a piece key to the same split every time, in the given shares', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `corpus/${i}.mid`);
    const splits = keys.map((k) => splitOf(k, [0.8, 0.1, 0.1]));
    expect(keys.map((k) => splitOf(k, [0.8, 0.1, 0.1]))).toEqual(splits);
    const share = (s: string) => splits.filter((x) => x === s).length / keys.length;
    expect(share('train')).toBeGreaterThan(0.75);
    expect(share('val')).toBeGreaterThan(0.06);
    expect(share('test')).toBeGreaterThan(0.06);
  });

  it('reads an official split table and refuses a split name it does not know', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cantor-splits-'));
    writeFileSync(join(dir, 'info.csv'), 'midi_filename,split\na.mid,train\nb.mid,validation\nc.mid,test\n');
    const rule = readSplitTable({ csv: 'info.csv' }, dir, 'x.split');
    expect(rule.kind === 'table' && [...rule.table]).toEqual([
      ['a.mid', 'train'],
      ['b.mid', 'val'],
      ['c.mid', 'test'],
    ]);
    writeFileSync(join(dir, 'bad.csv'), 'midi_filename,split\na.mid,holdout\n');
    expect(() => readSplitTable({ csv: 'bad.csv' }, dir, 'x.split')).toThrow(/line 2: split "holdout"/);
    expect(() => readSplitTable({ csv: 'info.csv', column: 'fold' }, dir, 'x.split')).toThrow(/no "fold" column/);
  });
});
