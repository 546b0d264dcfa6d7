// The MIDI fuzzer through `cantor preprocess`: a folder of fuzzed files finishes, and every file is
// either encoded or listed in report.json with the reason, the same reason the reader gives for it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MusicError } from '../music/errors';
import { readMidi } from '../music/midiReader';
import { fuzzCases, seedFiles } from '../music/testing/fuzz';
import type { ReportEntry } from './preprocessWorker';

const FILES = 300;
const root = mkdtempSync(join(tmpdir(), 'cantor-fuzz-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('preprocess on fuzzed MIDI files', () => {
  it(`finishes on ${FILES} of them and accounts for every file, with the reader's own reason for each refusal`, () => {
    const input = join(root, 'midi');
    mkdirSync(input);
    const files = [...seedFiles(), ...fuzzCases(FILES - seedFiles().length, 5).map((c) => c.bytes)];
    files.forEach((bytes, i) => writeFileSync(join(input, `f${String(i).padStart(3, '0')}.mid`), bytes));
    // A 20 MB file (sparse: no disk used) is refused by its size, before it is read in.
    writeFileSync(join(input, 'huge.mid'), seedFiles()[0]);
    truncateSync(join(input, 'huge.mid'), 20 * 2 ** 20);
    const out = join(root, 'out');
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'preprocess',
        input,
        '-o',
        out,
        '--bars',
        '1',
        '--workers',
        '2',
        '--quiet',
      ],
      {
        encoding: 'utf8',
        timeout: 50_000,
      },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      files: number;
      encoded: number;
      entries: ReportEntry[];
    };
    expect(report.files).toBe(FILES + 1);
    const byPath = new Map(report.entries.map((e) => [e.path, e]));
    expect(byPath.size).toBe(FILES + 1);
    expect(byPath.get('huge.mid')).toMatchObject({
      status: 'skipped',
      reason: 'MIDI file too large: 20.0 MB (the limit is 16 MB)',
    });
    const mismatches: string[] = [];
    files.forEach((bytes, i) => {
      const entry = byPath.get(`f${String(i).padStart(3, '0')}.mid`)!;
      let refusal: string | undefined;
      try {
        readMidi(bytes);
      } catch (e) {
        refusal = (e as MusicError).message;
      }
      if (entry.status === 'encoded' && !(refusal === undefined && entry.tokens! > 0))
        mismatches.push(`${entry.path}: encoded, but the reader says ${refusal}`);
      if (entry.status === 'skipped') {
        if (!entry.reason || entry.reason.length < 10 || /undefined/.test(entry.reason))
          mismatches.push(`${entry.path}: reason "${entry.reason}"`);
        if (refusal !== undefined && entry.reason !== refusal)
          mismatches.push(`${entry.path}: "${entry.reason}" but the reader says "${refusal}"`);
      }
    });
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(report.encoded).toBeGreaterThan(seedFiles().length);
    expect(report.encoded).toBeLessThan(FILES);
  });
});
