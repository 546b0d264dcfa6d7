// Timing a KV-cache decoder at a given context: shared by the page (onnxruntime-web)
// and Node (onnxruntime-node) sides of the benchmark, so both measure the same thing.
import type { KvDecoder } from '../../src/model/kvDecoder';
import { mulberry32 } from '../../src/music/rng';
import { sampleToken } from '../../src/model/sampler';

export interface ContextTiming {
  context: number;
  prefillMs: number;
  /** ms per decode step (one token per row): sampling + run() + logits readback. */
  p50: number;
  p90: number;
  meanMs: number;
  /** Means per step: inside session.run, reading the logits back. */
  runMs: number;
  readMs: number;
  /** ms per sampled token. */
  sampleMs: number;
  /** WASM: ms to copy the past fed at this context once (what ORT-web copies into its heap each run). */
  copyMs?: number;
}

export const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

/** Token ids that look like a piece (bar events of the default vocabulary), for prompts of any length. */
export function promptIds(n: number): number[] {
  const rng = mulberry32(1);
  return Array.from({ length: n }, (_, i) => (i === 0 ? 2 : 160 + Math.floor(rng() * 256)));
}

/** Prefill to `context - steps` tokens, then `steps` single-token steps ending at `context`. */
export async function atContext(dec: KvDecoder, context: number, steps: number): Promise<ContextTiming> {
  dec.reset();
  const rng = mulberry32(2);
  const t0 = performance.now();
  let logits = await dec.feed(promptIds(context - steps));
  const prefillMs = performance.now() - t0;
  const times: number[] = [];
  let sampleMs = 0;
  const before = { ...dec.timing };
  for (let i = 0; i < steps; i++) {
    const s0 = performance.now();
    const next = logits.map((l) => sampleToken(l, { temperature: 1, topP: 0.95, seed: 0 }, rng));
    sampleMs += performance.now() - s0;
    logits = await dec.feedRows(next.map((t) => [t]));
    times.push(performance.now() - s0);
  }
  return {
    context,
    prefillMs,
    p50: quantile(times, 0.5),
    p90: quantile(times, 0.9),
    meanMs: times.reduce((a, b) => a + b, 0) / steps,
    runMs: (dec.timing.runMs - before.runMs) / steps,
    readMs: (dec.timing.readMs - before.readMs) / steps,
    sampleMs: sampleMs / steps / dec.batch,
  };
}
