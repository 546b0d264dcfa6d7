// The context budget: on a short context every job either fits (prompt cut to leave room
// for every token it must still write) or fails before decoding with a clear message, never
// with a "context overflow" half way. The scripted model prefers TIME_DELTAs over BAR_END,
// so a bar that runs into its token cap must be closed by the engine, not by luck.
import { describe, expect, it } from 'vitest';
import { decodeTokens } from '../music/decode';
import type { Score } from '../music/score';
import { generate } from './generate';
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
    Array.from({ length: bars * perBar }, (_, i) => ({ pitch: base + (i % 5), start: Math.round(i * step), duration: Math.round(step), velocity: 80 }));
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
        await everySeedFits((seed) => ({ mode: 'regenerate-bar', score: densePiece(4, perBar), trackIndex: 2, bar, sampling: sampling(seed) }));
  });

  it('regenerate-track fits for every seed', async () => {
    for (const perBar of DENSITIES)
      await everySeedFits((seed) => ({ mode: 'regenerate-track', score: densePiece(2, perBar), trackIndex: 1, sampling: sampling(seed) }));
  });

  it('continue and compose fit for every seed', async () => {
    await everySeedFits((seed) => ({ mode: 'continue', score: densePiece(2, 10), bars: 2, sampling: sampling(seed) }));
    await everySeedFits((seed) => ({ mode: 'compose', tracks: [{ inst: 'SOPRANO' }, { inst: 'BASS' }], bars: 3, sampling: sampling(seed) }));
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
    const req: GenerateRequest = { mode: 'regenerate-bar', score: densePiece(2, 12), trackIndex: 1, bar: 0, sampling: sampling(1) };
    await expect(generate(engine, req, { onToken: () => tokens++ })).rejects.toThrow(/does not fit the model's 128-token context/);
    expect(tokens).toBe(0);
  });
});
