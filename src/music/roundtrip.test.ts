// The round trip on every JS Fake Chorale: MIDI -> Score -> grid -> tokens -> grid.
// The expected piano roll is computed here from the Score's ticks, independently of quantize.ts:
// decode(encode(x)) must sound the same pitches at every 16th, with the same onsets except where
// a note was split at a bar line.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeTokens } from './decode';
import { encodePiece } from './encode';
import type { GridNote } from './grid';
import { readMidi } from './midi';
import { scoreToGrid } from './quantize';
import type { Note } from './score';
import { STEPS_PER_BAR } from './vocab';

const DATASET = fileURLToPath(new URL('../../../shared/datasets/js-fakes', import.meta.url));
const SATB = ['SOPRANO', 'ALTO', 'TENOR', 'BASS'] as const;

function midiFiles(): string[] {
  return ['midi', 'jsf-extended']
    .map((sub) => join(DATASET, sub))
    .filter(existsSync)
    .flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.mid'))
        .map((f) => join(dir, f)),
    );
}

const files = existsSync(DATASET) ? midiFiles() : [];
if (files.length === 0) console.log(`[roundtrip] JS Fake Chorales not found at ${DATASET}: the round trip is skipped`);

/** Sounding pitches and onsets per 16th step, as bitmaps [step * 128 + pitch]. */
interface Roll {
  sounding: Uint8Array;
  onsets: Uint8Array;
}

function roll(notes: readonly { pitch: number; start: number; end: number }[], steps: number): Roll {
  const r = { sounding: new Uint8Array(steps * 128), onsets: new Uint8Array(steps * 128) };
  for (const n of notes) {
    if (n.start >= steps) continue;
    r.onsets[n.start * 128 + n.pitch] = 1;
    for (let s = n.start; s < Math.min(n.end, steps); s++) r.sounding[s * 128 + n.pitch] = 1;
  }
  return r;
}

/** The Score's notes on the 16th grid by plain rounding (a note rounded to nothing lasts one 16th). */
function expectedRoll(notes: readonly Note[], ppq: number, steps: number): Roll {
  const tps = ppq / 4;
  return roll(
    notes.map((n) => {
      const start = Math.round(n.start / tps);
      return { pitch: n.pitch, start, end: Math.max(start + 1, Math.round((n.start + n.duration) / tps)) };
    }),
    steps,
  );
}

const gridRoll = (notes: readonly GridNote[], steps: number) =>
  roll(
    notes.map((n) => ({ pitch: n.pitch, start: n.start, end: n.start + n.duration })),
    steps,
  );

/** The first difference between the expected and decoded rolls, or null. */
function difference(want: Roll, got: Roll, steps: number): string | null {
  for (let i = 0; i < steps * 128; i++) {
    const step = i >> 7;
    const pitch = i & 127;
    if (want.sounding[i] !== got.sounding[i])
      return `step ${step} pitch ${pitch}: sounding ${want.sounding[i]} vs ${got.sounding[i]}`;
    if (want.onsets[i] === got.onsets[i]) continue;
    // A decoded onset the source lacks is fine at a bar line when the pitch was already sounding: the note was split there.
    const split = got.onsets[i] === 1 && step % STEPS_PER_BAR === 0 && step > 0 && want.sounding[i - 128] === 1;
    if (!split) return `step ${step} pitch ${pitch}: onset ${want.onsets[i]} vs ${got.onsets[i]}`;
  }
  return null;
}

describe.skipIf(files.length === 0)('round trip on the JS Fake Chorales', () => {
  it('decode(encode(x)) has the piano roll of the quantized source, per track, for all 1,200 files', () => {
    expect(files).toHaveLength(1200);
    const failures: string[] = [];
    let tokens = 0;
    for (const file of files) {
      const score = readMidi(readFileSync(file));
      const grid = scoreToGrid(score, { parts: SATB });
      const encoded = encodePiece(grid);
      tokens += encoded.length;
      const decoded = decodeTokens(encoded, { strict: true }).piece;
      const steps = grid.bars * STEPS_PER_BAR;
      expect(decoded.tracks.map((t) => t.inst)).toEqual([...SATB]);
      decoded.tracks.forEach((track, i) => {
        const diff = difference(
          expectedRoll(score.tracks[i].notes, score.ppq, steps),
          gridRoll(track.notes, steps),
          steps,
        );
        if (diff) failures.push(`${file} ${track.inst}: ${diff}`);
      });
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect(tokens).toBeGreaterThan(files.length * 100);
  });
});
