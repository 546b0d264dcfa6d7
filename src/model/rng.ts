// The engine's seedable RNG: the same mulberry32 the music core uses for augmentation,
// so one seed gives the same stream on every platform and a generation is reproducible.
export { mulberry32 } from '../music/windows';

/** Uniform floats in [0, 1). */
export type Rng = () => number;
