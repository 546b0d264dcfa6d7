import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mulberry32 } from '../music/rng';
import { applyTopK, applyTopP, argmax, drawFrom, sampleToken, softmax } from './sampler';

const settings = { temperature: 1, topP: 1, seed: 1 };

function histogram(logits: number[], n: number, seed: number, opts = settings): number[] {
  const rng = mulberry32(seed);
  const counts = new Array(logits.length).fill(0);
  for (let i = 0; i < n; i++) counts[sampleToken(Float32Array.from(logits), opts, rng)]++;
  return counts.map((c) => c / n);
}

describe('rng', () => {
  it('is reproducible per seed and differs across seeds', () => {
    const a = mulberry32(7),
      b = mulberry32(7),
      c = mulberry32(8);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('sampler', () => {
  it('draws in proportion to softmax(logits) with a fixed seed', () => {
    const logits = [Math.log(0.5), Math.log(0.3), Math.log(0.2)];
    const freq = histogram(logits, 20000, 42);
    expect(freq[0]).toBeCloseTo(0.5, 1);
    expect(freq[1]).toBeCloseTo(0.3, 1);
    expect(freq[2]).toBeCloseTo(0.2, 1);
  });

  it('temperature sharpens and flattens the distribution', () => {
    const logits = [2, 1, 0];
    const cold = histogram(logits, 5000, 3, { ...settings, temperature: 0.25 });
    const hot = histogram(logits, 5000, 3, { ...settings, temperature: 4 });
    expect(cold[0]).toBeGreaterThan(0.95);
    expect(hot[2]).toBeGreaterThan(0.2);
  });

  it('temperature 0 is greedy', () => {
    const rng = mulberry32(1);
    expect(sampleToken(Float32Array.from([0.1, 3, 2]), { ...settings, temperature: 0 }, rng)).toBe(1);
  });

  it('top-k keeps exactly the k best', () => {
    const l = applyTopK(Float32Array.from([5, 1, 4, 3, 2]), 2);
    expect(Array.from(l).map((v) => v > -Infinity)).toEqual([true, false, true, false, false]);
  });

  it('top-p keeps the smallest nucleus reaching p', () => {
    const logits = Float32Array.from([0.5, 0.3, 0.15, 0.05].map(Math.log));
    expect(Array.from(applyTopP(logits.slice(), 0.7)).map(Number.isFinite)).toEqual([true, true, false, false]);
    expect(Array.from(applyTopP(logits.slice(), 0.5)).map(Number.isFinite)).toEqual([true, false, false, false]);
    expect(Array.from(applyTopP(logits.slice(), 0.01)).map(Number.isFinite)).toEqual([true, false, false, false]);
  });

  it('softmax of all -Infinity is zeros, and drawing from it gives -1', () => {
    const l = Float32Array.from([-Infinity, -Infinity]);
    expect(Array.from(softmax(l))).toEqual([0, 0]);
    expect(drawFrom(l, mulberry32(1))).toBe(-1);
    expect(argmax(l)).toBe(-1);
  });

  it('the mask never lets a forbidden token through, whatever the logits and settings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -50, max: 50, noNaN: true }), { minLength: 2, maxLength: 40 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 5 }),
        (logits, seed, temperature, topP, topK) => {
          const rng = mulberry32(seed);
          const mask = Uint8Array.from(logits, () => (rng() < 0.3 ? 1 : 0));
          mask[seed % logits.length] = 1;
          const id = sampleToken(Float32Array.from(logits), { temperature, topP, topK, seed }, rng, mask);
          expect(mask[id]).toBe(1);
        },
      ),
      { numRuns: 500 },
    );
  });
});
