// The context budget: on a short context every job either fits (prompt cut to leave room
// for every token it must still write) or fails before decoding with a clear message, never
// with a "context overflow" half way. The scripted model prefers TIME_DELTAs over BAR_END,
// so a bar that runs into its token cap must be closed by the engine, not by luck.
import { describe, expect, it } from 'vitest';
import { decodeTokens } from '../music/decode';
import type { Score } from '../music/score';
import { generate } from './generate';
import { trimmedWindow } from './passScript';
import type { GenerateRequest } from './protocol';
import { scriptedEngine } from './testing/scriptedSession';

const N_CTX = 128;
/** Notes per bar in each voice of the prompt: the sampled bar gets 13..40 tokens of the context. */
const DENSITIES = [8, 9, 10];
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

const PARTS = ['SOPRANO', 'ALTO', 'TENOR', 'BASS'];

/**
 * `bars` bars of SATB, `perBar` notes per bar in each voice (3 tokens each): with the 1-bar
 * window a 128-token context gets, 7..9 notes leave the sampled bar 13..40 tokens.
 */
function densePiece(bars: number, perBar: number): Score {
  const step = 384 / perBar;
  const voice = (base: number) =>
    Array.from({ length: bars * perBar }, (_, i) => ({
      pitch: base + (i % 5),
      start: Math.round(i * step),
      duration: Math.round(step),
      velocity: 80,
    }));
  return {
    ppq: 96,
    tempos: [{ tick: 0, bpm: 100 }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    tracks: PARTS.map((part, i) => ({ name: part, program: 52, isDrum: false, part, notes: voice(72 - 8 * i) })),
  };
}

/** Runs a request for every seed; each must finish with strictly decodable tokens. */
async function everySeedFits(request: (seed: number) => GenerateRequest, nCtx = N_CTX): Promise<void> {
  const engine = scriptedEngine(PARTS, nCtx);
  for (const seed of SEEDS) {
    const res = await generate(engine, request(seed)).catch((e: Error) => {
      throw new Error(`seed ${seed}: ${e.message}`);
    });
    expect(() => decodeTokens(res.tokens, { strict: true })).not.toThrow();
  }
}

const sampling = (seed: number) => ({ temperature: 8, topP: 1, seed });

describe(`the context budget (scripted model, n_ctx ${N_CTX})`, () => {
  it('regenerate-bar fits for every seed and every bar, the fill bar included', async () => {
    for (const perBar of DENSITIES)
      for (const bar of [0, 3])
        await everySeedFits((seed) => ({
          mode: 'regenerate-bar',
          score: densePiece(4, perBar),
          trackIndex: 2,
          bar,
          sampling: sampling(seed),
        }));
  });

  it('regenerate-track fits for every seed', async () => {
    for (const perBar of DENSITIES)
      await everySeedFits((seed) => ({
        mode: 'regenerate-track',
        score: densePiece(2, perBar),
        trackIndex: 1,
        sampling: sampling(seed),
      }));
  });

  it('continue and compose fit for every seed', async () => {
    await everySeedFits((seed) => ({ mode: 'continue', score: densePiece(2, 10), bars: 2, sampling: sampling(seed) }));
    await everySeedFits((seed) => ({
      mode: 'compose',
      tracks: [{ inst: 'SOPRANO' }, { inst: 'BASS' }],
      bars: 3,
      sampling: sampling(seed),
    }));
  });

  it('variations of a regenerate-bar fit too (ragged rows pad against the context)', async () => {
    await everySeedFits((seed) => ({
      mode: 'variations',
      count: 3,
      base: { mode: 'regenerate-bar', score: densePiece(4, 9), trackIndex: 0, bar: 2, sampling: sampling(seed) },
    }));
  });

  it('a prompt that cannot fit even cut to one bar fails before decoding, with a clear message', async () => {
    const engine = scriptedEngine(PARTS, 128);
    let tokens = 0;
    const req: GenerateRequest = {
      mode: 'regenerate-bar',
      score: densePiece(2, 12),
      trackIndex: 1,
      bar: 0,
      sampling: sampling(1),
    };
    await expect(generate(engine, req, { onToken: () => tokens++ })).rejects.toThrow(
      /does not fit the model's 128-token context/,
    );
    expect(tokens).toBe(0);
  });
});

describe('trimmedWindow', () => {
  const fill = (bar: number) => ({ first: 0, span: 4, sampleFrom: [4, 4], fill: { track: 1, bar } });

  it('drops the context bar farther from the fill bar, from either side', () => {
    expect(trimmedWindow(fill(0))).toEqual({ first: 0, span: 3, sampleFrom: [3, 3], fill: { track: 1, bar: 0 } });
    expect(trimmedWindow(fill(3))).toEqual({ first: 1, span: 3, sampleFrom: [3, 3], fill: { track: 1, bar: 3 } });
    expect(trimmedWindow(fill(1))).toMatchObject({ first: 0, span: 3 });
  });

  it('never drops a bar a track samples, nor the last bar', () => {
    expect(trimmedWindow({ first: 2, span: 3, sampleFrom: [2, 3] })).toEqual({ first: 3, span: 2, sampleFrom: [1, 2] });
    expect(trimmedWindow({ first: 0, span: 3, sampleFrom: [0, 3] })).toBeNull();
    expect(trimmedWindow({ first: 5, span: 1, sampleFrom: [1, 1], fill: { track: 0, bar: 5 } })).toBeNull();
  });

  it('lets regenerate-bar of a window’s first bar fit a context its whole window would not', async () => {
    // 16th-note triads over a bass, 4-bar windows on a 400-token context: one bar of triads takes 113 tokens.
    const engine = scriptedEngine(['SOPRANO', 'BASS'], 400);
    const piece = densePiece(4, 8);
    const triads = Array.from({ length: 64 }, (_, i) =>
      [72, 76, 79].map((pitch) => ({ pitch, start: i * 24, duration: 24, velocity: 80 })),
    ).flat();
    const score: Score = { ...piece, tracks: [{ ...piece.tracks[0], notes: triads }, piece.tracks[3]] };
    for (const seed of SEEDS.slice(0, 10)) {
      const res = await generate(engine, {
        mode: 'regenerate-bar',
        score,
        trackIndex: 1,
        bar: 0,
        sampling: sampling(seed),
      });
      expect(decodeTokens(res.tokens, { strict: true }).fills).toEqual([{ track: 1, bar: 0, filled: true }]);
      expect(res.score.tracks[0]).toEqual(score.tracks[0]);
    }
  });
});
