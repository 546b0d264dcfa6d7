// A seedable RNG (mulberry32): the same seed gives the same stream on every
// platform, which is what makes a generation reproducible.

export type Rng = () => number;

/** Returns uniform floats in [0, 1). */
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

/** Independent streams for the rows of a batch: row i of seed s never equals row 0 of another seed by accident. */
export function rowSeed(seed: number, row: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) + Math.imul(row + 1, 0x85ebca77)) >>> 0;
}
