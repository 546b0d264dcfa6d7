// The KV-cache path against the definition: re-feeding the whole prefix every step.
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCacheMode, KvDecoder } from './kvDecoder';
import { modelShape, readMeta, readModelFile, type ModelConfig } from './modelConfig';
import { argmax } from './sampler';
import { createNodeSession } from './sessionNode';
import { folderSource } from './sourceNode';
import { tinyModelDir } from './testing/tinyModel';
import type { EngineSession } from './engineSession';

let config: ModelConfig;
let session: EngineSession;

beforeAll(async () => {
  const src = folderSource(tinyModelDir());
  config = (await readMeta(src)).config;
  session = await createNodeSession(await readModelFile(src, config, 'model.onnx'), 'model.onnx', 1);
}, 120_000);

async function greedyCached(prompt: number[], steps: number, batch = 1): Promise<number[][]> {
  const dec = new KvDecoder(session, modelShape(config), batch);
  const out: number[][] = Array.from({ length: batch }, () => []);
  let logits = await dec.feed(prompt);
  for (let i = 0; i < steps; i++) {
    const next = logits.map((l) => argmax(l));
    next.forEach((t, r) => out[r].push(t));
    logits = await dec.feedRows(next.map((t) => [t]));
  }
  dec.dispose();
  return out;
}

async function greedyNoCache(prompt: number[], steps: number): Promise<{ ids: number[]; logits: Float32Array[] }> {
  const seq = [...prompt];
  const logits: Float32Array[] = [];
  for (let i = 0; i < steps; i++) {
    const dec = new KvDecoder(session, modelShape(config), 1);
    const [l] = await dec.feed(seq);
    dec.dispose();
    logits.push(l);
    seq.push(argmax(l));
  }
  return { ids: seq.slice(prompt.length), logits };
}

describe('KvDecoder on a tiny random model (onnxruntime-node)', () => {
  const prompt = [2, 3, 150, 5];

  it('greedy decoding with the KV cache equals re-feeding the full prefix each step', async () => {
    const [cached] = await greedyCached(prompt, 40);
    const ref = await greedyNoCache(prompt, 40);
    expect(cached).toEqual(ref.ids);
  });

  it('cached and uncached logits agree within float tolerance', async () => {
    const dec = new KvDecoder(session, modelShape(config), 1);
    let [l] = await dec.feed(prompt.slice(0, 1));
    for (const t of prompt.slice(1)) [l] = await dec.feedRows([[t]]);
    dec.dispose();
    const full = new KvDecoder(session, modelShape(config), 1);
    const [ref] = await full.feed(prompt);
    full.dispose();
    for (let i = 0; i < l.length; i++) expect(Math.abs(l[i] - ref[i])).toBeLessThan(1e-4);
  });

  it('a batch of identical rows gives the single-row result in every row', async () => {
    const [single] = await greedyCached(prompt, 20, 1);
    const batch = await greedyCached(prompt, 20, 3);
    for (const row of batch) expect(row).toEqual(single);
  });

  it('refuses to run past the context instead of feeding garbage', async () => {
    const dec = new KvDecoder(session, modelShape(config), 1);
    await expect(dec.feed(new Array(config.n_ctx + 1).fill(2))).rejects.toThrow(/context overflow/);
    dec.dispose();
  });
});

describe('KvDecoder with ragged rows', () => {
  it('a left-padded row decodes like the same row alone', async () => {
    const short = [2, 3, 150];
    const long = [2, 3, 151, 5, 300, 420];
    const dec = new KvDecoder(session, modelShape(config), 2);
    let logits = await dec.feedRows([short, long]);
    const got: number[][] = [[], []];
    for (let i = 0; i < 10; i++) {
      const next = logits.map((l) => argmax(l));
      next.forEach((t, r) => got[r].push(t));
      logits = await dec.feedRows(next.map((t) => [t]));
    }
    dec.dispose();
    expect(got[0]).toEqual((await greedyCached(short, 10))[0]);
    expect(got[1]).toEqual((await greedyCached(long, 10))[0]);
  });
});

describe('KvDecoder cache modes', () => {
  /** Logits of every run for the same feeds: a prefill, single steps and multi-token feeds up to the context end. */
  async function trace(mode: 'own' | 'present', rows: number[][]): Promise<Float32Array[][]> {
    const dec = new KvDecoder(session, modelShape(config), rows.length, mode);
    expect(dec.mode).toBe(mode);
    const out = [await dec.feedRows(rows)];
    let t = 0;
    while (dec.room > 0) {
      const s = Math.min(dec.room, t % 7 === 3 ? 5 : 1); // mostly steps, now and then a forced run of 5
      out.push(
        await dec.feedRows(
          rows.map((_, r) => Array.from({ length: s }, (_, j) => 160 + ((t * 31 + j * 7 + r * 13) % 250))),
        ),
      );
      t++;
    }
    dec.dispose();
    return out;
  }

  it('the model file has step outputs, so the CPU default keeps its own cache', () => {
    expect(new KvDecoder(session, modelShape(config), 1).mode).toBe('own');
  });

  it('feeds present back on WebGPU (it stays on the GPU) and for files exported without step outputs', () => {
    const shape = modelShape(config);
    expect(defaultCacheMode({ ...session, backend: 'webgpu' }, shape)).toBe('present');
    const older = { ...session, outputNames: session.outputNames.filter((n) => !n.startsWith('new_key_values.')) };
    expect(defaultCacheMode(older, shape)).toBe('present');
    expect(defaultCacheMode({ ...session, backend: 'wasm' }, shape)).toBe('own');
  });

  it('own cache and fed-back presents give the same logits to the end of the context, ragged rows included', async () => {
    const rows = [
      [2, 3, 150],
      [2, 3, 151, 5, 300, 420],
    ];
    const [own, present] = [await trace('own', rows), await trace('present', rows)];
    expect(own.length).toBe(present.length);
    expect(own.length).toBeGreaterThan(config.n_ctx / 3); // crossed several capacity steps and hit the end
    let worst = 0;
    own.forEach((run, k) =>
      run.forEach((l, r) => l.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - present[k][r][i]))))),
    );
    expect(worst).toBeLessThan(1e-4);
  });
});
