import { describe, expect, it } from 'vitest';
import type { Note, Score } from '../music/score';
import { LookaheadScheduler, type NoteSink, type Transport, type VoiceOn } from './scheduler';

// 120 BPM, ppq 480: one beat (480 ticks) = 0.5 s, one 4/4 bar = 2 s.
const PPQ = 480;

function note(pitch: number, start: number, duration: number, velocity = 90): Note {
  return { pitch, start, duration, velocity };
}

function score(...tracks: Note[][]): Score {
  return {
    ppq: PPQ,
    tempos: [{ tick: 0, bpm: 120 }],
    timeSignatures: [],
    tracks: tracks.map((notes, i) => ({ name: `t${i}`, program: 0, isDrum: false, notes })),
  };
}

/** A fake audio clock and a sink that records what it was told. */
function rig(lookahead = 0.1) {
  let now = 0;
  const clock = { now: () => now };
  const ons: VoiceOn[] = [];
  const offs: { id: number; time: number }[] = [];
  const allOffs: number[] = [];
  const sink: NoteSink = {
    noteOn: (v) => ons.push(v),
    noteOff: (id, time) => offs.push({ id, time }),
    allOff: (time) => allOffs.push(time),
  };
  const sched = new LookaheadScheduler(clock, sink, { lookahead, startDelay: 0 });
  let ended = 0;
  sched.onEnd = () => ended++;
  /** Advance the clock to `until` in timer steps, ticking like setInterval would. */
  const run = (until: number, step = 0.025) => {
    while (now + step <= until + 1e-9) {
      now = Math.round((now + step) * 1e6) / 1e6; // microsecond clock: no float drift in expectations
      sched.tick();
    }
  };
  const offTime = (id: number) => offs.find((o) => o.id === id)?.time;
  return { sched, ons, offs, allOffs, run, offTime, ended: () => ended, setNow: (t: number) => (now = t) };
}

const plain: Transport = { fromTick: 0, tempoScale: 1, muted: new Set() };

