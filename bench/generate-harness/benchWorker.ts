// The benchmark's browser side, in a module worker like the app's engine (ORT's WASM
// threads cannot block the page's thread): our engine, transformers.js generate() and
// a no-cache loop on the same model file.
import { PRESETS, presetTracks } from '../../src/music/presets';
import { generate, newStats } from '../../src/model/generate';
import { KvDecoder, type CacheMode } from '../../src/model/kvDecoder';
import { modelShape, type ModelConfig } from '../../src/model/modelConfig';
import { setWasmThreads, wasmThreads } from '../../src/model/session';
import { loadWebEngine } from '../../src/model/webEngine';
import { atContext, promptIds, quantile, type ContextTiming } from './timing';

export interface BackendResult {
  backend: string;
  variant: string;
  batch: number;
  threads: number;
  /** self.crossOriginIsolated in the worker: WASM threads need it. */
  isolated: boolean;
  /** WebGPU: the adapter (vendor, architecture); 'swiftshader' is a CPU emulation. */
  adapter?: string;
  /** Where the KV cache lives between steps (kvCache.ts). */
  cache: CacheMode;
  loadMs: number;
  contexts: ContextTiming[];
  fourBars?: { ms: number; tokens: number; tracks: number; sampleMsPerToken: number };
}

/** The line-up of the 4-bar figure: SATB for a chorale model, the rock band preset for a GM one. */
function lineUp(config: ModelConfig): string[] {
  const known = config.instruments;
  if (!known.includes('DRUMS')) return known.slice(0, 4);
  const rock = PRESETS.find((p) => p.name.startsWith('Rock band'))!;
  return presetTracks(rock, known);
}

