// Real bar lines from a score's time-signature map. Ticks are the source of truth: every
// place that counts bars (encoding, continuation, the app's ruler, Clear bar, loop) asks here,
// so a file with a 2/4 bar in the middle has its bar lines where its own meter puts them.
import { endTick, type Score, type TimeSignatureEvent } from './score';

/** One bar: [start, end) in ticks, and the meter it is in. Bars are counted from 0 here; people count from 1. */
export interface Bar {
  start: number;
  end: number;
  numerator: number;
  denominator: number;
}

/** The most bars one piece may span: longer files are cut (encoding) or refused, never walked to the end of time. */
export const MAX_BARS = 2048;

type MeterSource = Pick<Score, 'ppq' | 'timeSignatures'>;

export const isFourFour = (b: Pick<Bar, 'numerator' | 'denominator'>) => b.numerator === 4 && b.denominator === 4;

/** Ticks in one bar of num/den at this resolution (never below one tick). */
export function barLength(ppq: number, numerator: number, denominator: number): number {
  return Math.max(1, Math.round((ppq * 4 * numerator) / denominator));
}

/** The meter map as the bars use it: sorted, 4/4 at tick 0 if the file says nothing sooner, last event per tick wins. */
export function meterMap(score: MeterSource): TimeSignatureEvent[] {
  const sigs = [...score.timeSignatures]
    .filter((s) => s.numerator >= 1 && s.denominator >= 1)
    .sort((a, b) => a.tick - b.tick);
  const out: TimeSignatureEvent[] = [];
  for (const s of sigs) {
    if (out.length > 0 && out[out.length - 1].tick === s.tick) out[out.length - 1] = s;
    else out.push(s);
  }
  if (out.length === 0 || out[0].tick > 0) out.unshift({ tick: 0, numerator: 4, denominator: 4 });
  return out;
}

/**
 * The bars that cover [0, untilTick) (at least one bar), at most `maxBars` of them. A meter
 * change that falls inside a bar (a file that says 3/4 at a tick that is not a bar line) starts a
 * new bar there, as notation programs do: the cut bar is shorter. Time is linear in the bars made.
 */
export function barsOf(score: MeterSource, untilTick: number, maxBars = MAX_BARS): Bar[] {
  const map = meterMap(score);
  const bars: Bar[] = [];
  let tick = 0;
  for (let i = 0; i < map.length && bars.length < maxBars; i++) {
    const { numerator, denominator } = map[i];
    const length = barLength(score.ppq, numerator, denominator);
    const next = i + 1 < map.length ? map[i + 1].tick : Infinity;
    tick = Math.max(tick, map[i].tick);
    while (tick < next && bars.length < maxBars && (tick < untilTick || bars.length === 0)) {
      const end = Math.min(tick + length, next);
      bars.push({ start: tick, end, numerator, denominator });
      tick = end;
    }
    if (tick >= untilTick && bars.length > 0) break;
  }
  return bars;
}

/** Index of the bar holding `tick` (binary search); ticks past the last bar give the last index. */
export function barIndexAt(bars: readonly Bar[], tick: number): number {
  let lo = 0;
  let hi = bars.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bars[mid].start <= tick) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** One stretch of the meter map: bars of one meter from `start` until `end` (the next change, or Infinity). */
interface Segment {
  start: number;
  end: number;
  length: number;
  numerator: number;
  denominator: number;
  /** Index of the segment's first bar among all bars of the score. */
  firstBar: number;
}

function segments(score: MeterSource): Segment[] {
  const map = meterMap(score);
  const out: Segment[] = [];
  let firstBar = 0;
  map.forEach(({ tick, numerator, denominator }, i) => {
    const end = i + 1 < map.length ? map[i + 1].tick : Infinity;
    const length = barLength(score.ppq, numerator, denominator);
    out.push({ start: tick, end, length, numerator, denominator, firstBar });
    firstBar += Math.ceil((end - tick) / length);
  });
  return out;
}

/** The segment holding `tick` (ticks before 0 count as the first). */
function segmentAt(segs: readonly Segment[], tick: number): Segment {
  let i = segs.length - 1;
  while (i > 0 && segs[i].start > tick) i--;
  return segs[i];
}

/**
 * The first bar line at or after `tick` (a bar line is where a bar starts; after the map's end,
 * bars of its last meter). Arithmetic on the meter map: a tick far out costs nothing.
 */
export function nextBarLine(score: MeterSource, tick: number): number {
  const seg = segmentAt(segments(score), tick);
  const line = seg.start + Math.max(0, Math.ceil((tick - seg.start) / seg.length)) * seg.length;
  return Math.min(line, seg.end);
}

/** Index (from 0) of the bar holding `tick`, at any distance: time linear in the meter map. */
export function barNumberAt(score: MeterSource, tick: number): number {
  const seg = segmentAt(segments(score), tick);
  return seg.firstBar + Math.max(0, Math.floor((tick - seg.start) / seg.length));
}

/** Bar `index` (from 0; as barsOf numbers them), at any distance: time linear in the meter map. */
export function barAt(score: MeterSource, index: number): Bar {
  const segs = segments(score);
  let i = segs.length - 1;
  while (i > 0 && segs[i].firstBar > index) i--;
  const seg = segs[i];
  const start = seg.start + Math.max(0, index - seg.firstBar) * seg.length;
  return { start, end: Math.min(start + seg.length, seg.end), numerator: seg.numerator, denominator: seg.denominator };
}

/** [start of the bar holding `from`, end of the bar holding the tick before `to`]: a span widened to whole bars. */
export function wholeBars(score: MeterSource, from: number, to: number): [number, number] {
  const first = barAt(score, barNumberAt(score, from));
  const last = barAt(score, barNumberAt(score, Math.max(from, to - 1)));
  return [first.start, last.end];
}

/**
 * Why bar `index` (from 0) of a piece of `count` bars is not a whole 4/4 bar (the only bars the
 * model writes), in words that count bars from 1 as musicians do; null when it is one.
 */
export function notFourFourBar(score: MeterSource, index: number, count: number): string | null {
  if (!Number.isInteger(index) || index < 0 || index >= count)
    return `no bar ${Number.isInteger(index) ? index + 1 : index}: the piece has ${count} bar${count === 1 ? '' : 's'}`;
  const b = barAt(score, index);
  if (!isFourFour(b)) return `bar ${index + 1} is in ${b.numerator}/${b.denominator}: the model writes 4/4 bars only`;
  if (b.end - b.start !== barLength(score.ppq, 4, 4))
    return `bar ${index + 1} is shorter than a 4/4 bar (the meter changes inside it): the model writes whole 4/4 bars only`;
  return null;
}

/** Where a continuation's new bars start: the first bar line at or after the last note (and at or after `after`). */
export function continuationStart(score: Score, after = 0): number {
  return nextBarLine(score, Math.max(endTick(score), after));
}

/**
 * The meter map with 4/4 from `tick` on (where a continuation's new bars begin). Events after
 * `tick` are dropped; nothing changes when the file is in 4/4 there already.
 */
export function fourFourFrom(score: MeterSource, tick: number): TimeSignatureEvent[] {
  const before = meterMap(score).filter((s) => s.tick < tick);
  const current = before[before.length - 1];
  if (current && isFourFour(current)) return before;
  return [...before, { tick, numerator: 4, denominator: 4 }];
}