describe('LookaheadScheduler', () => {
  it('hands out notes no later than the lookahead before they are due, at exact times', () => {
    const r = rig(0.1);
    r.sched.play(score([note(60, 0, 480), note(62, 480, 480), note(64, 960, 240)]), plain);
    expect(r.ons.map((v) => v.pitch)).toEqual([60]);
    r.run(0.4);
    expect(r.ons.map((v) => v.pitch)).toEqual([60]); // due at 0.5: not yet inside [now, now + 0.1)
    r.run(0.425);
    expect(r.ons.map((v) => v.pitch)).toEqual([60, 62]);
    r.run(1.0);
    expect(r.ons.map((v) => [v.pitch, v.time])).toEqual([
      [60, 0],
      [62, 0.5],
      [64, 1],
    ]);
    expect(r.offTime(r.ons[0].id)).toBeCloseTo(0.5);
    expect(r.offTime(r.ons[2].id)).toBeUndefined(); // ends at 1.25 s: beyond the window
  });

  it('plays every note exactly once, however the timer jitters', () => {
    const notes = Array.from({ length: 40 }, (_, i) => note(60 + (i % 12), i * 120, 100));
    const r = rig(0.15);
    r.sched.play(score(notes), plain);
    let t = 0;
    for (const step of [0.01, 0.07, 0.003, 0.12, 0.04]) for (let k = 0; k < 30; k++) r.run((t += step), step);
    expect(r.ons.map((v) => v.time)).toEqual(notes.map((n) => n.start / 960));
    expect(new Set(r.ons.map((v) => v.id)).size).toBe(notes.length);
    expect(r.offs.length).toBe(notes.length);
    expect(r.ended()).toBe(1);
  });

  it('reports the playhead in ticks and ends at the end of the piece', () => {
    const r = rig();
    r.sched.play(score([note(60, 0, 1920)]), plain);
    r.run(0.5);
    expect(r.sched.position()).toBeCloseTo(480);
    r.run(1.5);
    expect(r.sched.position()).toBeCloseTo(1440);
    expect(r.sched.isPlaying).toBe(true);
    r.run(2.1);
    expect(r.sched.isPlaying).toBe(false);
    expect(r.ended()).toBe(1);
    expect(r.sched.position()).toBe(0);
  });

  it('starts from a tick, sounding a note that is already held there', () => {
    const r = rig();
    r.sched.play(score([note(60, 0, 1920), note(64, 960, 480)]), { ...plain, fromTick: 480 });
    expect(r.ons.map((v) => [v.pitch, v.time])).toEqual([[60, 0]]);
    r.run(0.6);
    expect(r.ons.map((v) => [v.pitch, v.time])).toEqual([
      [60, 0],
      [64, 0.5],
    ]);
    expect(r.sched.position()).toBeCloseTo(480 + 0.6 * 960);
  });

  it('pauses (silencing at once) and stops (rewinding to the start tick)', () => {
    const r = rig();
    r.sched.play(score([note(60, 0, 4000)]), { ...plain, fromTick: 240 });
    r.run(0.5);
    expect(r.sched.pause()).toBeCloseTo(240 + 480);
    expect(r.allOffs).toEqual([0.5]);
    expect(r.sched.isPlaying).toBe(false);
    expect(r.sched.position()).toBeCloseTo(720);
    const handed = r.ons.length;
    r.run(1.5);
    expect(r.ons.length).toBe(handed);
    r.sched.stop();
    expect(r.sched.position()).toBe(240);
    expect(r.ended()).toBe(0);
  });

  it('loops a tick range: notes repeat, the playhead wraps, notes crossing the end are cut there', () => {
    const r = rig();
    // Loop beat 2..4 (1 s long); the C crosses the loop end, the E is outside the loop.
    const s = score([note(62, 480, 480), note(60, 960, 1920), note(64, 3000, 100)]);
    r.sched.play(s, { ...plain, loop: [480, 1440] });
    r.run(0.25);
    expect(r.sched.position()).toBeCloseTo(480 + 240);
    r.run(1.25);
    expect(r.sched.position()).toBeCloseTo(480 + 240);
    expect(r.sched.position(0.95)).toBeCloseTo(480 + 0.95 * 960); // just before the wrap, asked a little late
    r.run(3.0);
    const d = r.ons.filter((v) => v.pitch === 62).map((v) => v.time);
    expect(d).toEqual([0, 1, 2, 3]);
    const c = r.ons.filter((v) => v.pitch === 60);
    expect(c.map((v) => v.time)).toEqual([0.5, 1.5, 2.5]);
    expect(c.slice(0, 2).map((v) => r.offTime(v.id))).toEqual([1, 2]);
    expect(r.ons.some((v) => v.pitch === 64)).toBe(false);
    expect(r.sched.isPlaying).toBe(true);
  });

  it('starts at the loop start when fromTick is outside the loop, and rejects an empty loop', () => {
    const r = rig();
    r.sched.play(score([note(60, 960, 480)]), { ...plain, fromTick: 0, loop: [960, 1920] });
    expect(r.ons.map((v) => v.time)).toEqual([0]);
    expect(() => r.sched.play(score([]), { ...plain, loop: [960, 960] })).toThrow(RangeError);
  });

  it('scales the tempo, and changes it mid-play without moving notes already handed out', () => {
    const r = rig(0.1);
    const notes = [0, 1, 2, 3, 4, 5].map((b) => note(60, b * 480, 240));
    r.sched.play(score(notes), { ...plain, tempoScale: 2 });
    r.run(0.5);
    expect(r.ons.map((v) => v.time)).toEqual([0, 0.25, 0.5]);
    expect(r.sched.position()).toBeCloseTo(960);
    r.sched.update({ tempoScale: 1 });
    // Already handed out up to 0.6 s (tick 1152) at double speed; from there at normal speed.
    r.run(2);
    const times = r.ons.map((v) => v.time);
    expect(times.slice(3)).toEqual(
      [0.6 + (1440 - 1152) / 960, 0.6 + (1920 - 1152) / 960, 0.6 + (2400 - 1152) / 960].map((t) =>
        expect.closeTo(t, 9),
      ),
    );
    expect(r.sched.position()).toBeCloseTo(1152 + (2 - 0.6) * 960);
  });

  it('mutes and solos tracks, and muting mid-play silences the held notes at once', () => {
    const r = rig();
    const s = score([note(60, 0, 1920)], [note(64, 0, 1920)], [note(67, 0, 1920)]);
    r.sched.play(s, { ...plain, muted: new Set([1]) });
    expect(r.ons.map((v) => v.track)).toEqual([0, 2]);
    r.run(0.3);
    r.sched.update({ soloed: new Set([2]) });
    expect(r.offs).toEqual([{ id: r.ons[0].id, time: 0.3 }]);
    r.sched.play(s, { ...plain, muted: new Set([2]), soloed: new Set([2, 1]) });
    expect(r.ons.slice(2).map((v) => v.track)).toEqual([1]);
  });

  it('follows the tempo map of the score', () => {
    const r = rig();
    const s = {
      ...score([note(60, 0, 240), note(62, 480, 240), note(64, 960, 240)]),
      tempos: [
        { tick: 0, bpm: 60 },
        { tick: 480, bpm: 120 },
      ],
    };
    r.sched.play(s, plain);
    r.run(2);
    expect(r.ons.map((v) => v.time)).toEqual([0, 1, 1.5]);
  });

  it('rejects a bad start, tempo scale or ppq with a RangeError, and skips unplayable notes', () => {
    const r = rig();
    expect(() => r.sched.play(score([note(60, 0, 480)]), { ...plain, fromTick: NaN })).toThrow(RangeError);
    expect(() => r.sched.play(score([note(60, 0, 480)]), { ...plain, tempoScale: 0 })).toThrow(RangeError);
    expect(() => r.sched.play({ ...score([note(60, 0, 480)]), ppq: 0 }, plain)).toThrow(RangeError);
    expect(r.sched.isPlaying).toBe(false);
    r.sched.play(score([note(60, 0, 0), note(200, 0, 480), note(61, NaN, 480), note(62, 0, 480)]), plain);
    r.run(1);
    expect(r.ons.map((v) => v.pitch)).toEqual([62]);
  });

  it('ends at once on an empty score', () => {
    const r = rig();
    r.sched.play(score([]), plain);
    expect(r.sched.isPlaying).toBe(false);
    expect(r.ended()).toBe(1);
  });

  it('waits out a delay (a count-in) before the first tick, and says when that tick sounds', () => {
    const r = rig();
    r.sched.play(score([note(60, 0, 1920)]), { ...plain, delay: 2 });
    expect(r.sched.startTime).toBe(2);
    r.run(1.5);
    expect(r.ons).toEqual([]);
    expect(r.sched.position()).toBe(0);
    r.run(2);
    expect(r.ons.map((v) => v.time)).toEqual([2]);
    r.run(2.5);
    expect(r.sched.position()).toBeCloseTo(480);
  });

  it('plays on past the last note until told (recording into empty bars), and ends at once on an empty score without it', () => {
    const r = rig();
    r.sched.play(score([note(60, 0, 480)]), { ...plain, until: Infinity });
    r.run(10);
    expect(r.sched.isPlaying).toBe(true);
    expect(r.sched.position()).toBeCloseTo(9600);
    expect(r.ended()).toBe(0);
    r.sched.play(score([]), { ...plain, until: 1920 });
    r.run(11.9);
    expect(r.sched.isPlaying).toBe(true);
    r.run(12.1);
    expect(r.ended()).toBe(1);
  });
});
