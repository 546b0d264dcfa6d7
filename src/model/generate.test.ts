// The engine end to end in Node, on a tiny random model: every mode, reproducibility,
// batch == single, abort. An untrained model writes noise, so the checks are about
// structure: strict decoding, untouched inputs, notes where they were asked for.
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeTokens } from '../music/decode';
import type { Score } from '../music/score';
import { generate, type Engine } from './generate';
import { readMeta, readModelFile } from './modelConfig';
import type { GenerateRequest, Sampling } from './protocol';
import { createNodeSession } from './sessionNode';
import { folderSource } from './sourceNode';
import { smallModelDir, tinyModelDir } from './testing/tinyModel';

let engine: Engine;
let tiny: Engine;
const sampling: Sampling = { temperature: 1, topP: 0.95, seed: 7 };

async function load(dir: string): Promise<Engine> {
  const src = folderSource(dir);
  const { config, tokenizer } = await readMeta(src);
  const session = await createNodeSession(await readModelFile(src, config, 'model.onnx'), 'model.onnx', 1);
  return { session, config, tokenizer };
}

beforeAll(async () => {
  engine = await load(smallModelDir());
  tiny = await load(tinyModelDir());
}, 180_000);

/** Two bars of a two-voice chorale at ppq 96, 90 BPM. */
function prompt(): Score {
  const voice = (pitches: number[], velocity: number) =>
    pitches.map((pitch, i) => ({ pitch, start: i * 96, duration: 96, velocity }));
  return {
    ppq: 96,
    tempos: [{ tick: 0, bpm: 90 }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    tracks: [
      {
        name: 'Soprano',
        program: 52,
        isDrum: false,
        part: 'SOPRANO',
        notes: voice([72, 74, 76, 77, 79, 77, 76, 74], 90),
      },
      { name: 'Bass', program: 52, isDrum: false, part: 'BASS', notes: voice([48, 50, 52, 53, 55, 53, 52, 50], 60) },
    ],
  };
}

const compose = (bars: number, seed = 7): GenerateRequest => ({
  mode: 'compose',
  tracks: [{ inst: 'SOPRANO' }, { inst: 'BASS' }],
  bars,
  sampling: { ...sampling, seed },
});

describe('generate (onnxruntime-node, small random model, context 512)', () => {
  it('compose writes a piece that decodes strictly, with the tracks and bars asked for', async () => {
    for (const seed of [1, 2, 3]) {
      const res = await generate(engine, compose(4, seed));
      const { piece } = decodeTokens(res.tokens, { strict: true });
      expect(piece.bars).toBe(4);
      expect(piece.tracks.map((t) => t.inst)).toEqual(['SOPRANO', 'BASS']);
      expect(res.score.ppq).toBe(480);
      expect(res.score.tracks.map((t) => t.part)).toEqual(['SOPRANO', 'BASS']);
      for (const t of res.score.tracks)
        for (const n of t.notes) expect(n.start + n.duration).toBeLessThanOrEqual(4 * 1920);
    }
  });

  it('the same seed gives the same tokens; another seed gives others', async () => {
    const a = await generate(engine, compose(2, 11));
    const b = await generate(engine, compose(2, 11));
    const c = await generate(engine, compose(2, 12));
    expect(b.tokens).toEqual(a.tokens);
    expect(c.tokens).not.toEqual(a.tokens);
  });

  it('compose longer than the window slides bar by bar', async () => {
    const res = await generate(engine, compose(9));
    expect(decodeTokens(res.tokens, { strict: true }).piece.bars).toBe(9);
    const lastBar = res.score.tracks.flatMap((t) => t.notes).filter((n) => n.start >= 8 * 1920);
    expect(lastBar.length).toBeGreaterThan(0);
  });

  it('variations: a batch of K, whose first candidate is the single run with the same seed', async () => {
    const single = await generate(engine, compose(2));
    const batch = await generate(engine, { mode: 'variations', base: compose(2), count: 3 });
    expect(batch.candidates).toHaveLength(3);
    expect(batch.tokens).toEqual(single.tokens);
    expect(batch.candidates![0]).toEqual(single.score);
    expect(batch.candidates![1]).not.toEqual(batch.candidates![0]);
  });

  it('variations also work over sliding passes (ragged prompts per row)', async () => {
    const single = await generate(engine, { mode: 'continue', score: prompt(), bars: 2, sampling });
    const batch = await generate(engine, {
      mode: 'variations',
      base: { mode: 'continue', score: prompt(), bars: 2, sampling },
      count: 2,
    });
    expect(batch.candidates![0]).toEqual(single.score);
  });

  it('continue keeps the input score unchanged and adds notes only after its last bar', async () => {
    const input = prompt();
    const streamed: { track: number; count: number }[] = [];
    const res = await generate(
      engine,
      { mode: 'continue', score: input, bars: 2, sampling },
      {
        onNotes: (track, notes) => streamed.push({ track, count: notes.length }),
      },
    );
    expect(input).toEqual(prompt());
    expect(res.score.ppq).toBe(96);
    expect(res.score.tempos).toEqual(input.tempos);
    res.score.tracks.forEach((t, i) => {
      expect(t.notes.slice(0, input.tracks[i].notes.length)).toEqual(input.tracks[i].notes);
      for (const n of t.notes.slice(input.tracks[i].notes.length)) {
        expect(n.start).toBeGreaterThanOrEqual(2 * 384);
        expect(n.start + n.duration).toBeLessThanOrEqual(4 * 384);
      }
    });
    expect(streamed).toHaveLength(4); // 2 bars x 2 tracks, each streamed as it closed
    const added = res.score.tracks.reduce((s, t, i) => s + t.notes.length - input.tracks[i].notes.length, 0);
    expect(streamed.reduce((s, e) => s + e.count, 0)).toBe(added);
  });

  it('regenerate-track rewrites only the chosen track', async () => {
    const input = prompt();
    const res = await generate(engine, { mode: 'regenerate-track', score: input, trackIndex: 0, sampling });
    expect(res.score.tracks[1]).toEqual(input.tracks[1]);
    expect(res.score.tracks[0].notes).not.toEqual(input.tracks[0].notes);
    for (const n of res.score.tracks[0].notes) expect(n.start).toBeLessThan(2 * 384);
    expect(res.tokens.at(-1)).toBe('TRACK_END');
  });

  it('regenerate-bar rewrites one bar of one track through FILL_IN', async () => {
    const input = prompt();
    const res = await generate(engine, { mode: 'regenerate-bar', score: input, trackIndex: 1, bar: 1, sampling });
    expect(res.score.tracks[0]).toEqual(input.tracks[0]);
    const bass = res.score.tracks[1].notes;
    expect(bass.filter((n) => n.start < 384)).toEqual(input.tracks[1].notes.slice(0, 4));
    expect(res.tokens).toContain('FILL_IN');
    expect(res.tokens.at(-1)).toBe('FILL_END');
    expect(decodeTokens(res.tokens, { strict: true }).fills).toEqual([{ track: 1, bar: 1, filled: true }]);
  });

  it('abort stops between steps and keeps the bars already written', async () => {
    let tokens = 0;
    const res = await generate(engine, compose(4), { onToken: () => tokens++, aborted: () => tokens > 40 });
    expect(res.aborted).toBe(true);
    expect(tokens).toBeLessThan(45);
    expect(res.score.tracks).toHaveLength(2);
  });

  it('a model with a short context gets shorter windows, not an overflow', async () => {
    const req: GenerateRequest = {
      mode: 'compose',
      tracks: ['SOPRANO', 'ALTO', 'TENOR', 'BASS'].map((inst) => ({ inst })),
      bars: 3,
      sampling,
    };
    const res = await generate(tiny, req);
    expect(decodeTokens(res.tokens, { strict: true }).piece.bars).toBe(3);
    expect(res.score.tracks).toHaveLength(4);
  });

  it('bad requests give an EngineError, not a crash', async () => {
    await expect(generate(engine, compose(0))).rejects.toMatchObject({ code: 'generate' });
    await expect(
      generate(engine, { mode: 'regenerate-track', score: prompt(), trackIndex: 5, sampling }),
    ).rejects.toMatchObject({ code: 'generate' });
    const empty = { ...prompt(), tracks: [] };
    await expect(generate(engine, { mode: 'continue', score: empty, bars: 1, sampling })).rejects.toMatchObject({
      code: 'generate',
    });
  });
});
