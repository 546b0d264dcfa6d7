// The one seedable RNG: training-data augmentation (windows.ts, samples.ts) and the engine's sampling
// draw from it, so one seed gives the same stream on every platform and a run is reproducible.

/** Uniform floats in [0, 1). */
export type Rng = () => number;

/** mulberry32: small, fast, and good enough for sampling and shuffles. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
