// Ticks <-> seconds over a tempo map. Ticks are the truth (see music/score.ts);
// seconds exist only here, for the audio clock.
import { DEFAULT_BPM, type TempoEvent } from '../music/score';

interface TempoSegment {
  tick: number;
  /** Seconds from tick 0 to `tick`. */
  seconds: number;
  secondsPerTick: number;
}

export interface TempoMap {
  readonly ppq: number;
  readonly segments: readonly TempoSegment[];
}

/**
 * Build a tempo map. `tempoScale` 2 plays twice as fast. Events must be sorted by tick;
 * an empty list (or one that starts after 0) means DEFAULT_BPM until the first event.
 */
export function buildTempoMap(tempos: readonly TempoEvent[], ppq: number, tempoScale = 1): TempoMap {
  if (!(ppq > 0)) throw new RangeError(`ppq must be > 0, got ${ppq}`);
  if (!(tempoScale > 0)) throw new RangeError(`tempoScale must be > 0, got ${tempoScale}`);
  const spt = (bpm: number) => 60 / (bpm * tempoScale * ppq);
  const segments: TempoSegment[] = [{ tick: 0, seconds: 0, secondsPerTick: spt(DEFAULT_BPM) }];
  for (const { tick, bpm } of tempos) {
    if (!(bpm > 0) || !Number.isFinite(bpm)) continue; // a broken event must not stop the music
    const last = segments[segments.length - 1];
    const at = Math.max(tick, last.tick);
    const seg = { tick: at, seconds: last.seconds + (at - last.tick) * last.secondsPerTick, secondsPerTick: spt(bpm) };
    if (at === last.tick) segments[segments.length - 1] = seg;
    else segments.push(seg);
  }
  return { ppq, segments };
}

/** Index of the last segment whose `key` is <= value (segments are sorted by both keys). */
function segmentAt(map: TempoMap, key: 'tick' | 'seconds', value: number): TempoSegment {
  const s = map.segments;
  let lo = 0;
  let hi = s.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s[mid][key] <= value) lo = mid;
    else hi = mid - 1;
  }
  return s[lo];
}

export function tickToSeconds(map: TempoMap, tick: number): number {
  const seg = segmentAt(map, 'tick', tick);
  return seg.seconds + (tick - seg.tick) * seg.secondsPerTick;
}

/** Fractional tick at `seconds` from the start. */
export function secondsToTick(map: TempoMap, seconds: number): number {
  const seg = segmentAt(map, 'seconds', seconds);
  return seg.tick + (seconds - seg.seconds) / seg.secondsPerTick;
}
