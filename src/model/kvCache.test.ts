// OwnCache's array layout, on a stand-in session that only wraps arrays (the logits it feeds
// are checked against fed-back presents on a real model in kvDecoder.test.ts).
import { describe, expect, it } from 'vitest';
import type { EngineSession, Tensor } from './engineSession';
import { CAPACITY_STEP, OwnCache, type CacheShape } from './kvCache';

const shape: CacheShape = { nLayer: 2, nHead: 2, headDim: 4, nCtx: 128 };
const session = {
  kvDtype: 'float32',
  kv: (data: Float32Array, dims: number[]) => ({ data, dims }),
} as unknown as EngineSession;

/** This run's keys: value = position + 1 in every row, so a slot shows which position it holds. */
function stepOutputs(length: number, s: number): Record<string, Tensor> {
  const rows = shape.nHead;
  const data = new Float32Array(rows * s * shape.headDim).map(
    (_, i) => length + Math.floor((i % (s * shape.headDim)) / shape.headDim) + 1,
  );
  const out: Record<string, Tensor> = {};
  for (let l = 0; l < shape.nLayer; l++)
    for (const kv of ['key', 'value']) out[`new_key_values.${l}.${kv}`] = { data } as unknown as Tensor;
  return out;
}

type Fed = { data: Float32Array; dims: number[] };
const key0 = (cache: OwnCache) => cache.feeds()['past_key_values.0.key'] as unknown as Fed;

/** Runs the cache like the decoder does; returns past_key_values.0.key as fed to each run and as held after it. */
function drive(cache: OwnCache, runs: number[]): { fed: Fed[]; held: Fed[] } {
  const fed = [];
  const held = [];
  let length = 0;
  for (const s of runs) {
    cache.prepare(length, s);
    fed.push(key0(cache));
    cache.update(stepOutputs(length, s), length, s);
    held.push(key0(cache));
    length += s;
  }
  return { fed, held };
}

describe('OwnCache', () => {
  it('single steps to the end of the context feed one array: no re-layout (a copy of the whole cache) per step', () => {
    const cache = new OwnCache(session, shape, 1);
    const prefill = shape.nCtx - 10;
    const { fed, held } = drive(cache, [prefill, ...new Array(10).fill(1)]);
    const arrays = [...held, ...fed.slice(1)];
    expect(new Set(arrays.map((f) => f.data)).size).toBe(1);
    expect(arrays[0].dims[2]).toBe(shape.nCtx - 1);
  });

  it('grows CAPACITY_STEP slots at a time and keeps every position it was given, in order', () => {
    const cache = new OwnCache(session, shape, 1);
    const runs = [5, ...new Array(60).fill(1), 7, 1];
    const { held } = drive(cache, runs);
    let length = 0;
    expect(held.map((h) => h.dims[2])).toEqual(
      runs.map((s) => Math.ceil((length += s) / CAPACITY_STEP) * CAPACITY_STEP),
    );
    const { data, dims } = held.at(-1)!;
    const used = 5 + 60 + 7 + 1;
    for (let h = 0; h < shape.nHead; h++)
      for (let p = 0; p < dims[2]; p++) expect(data[(h * dims[2] + p) * shape.headDim]).toBe(p < used ? p + 1 : 0);
  });
});