/** WASM copies every input into its heap each run: this times copying the past it is fed at `context`, per step. */
function heapCopyMs(config: ModelConfig, batch: number, context: number, bytesPerValue: number): number {
  const shape = modelShape(config);
  const bytes = 2 * shape.nLayer * batch * shape.nHead * context * shape.headDim * bytesPerValue;
  const src = new Uint8Array(bytes).fill(1);
  const heap = new Uint8Array(bytes);
  heap.set(src); // first touch of the pages
  let best = Infinity; // the fastest of a few: the machine is shared
  for (let i = 0; i < 8; i++) {
    const t0 = performance.now();
    heap.set(src);
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

async function adapterName(): Promise<string | undefined> {
  const gpu = (
    navigator as { gpu?: { requestAdapter(): Promise<{ info?: { vendor?: string; architecture?: string } } | null> } }
  ).gpu;
  const info = (await gpu?.requestAdapter().catch(() => null))?.info;
  return info ? [info.vendor, info.architecture].filter(Boolean).join(' ') : undefined;
}

export async function benchBackend(
  url: string,
  backend: 'wasm' | 'webgpu',
  variant: string,
  batch: number,
  steps: number,
  contexts: number[],
  /** Also time composing 4 SATB bars (batch 1 only). */
  fourBars: boolean,
  /** Force a cache mode; default: the engine's choice. */
  cache?: CacheMode,
): Promise<BackendResult> {
  const t0 = performance.now();
  const { engine, info } = await loadWebEngine(url, backend, undefined, variant);
  const loadMs = performance.now() - t0;
  const dec = new KvDecoder(engine.session, modelShape(engine.config), batch, cache);
  const out: ContextTiming[] = [];
  for (const c of contexts) {
    const t = await atContext(dec, Math.min(c, engine.config.n_ctx), steps);
    if (info.backend === 'wasm')
      t.copyMs = heapCopyMs(engine.config, batch, t.context, engine.session.kvDtype === 'float16' ? 2 : 4);
    out.push(t);
  }
  dec.dispose();
  let bars: BackendResult['fourBars'];
  if (fourBars && batch === 1) {
    const stats = newStats();
    const tracks = lineUp(engine.config);
    const f0 = performance.now();
    const res = await generate(
      engine,
      {
        mode: 'compose',
        tracks: tracks.map((inst) => ({ inst })),
        bars: 4,
        sampling: { temperature: 1, topP: 0.95, seed: 1 },
      },
      { stats },
    );
    bars = {
      ms: performance.now() - f0,
      tokens: res.tokens.length,
      tracks: tracks.length,
      sampleMsPerToken: stats.sampleMs / Math.max(1, stats.sampled),
    };
  }
  await engine.session.release();
  const isolated = globalThis.crossOriginIsolated === true;
  const threads = info.backend === 'wasm' ? wasmThreads() : 1;
  const adapter = info.backend === 'webgpu' ? await adapterName() : undefined;
  return {
    backend: info.backend,
    variant: info.variant,
    batch,
    threads,
    isolated,
    adapter,
    cache: dec.mode,
    loadMs,
    contexts: out,
    fourBars: bars,
  };
}

/** No-cache loop: each step re-feeds the whole prefix (past = 0). Returns ms per step at each context. */
export async function benchNoCache(
  url: string,
  variant: string,
  contexts: number[],
  steps: number,
): Promise<{ context: number; msPerToken: number }[]> {
  const { engine } = await loadWebEngine(url, 'wasm', undefined, variant);
  const dec = new KvDecoder(engine.session, modelShape(engine.config), 1);
  const out = [];
  for (const c of contexts) {
    const ids = promptIds(Math.min(c, engine.config.n_ctx));
    const times: number[] = [];
    for (let i = 0; i < steps; i++) {
      dec.reset();
      const t0 = performance.now();
      await dec.feed(ids);
      times.push(performance.now() - t0);
    }
    out.push({ context: c, msPerToken: quantile(times, 0.5) });
  }
  dec.dispose();
  await engine.session.release();
  return out;
}

/**
 * transformers.js generate() (greedy, KV cache) on the same model.onnx: ms per new token at a
 * context, from the difference between generating 1 and 1 + n tokens.
 */
export async function benchTransformersJs(
  modelId: string,
  ortPrefix: string,
  contexts: number[],
  n: number,
  threads?: number,
): Promise<{ context: number; msPerToken: number; loadMs: number }[]> {
  const tjs = await import('@huggingface/transformers');
  tjs.env.allowRemoteModels = false;
  tjs.env.allowLocalModels = true;
  tjs.env.localModelPath = '/models/';
  const onnx = tjs.env.backends.onnx as { wasm: { wasmPaths: unknown; numThreads?: number } };
  onnx.wasm.wasmPaths = {
    mjs: `${ortPrefix}ort-wasm-simd-threaded.asyncify.mjs`,
    wasm: `${ortPrefix}ort-wasm-simd-threaded.asyncify.wasm`,
  };
  onnx.wasm.numThreads =
    (globalThis.crossOriginIsolated &&
      (threads ?? Math.max(1, Math.min(4, Math.floor(navigator.hardwareConcurrency / 2))))) ||
    1; // as ours
  const t0 = performance.now();
  const model = await tjs.AutoModelForCausalLM.from_pretrained(modelId, { device: 'wasm', dtype: 'fp32' });
  const loadMs = performance.now() - t0;
  const out = [];
  const nCtx = (model.config as unknown as { n_positions: number }).n_positions;
  for (const c of contexts.map((x) => Math.min(x, nCtx))) {
    const ids = promptIds(c - n - 1);
    const input = new tjs.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length]);
    const timeFor = async (newTokens: number) => {
      const s = performance.now();
      await model.generate({ inputs: input, max_new_tokens: newTokens, min_new_tokens: newTokens, do_sample: false });
      return performance.now() - s;
    };
    await timeFor(1); // warm-up
    // The fastest of two each: on a shared machine one slow 1-token run would make the difference negative.
    const one = Math.min(await timeFor(1), await timeFor(1));
    const many = Math.min(await timeFor(1 + n), await timeFor(1 + n));
    out.push({ context: c, msPerToken: Math.max(0, many - one) / n, loadMs });
  }
  await model.dispose();
  return out;
}

const benches = { benchBackend, benchNoCache, benchTransformersJs };
export type Benches = typeof benches;
export type BenchCall = { [K in keyof Benches]: { id: number; fn: K; args: Parameters<Benches[K]> } }[keyof Benches];

declare const self: DedicatedWorkerGlobalScope;
// ORT's pthread workers load this script too: only the real worker answers messages.
// A worker named "…-t<N>" runs its WASM sessions on N threads (main.ts makes one per count).
const threads = /-t(\d+)$/.exec(self.name ?? '')?.[1];
if (!self.name?.startsWith('em-pthread') && threads) setWasmThreads(Number(threads));
if (!self.name?.startsWith('em-pthread'))
  self.onmessage = async (ev: MessageEvent<BenchCall>) => {
    const { id, fn, args } = ev.data;
    try {
      const run = benches[fn] as (...a: unknown[]) => Promise<unknown>;
      self.postMessage({ id, ok: true, value: await run(...args) });
    } catch (e) {
      self.postMessage({ id, ok: false, message: (e as Error)?.stack ?? String(e) });
    }
  };
