// The player's glue (engine start, timers, listeners, overtaken plays) with the Tone.js
// output replaced by a recording fake on a fake clock; no audio, no real time.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Score } from '../music/score';
import type { VoiceOn } from './scheduler';

const fake = vi.hoisted(() => ({ now: 0, ons: [] as VoiceOn[], loads: 0, loadDelay: 0 }));

vi.mock('./toneOutput', () => ({
  ToneOutput: class {
    clock = { now: () => fake.now };
    heardTime = () => fake.now;
    unlock = async () => {};
    setTracks() {}
    load = () => {
      fake.loads++;
      return fake.loadDelay ? new Promise<void>((r) => setTimeout(r, fake.loadDelay)) : Promise.resolve();
    };
    noteOn = (v: VoiceOn) => fake.ons.push(v);
    noteOff() {}
    allOff() {}
    sampledSounds = () => ['gm19'];
    level = () => -12;
  },
}));

const player = await import('./player');

const score: Score = {
  ppq: 480,
  tempos: [{ tick: 0, bpm: 120 }],
  timeSignatures: [],
  tracks: [
    {
      name: 's',
      program: 0,
      isDrum: false,
      part: 'SOPRANO',
      notes: [0, 1, 2, 3].map((b) => ({ pitch: 60 + b, start: b * 480, duration: 480, velocity: 80 })),
    },
  ],
};
const options = { fromTick: 0, tempoScale: 1, muted: new Set<number>() };

/** Advance fake time: the audio clock and the timers (25 ms scheduler tick, 16 ms frames) together. */
async function advance(seconds: number) {
  for (let ms = 0; ms < seconds * 1000; ms += 5) {
    fake.now += 0.005;
    await vi.advanceTimersByTimeAsync(5);
  }
}

describe('player', () => {
  const positions: number[] = [];
  const playing: boolean[] = [];
  let unsubscribe: (() => void)[] = [];

  beforeEach(() => {
    // Node has no animation frames: ~60 Hz timeouts stand in, faked like the rest.
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => setTimeout(() => cb(0), 16));
    vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    Object.assign(fake, { now: 0, ons: [], loads: 0, loadDelay: 0 });
    positions.length = 0;
    playing.length = 0;
    unsubscribe = [player.onPosition((t) => positions.push(t)), player.onPlayingChange((p) => playing.push(p))];
  });

  afterEach(() => {
    player.stop();
    unsubscribe.forEach((u) => u());
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('plays: notes reach the output, the playhead is reported every frame, the end is announced', async () => {
    await player.play(score, options);
    expect(player.isPlaying()).toBe(true);
    expect(playing).toEqual([true]);
    await advance(1);
    expect(fake.ons.map((v) => v.pitch)).toEqual([60, 61, 62]);
    expect(positions.length).toBeGreaterThan(30);
    expect(positions.at(-1)).toBeGreaterThan(800);
    expect(positions.at(-1)).toBeLessThan(960);
    await advance(1.5);
    expect(player.isPlaying()).toBe(false);
    expect(playing).toEqual([true, false]);
    expect(fake.ons).toHaveLength(4);
    expect(player.sampledSounds()).toEqual(['gm19']);
  });

  it('pauses at the playhead and stops back at the start', async () => {
    await player.play(score, { ...options, fromTick: 480 });
    await advance(0.5);
    const at = player.pause();
    expect(at).toBeGreaterThan(900);
    expect(positions.at(-1)).toBe(at);
    const count = positions.length;
    await advance(0.5);
    expect(positions.length).toBe(count);
    player.stop();
    expect(positions.at(-1)).toBe(480);
    expect(playing).toEqual([true, false]);
  });

  it('a pause while samples load wins over the play that was waiting', async () => {
    fake.loadDelay = 1000;
    const started = player.play(score, options);
    await vi.advanceTimersByTimeAsync(100);
    player.pause();
    await vi.advanceTimersByTimeAsync(1000);
    await started;
    expect(player.isPlaying()).toBe(false);
    expect(fake.ons).toEqual([]);
    expect(playing).toEqual([]);
  });

  it('starts with fallback synths when samples take too long', async () => {
    fake.loadDelay = 60_000;
    const started = player.play(score, options);
    await vi.advanceTimersByTimeAsync(5000);
    await started;
    expect(player.isPlaying()).toBe(true);
  });

  it('rejects a bad loop with a RangeError and keeps quiet', async () => {
    await expect(player.play(score, { ...options, loop: [480, 0] })).rejects.toThrow(RangeError);
    expect(player.isPlaying()).toBe(false);
  });
});
