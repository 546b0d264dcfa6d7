import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildTempoMap, secondsToTick, tickToSeconds } from './timing';

describe('tempo map', () => {
  it('converts at a constant tempo', () => {
    const map = buildTempoMap([{ tick: 0, bpm: 120 }], 480);
    expect(tickToSeconds(map, 480)).toBeCloseTo(0.5);
    expect(tickToSeconds(map, 1920)).toBeCloseTo(2);
    expect(secondsToTick(map, 2)).toBeCloseTo(1920);
  });

  it('defaults to 120 BPM before the first event and for an empty map', () => {
    expect(tickToSeconds(buildTempoMap([], 96), 96)).toBeCloseTo(0.5);
    const late = buildTempoMap([{ tick: 960, bpm: 60 }], 480);
    expect(tickToSeconds(late, 960)).toBeCloseTo(1);
    expect(tickToSeconds(late, 1440)).toBeCloseTo(2);
  });

  it('sums piecewise segments across tempo changes', () => {
    // 1 beat at 60 BPM (1 s), 2 beats at 120 (1 s), then 240 BPM.
    const map = buildTempoMap(
      [
        { tick: 0, bpm: 60 },
        { tick: 480, bpm: 120 },
        { tick: 1440, bpm: 240 },
      ],
      480,
    );
    expect(tickToSeconds(map, 480)).toBeCloseTo(1);
    expect(tickToSeconds(map, 1440)).toBeCloseTo(2);
    expect(tickToSeconds(map, 1920)).toBeCloseTo(2.25);
    expect(secondsToTick(map, 1.5)).toBeCloseTo(960);
    expect(secondsToTick(map, 2.25)).toBeCloseTo(1920);
  });

  it('scales the tempo', () => {
    const map = buildTempoMap([{ tick: 0, bpm: 120 }], 480, 2);
    expect(tickToSeconds(map, 1920)).toBeCloseTo(1);
  });

  it('keeps the last of several events on one tick and skips broken tempos', () => {
    const map = buildTempoMap(
      [
        { tick: 0, bpm: 100 },
        { tick: 0, bpm: 60 },
        { tick: 480, bpm: 0 },
        { tick: 480, bpm: NaN },
      ],
      480,
    );
    expect(tickToSeconds(map, 960)).toBeCloseTo(2);
  });

  it('rejects a bad ppq or scale with a RangeError', () => {
    expect(() => buildTempoMap([], 0)).toThrow(RangeError);
    expect(() => buildTempoMap([], 480, 0)).toThrow(RangeError);
  });

  it('round-trips ticks through seconds for any tempo map', () => {
    const tempo = fc.record({
      tick: fc.integer({ min: 0, max: 100_000 }),
      bpm: fc.double({ min: 20, max: 300, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(tempo, { maxLength: 8 }), fc.integer({ min: 0, max: 200_000 }), (events, tick) => {
        const map = buildTempoMap(
          [...events].sort((a, b) => a.tick - b.tick),
          480,
        );
        expect(secondsToTick(map, tickToSeconds(map, tick))).toBeCloseTo(tick, 6);
      }),
    );
  });

  it('is monotonic: a later tick is never an earlier time', () => {
    const map = buildTempoMap(
      [
        { tick: 0, bpm: 90 },
        { tick: 300, bpm: 200 },
        { tick: 900, bpm: 40 },
      ],
      480,
    );
    let last = -1;
    for (let t = 0; t <= 3000; t += 7) {
      const s = tickToSeconds(map, t);
      expect(s).toBeGreaterThan(last);
      last = s;
    }
  });
});
