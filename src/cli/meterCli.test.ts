// The CLI on files whose meter changes, and on a file with one enormous rest: `cantor encode`
// windows stay inside runs of 4/4 bars, and `cantor generate --prompt` (the shipped model, int8)
// continues on the file's own bar lines and writes the meter map.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { barNumberAt, barsOf, isFourFour, nextBarLine } from '../music/meter';
import { readMidi } from '../music/midi';
import { endTick } from '../music/score';
import { chunk, END_OF_TRACK, noteOff, noteOn, trackData } from '../music/testing/fixtures';
import { songWithThreeFourSections, songWithTwoFourBar } from '../music/testing/meterSongs';

const root = mkdtempSync(join(tmpdir(), 'cantor-meter-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function cantor(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, bytes: Uint8Array): string {
  const path = join(root, name);
  writeFileSync(path, bytes);
  return path;
}

describe('cantor encode', () => {
  it('windows a song with a 2/4 bar inside its two runs of 4/4 bars', () => {
    const r = cantor('encode', file('two-four.mid', songWithTwoFourBar()), '--bars', '4', '--hop', '1', '--no-density');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(26);
  });

  it('refuses a tiny file with a rest of 0x0FFFFFF0 ticks at once, saying where the far note is (no millions of empty bars)', () => {
    const events = [noteOn(0, 0, 60), noteOff(24, 0, 60), noteOn(0x0ffffff0, 0, 62), noteOff(24, 0, 62), END_OF_TRACK];
    const bytes = Uint8Array.from([...chunk('MThd', [0, 0, 0, 1, 0, 24]), ...chunk('MTrk', trackData(events, false))]);
    const r = cantor('encode', file('long-rest.mid', bytes), '--no-density');
    // The reader's time horizon (src/music/limits.ts) refuses it before any bar is made; the encode-side
    // cut at MAX_BARS (quantize.test.ts) covers pieces that are long but inside the horizon.
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /track 1, byte 30: a note starts at quarter note 11,184,811 .*the limit is 8,192 quarter notes/,
    );
  });
});

describe('cantor generate --prompt', () => {
  const generate = (prompt: string, out: string) =>
    cantor(
      'generate',
      '--model',
      'models/chorales',
      '--variant',
      'model_int8.onnx',
      '--bars',
      '2',
      '--seed',
      '4',
      '--prompt',
      prompt,
      '-o',
      out,
    );

  it('continues a song with a 2/4 bar at its bar line at beat 130, keeping every note and the meter map', () => {
    const prompt = file('two-four.mid', songWithTwoFourBar());
    const out = join(root, 'two-four-out.mid');
    expect(generate(prompt, out).code).toBe(0);
    const before = readMidi(readFileSync(prompt));
    const after = readMidi(readFileSync(out));
    expect(after.timeSignatures).toEqual(before.timeSignatures);
    const fresh = after.tracks.flatMap((t, i) => {
      expect(t.notes.slice(0, before.tracks[i].notes.length)).toEqual(before.tracks[i].notes);
      return t.notes.slice(before.tracks[i].notes.length);
    });
    expect(fresh.length).toBeGreaterThan(0);
    for (const n of fresh) expect(n.start >= 130 * 480 && n.start + n.duration <= 138 * 480).toBe(true);
    expect(barNumberAt(after, Math.min(...fresh.map((n) => n.start)))).toBe(33);
  }, 60_000);

  it('continues a song that ends in 3/4 with 4/4 bars, and the written file says where they start', () => {
    const prompt = file('three-four.mid', songWithThreeFourSections());
    const out = join(root, 'three-four-out.mid');
    expect(generate(prompt, out).code).toBe(0);
    const before = readMidi(readFileSync(prompt));
    const after = readMidi(readFileSync(out));
    const end = nextBarLine(before, endTick(before));
    expect(end).toBe(50 * before.ppq);
    expect(after.timeSignatures).toEqual([...before.timeSignatures, { tick: end, numerator: 4, denominator: 4 }]);
    const added = barsOf(after, endTick(after)).filter((b) => b.start >= end);
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((b) => isFourFour(b) && b.end - b.start === 4 * before.ppq)).toBe(true);
    after.tracks.forEach((t, i) =>
      expect(t.notes.slice(0, before.tracks[i].notes.length)).toEqual(before.tracks[i].notes),
    );
  }, 60_000);
});
