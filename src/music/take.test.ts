import { describe, expect, it } from 'vitest';
import { HeldKeys } from './heldKeys';
import { buildTake, type PlacedEvent, type TakeOptions } from './take';

const on = (tick: number, pitch: number, velocity = 100, countIn?: boolean): PlacedEvent => ({
  kind: 'on',
  tick,
  pitch,
  velocity,
  countIn,
});
const off = (tick: number, pitch: number, countIn?: boolean): PlacedEvent => ({ kind: 'off', tick, pitch, countIn });
const pedal = (tick: number, down: boolean): PlacedEvent => ({ kind: 'sustain', tick, down });
const opts = (o: Partial<TakeOptions> = {}): TakeOptions => ({ from: 0, to: 7680, grid: 0, early: 120, ...o });
const n = (pitch: number, start: number, duration: number, velocity = 100) => ({ pitch, start, duration, velocity });

describe('HeldKeys', () => {
  it('ends a key on release, or on pedal up when the pedal held it', () => {
    const k = new HeldKeys<string>();
    expect(k.press(60, 'a')).toEqual([]);
    expect(k.release(60)).toEqual(['a']);
    k.press(62, 'b');
    k.setPedal(true);
    expect(k.release(62)).toEqual([]);
    expect(k.sounding()).toEqual(['b']);
    expect(k.setPedal(false)).toEqual(['b']);
    expect(k.sounding()).toEqual([]);
  });

  it('a key struck again ends its earlier strike, pedalled or not', () => {
    const k = new HeldKeys<string>();
    k.setPedal(true);
    k.press(60, 'a');
    k.release(60);
    expect(k.press(60, 'b')).toEqual(['a']);
    expect(k.releaseAll()).toEqual(['b']);
  });
});

describe('buildTake', () => {
  it('places notes at their ticks with their velocities, unquantised', () => {
    const notes = buildTake([on(10, 60, 90), off(250, 60), on(487, 64, 33), off(950, 64)], opts());
    expect(notes).toEqual([n(60, 10, 240, 90), n(64, 487, 463, 33)]);
  });

  it('snaps starts to the grid and keeps the played length', () => {
    const notes = buildTake([on(70, 60), off(310, 60), on(487, 64), off(950, 64)], opts({ grid: 120 }));
    expect(notes).toEqual([n(60, 120, 240), n(64, 480, 463)]);
  });

  it('lengthens notes the sustain pedal holds until it comes up', () => {
    const notes = buildTake(
      [
        pedal(0, true),
        on(0, 48),
        off(100, 48),
        on(480, 52),
        off(600, 52),
        pedal(960, false),
        on(1000, 55),
        off(1100, 55),
      ],
      opts(),
    );
    expect(notes).toEqual([n(48, 0, 960), n(52, 480, 480), n(55, 1000, 100)]);
  });

  it('a key struck again under the pedal ends the earlier note there', () => {
    const notes = buildTake(
      [pedal(0, true), on(0, 60), off(100, 60), on(480, 60, 80), off(500, 60), pedal(1200, false)],
      opts(),
    );
    expect(notes).toEqual([n(60, 0, 480), n(60, 480, 720, 80)]);
  });

  it('note-on with velocity 0 is a note-off', () => {
    expect(buildTake([on(0, 60), on(300, 60, 0)], opts())).toEqual([n(60, 0, 300)]);
  });

  it('ends keys and pedal still held when the take stops', () => {
    const notes = buildTake([on(100, 60), pedal(200, true), on(300, 62), off(400, 62)], opts({ to: 1000 }));
    expect(notes).toEqual([n(60, 100, 900), n(62, 300, 700)]);
  });

  it('an eager downbeat in the count-in lands on the first tick with its played length; earlier strikes are dropped', () => {
    const events = [
      on(1800, 40, 100, true),
      off(1900, 40, true),
      on(1890, 62, 70, true),
      off(1910, 62, true),
      on(1900, 60, 100, true),
      off(2100, 60),
      on(2000, 36),
    ];
    const notes = buildTake(events, opts({ from: 1920, early: 60 }));
    expect(notes).toEqual([n(60, 1920, 180), n(62, 1920, 20, 70), n(36, 2000, 5680)]);
  });

  it('a note held over the loop end ends there; a start snapped onto the loop end goes to its start', () => {
    const loop = [1920, 3840] as const;
    const held = buildTake([on(3600, 60), off(2000, 60)], opts({ loop, from: 1920 }));
    expect(held).toEqual([n(60, 3600, 240)]);
    const snapped = buildTake([on(3830, 62), off(1990, 62)], opts({ loop, from: 1920, grid: 120 }));
    expect(snapped).toEqual([n(62, 1920, 10)]);
  });

  it('clamps velocities and ignores releases of keys it never saw', () => {
    expect(buildTake([off(0, 50), on(10, 60, 300), off(20, 60)], opts())).toEqual([n(60, 10, 10, 127)]);
  });
});
