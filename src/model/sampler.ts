// Logits processors: small pure functions on one row of logits (Float32Array),
// applied in order mask -> temperature -> top-k -> top-p, then a
// draw. Each writes in place and returns its input so they chain.
import type { Rng } from '../music/rng';
import type { Sampling } from './protocol';

/** Forbids every token whose mask entry is 0: the grammar's say is final. */
export function applyMask(logits: Float32Array, mask: Uint8Array): Float32Array {
  for (let i = 0; i < logits.length; i++) if (!mask[i]) logits[i] = -Infinity;
  return logits;
}

export function applyTemperature(logits: Float32Array, temperature: number): Float32Array {
  if (temperature === 1 || temperature <= 0) return logits;
  const inv = 1 / temperature;
  for (let i = 0; i < logits.length; i++) logits[i] *= inv;
  return logits;
}

/** Keeps the k largest logits (ties at the k-th value are kept too). */
export function applyTopK(logits: Float32Array, k: number): Float32Array {
  if (!(k > 0) || k >= logits.length) return logits;
  const sorted = Float32Array.from(logits).sort();
  const kth = sorted[sorted.length - k];
  for (let i = 0; i < logits.length; i++) if (logits[i] < kth) logits[i] = -Infinity;
  return logits;
}

/**
 * Keeps the smallest set of most likely tokens whose probability mass reaches p (ties at the
 * cut broken toward lower ids). Runs every sampled token, so it sorts a typed array of the
 * allowed tokens' probabilities natively instead of sorting ids with a comparator.
 */
export function applyTopP(logits: Float32Array, p: number): Float32Array {
  if (p >= 1) return logits;
  const probs = softmax(logits);
  const sorted = probs.filter((x) => x > 0).sort();
  let mass = 0;
  let kept = 0;
  for (let j = sorted.length - 1; j >= 0; j--, kept++) {
    if (mass >= p && kept > 0) break;
    mass += sorted[j];
  }
  if (kept === sorted.length) return logits;
  const cut = sorted[sorted.length - kept];
  let ties = 0;
  for (let j = sorted.length - kept; j < sorted.length && sorted[j] === cut; j++) ties++;
  for (let i = 0; i < logits.length; i++) {
    if (probs[i] > cut) continue;
    if (probs[i] === cut && ties > 0) ties--;
    else logits[i] = -Infinity;
  }
  return logits;
}

/** Numerically stable softmax into a new array; all -Infinity gives all zeros. */
export function softmax(logits: Float32Array): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i] > max) max = logits[i];
  const out = new Float64Array(logits.length);
  if (max === -Infinity) return out;
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += out[i] = Math.exp(logits[i] - max);
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}

/** Index of the largest logit (the first on ties); -1 when every logit is -Infinity. */
export function argmax(logits: Float32Array): number {
  let best = -1;
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++)
    if (logits[i] > max) {
      max = logits[i];
      best = i;
    }
  return best;
}

/** One categorical draw; -1 when nothing is allowed. */
export function drawFrom(logits: Float32Array, rng: Rng): number {
  const probs = softmax(logits);
  const u = rng();
  let acc = 0;
  let last = -1;
  for (let i = 0; i < probs.length; i++) {
    if (probs[i] === 0) continue;
    acc += probs[i];
    last = i;
    if (u < acc) return i;
  }
  return last;
}

/** Below this, dividing by the temperature overflows float32: treat it as greedy. */
export const MIN_TEMPERATURE = 1e-3;

/** The whole chain on one row. `mask` is the grammar's allowed set. Temperature ~0 is greedy (argmax after the mask). */
export function sampleToken(logits: Float32Array, s: Sampling, rng: Rng, mask?: Uint8Array): number {
  if (mask) applyMask(logits, mask);
  if (!(s.temperature >= MIN_TEMPERATURE)) return argmax(logits);
  applyTemperature(logits, s.temperature);
  if (s.topK) applyTopK(logits, s.topK);
  applyTopP(logits, s.topP);
  return drawFrom(logits, rng);
}
