import { describe, expect, it } from 'vitest';
import type { Note, Score, Track } from '../music/score';
import { velocityGain, type Zone } from './patch';
import { planRender, RELEASE_TAIL, renderRange, type RenderOptions } from './renderPlan';

// 120 BPM, ppq 480: one beat (480 ticks) = 0.5 s, one 4/4 bar = 2 s.
const PPQ = 480;
const note = (pitch: number, start: number, duration: number, velocity = 100): Note => ({
  pitch,
  start,
  duration,
  velocity,
});

function score(tracks: Partial<Track>[], tempos = [{ tick: 0, bpm: 120 }]): Score {
  return {
    ppq: PPQ,
    tempos,
    timeSignatures: [],
    tracks: tracks.map((t, i) => ({ name: `t${i}`, program: 0, isDrum: false, notes: [], ...t })),
  };
}

/** A zone whose sample index and gain say which key and patch made it. */
const zone = (sample: number, gain: number): Zone => ({
  sample,
  rate: 1,
  gain,
  attack: 0,
  hold: 0,
  decay: 0,
  sustain: 1,
  release: 0.3,
  pan: 0,
});
/** Patches: 'piano' one layer per key (sample = key), 'gm48' two layers, 'drums' only key 36; gm40 absent. */
const patches: Record<string, Zone[][]> = {
  piano: Array.from({ length: 128 }, (_, k) => [zone(k, 1)]),
  gm48: Array.from({ length: 128 }, (_, k) => [zone(k, 0.5), zone(k + 1000, 0.25)]),
  drums: Array.from({ length: 128 }, (_, k) => (k === 36 ? [zone(7, 0.8)] : [])),
};
const zonesOf = (key: string) => patches[key];
const plain: RenderOptions = { tempoScale: 1, muted: new Set() };

describe('planRender', () => {
  it('places every note at its time on the tempo, and the file ends a release tail after the last note', () => {
    const s = score([
      { notes: [note(60, 0, 480), note(64, 960, 240, 50)] },
      { program: 48, notes: [note(55, 1920, 1920)] },
    ]);
    const plan = planRender(s, plain, zonesOf);
    expect(plan.range).toEqual([0, 3840]);
    expect(plan.musicSeconds).toBeCloseTo(4);
    expect(plan.totalSeconds).toBeCloseTo(4 + RELEASE_TAIL);
    expect(plan.missing).toEqual([]);
    const summary = plan.voices.map((v) => [v.sound, v.track, v.zone.sample, v.start, v.off]);
    expect(summary).toEqual([
      ['piano', 0, 60, 0, 0.5],
      ['piano', 0, 64, 1, 1.25],
      ['gm48', 1, 55, 2, 4],
      ['gm48', 1, 1055, 2, 4],
    ]);
  });

  it('sets each voice to its zone gain times the velocity curve, and marks drum hits', () => {
    const s = score([
      { notes: [note(60, 0, 480, 50)] },
      { program: 48, notes: [note(55, 0, 480, 127)] },
      { isDrum: true, notes: [note(36, 0, 120, 64)] },
    ]);
    const voices = planRender(s, plain, zonesOf).voices;
    expect(voices.map((v) => v.peak)).toEqual([velocityGain(50), 0.5, 0.25, 0.8 * velocityGain(64)]);
    expect(voices.map((v) => [v.sound, v.drum])).toEqual([
      ['piano', false],
      ['gm48', false],
      ['gm48', false],
      ['drums', true],
    ]);
    expect(velocityGain(50)).toBeLessThan(velocityGain(100));
  });

  it('follows a tempo change and the tempo scale', () => {
    // 120 BPM for a bar, then 60 BPM: the second bar's beats last 1 s.
    const s = score(
      [{ notes: [note(60, 0, 480), note(62, 1920, 480), note(64, 2400, 480)] }],
      [
        { tick: 0, bpm: 120 },
        { tick: 1920, bpm: 60 },
      ],
    );
    const plan = planRender(s, plain, zonesOf);
    expect(plan.voices.map((v) => [v.start, v.off])).toEqual([
      [0, 0.5],
      [2, 3],
      [3, 4],
    ]);
    expect(plan.musicSeconds).toBeCloseTo(4);
    const faster = planRender(s, { ...plain, tempoScale: 2 }, zonesOf);
    expect(faster.voices.map((v) => v.start)).toEqual([0, 1, 1.5]);
    expect(faster.musicSeconds).toBeCloseTo(2);
  });

  it('renders one pass of the loop: notes held into it start at its start, notes past its end are cut there', () => {
    const s = score([{ notes: [note(60, 0, 2400), note(62, 1920, 480), note(64, 3600, 960), note(65, 3840, 480)] }]);
    const plan = planRender(s, { ...plain, loop: [1920, 3840] }, zonesOf);
    expect(plan.range).toEqual([1920, 3840]);
    expect(plan.musicSeconds).toBeCloseTo(2);
    expect(plan.voices.map((v) => [v.zone.sample, v.start, v.off])).toEqual([
      [60, 0, 0.5],
      [62, 0, 0.5],
      [64, 1.75, 2],
    ]);
  });

  it('leaves out muted tracks, and everything but the soloed ones (mute still wins)', () => {
    const s = score([{ notes: [note(60, 0, 480)] }, { notes: [note(62, 0, 480)] }, { notes: [note(64, 0, 480)] }]);
    const tracksOf = (o: Partial<RenderOptions>) =>
      planRender(s, { ...plain, ...o }, zonesOf).voices.map((v) => v.track);
    expect(tracksOf({ muted: new Set([1]) })).toEqual([0, 2]);
    expect(tracksOf({ soloed: new Set([1, 2]) })).toEqual([1, 2]);
    expect(tracksOf({ soloed: new Set([1, 2]), muted: new Set([2]) })).toEqual([1]);
    expect(tracksOf({ muted: new Set([0, 1, 2]) })).toEqual([]);
  });

  it('reports sounds that are not loaded (only for tracks that sound) and skips keys the patch leaves silent', () => {
    const s = score([
      { program: 40, notes: [note(60, 0, 480)] },
      { isDrum: true, notes: [note(36, 0, 120), note(99, 480, 120)] },
    ]);
    const plan = planRender(s, plain, zonesOf);
    expect(plan.missing).toEqual(['gm40']);
    expect(plan.voices.map((v) => [v.sound, v.zone.sample])).toEqual([['drums', 7]]);
    expect(planRender(s, { ...plain, muted: new Set([0]) }, zonesOf).missing).toEqual([]);
  });

  it('is empty, zero seconds of music, for an empty piece', () => {
    const plan = planRender(score([]), plain, zonesOf);
    expect(plan.voices).toEqual([]);
    expect(plan.musicSeconds).toBe(0);
    expect(renderRange(score([{ notes: [note(60, 100, 200)] }]), undefined)).toEqual([0, 300]);
  });
});
