// The roll's bar lines, from the score's own meter map (src/music/meter.ts), cached per map:
// every frame asks, and a 2/4 bar in the middle of a song is drawn as the short bar it is.
// Unlike the piece's bars (selectors.pieceBars) these go on past the last note, as far as the view does.
import { barLength, barsOf, type Bar } from '../../music/meter';
import type { Score } from '../../music/score';

type MeterSource = Pick<Score, 'ppq' | 'timeSignatures'>;

const CHUNK_BARS = 64;
const cache = new WeakMap<MeterSource['timeSignatures'], { ppq: number; until: number; bars: Bar[] }>();

/** Bars covering [0, untilTick) (and a little beyond: the map is walked in chunks of 64 bars). */
export function rollBars(score: MeterSource, untilTick: number): Bar[] {
  const hit = cache.get(score.timeSignatures);
  if (hit && hit.ppq === score.ppq && hit.until >= untilTick) return hit.bars;
  const chunk = CHUNK_BARS * barLength(score.ppq, 4, 4);
  const until = Math.ceil(Math.max(1, untilTick) / chunk) * chunk;
  const bars = barsOf(score, until);
  cache.set(score.timeSignatures, { ppq: score.ppq, until, bars });
  return bars;
}
