import { describe, expect, it } from 'vitest';
import type { Note, Score } from '../music/score';
import { makeJob } from './jobs';
import { testConfig } from './testing/configs';

const config = testConfig({ instruments: ['DRUMS', '33'] });

const note = (pitch: number, start: number, velocity: number): Note => ({ pitch, start, duration: 240, velocity });

/**
 * A 3/4 bar, then two bars of 4/4. Two bass tracks: the first plays only in the 3/4 bar (so it is not on the
 * grid at all), the second only in the 4/4 bars.
 */
function twoBasses(): Score {
  return {
    ppq: 480,
    tempos: [{ tick: 0, bpm: 120 }],
    timeSignatures: [
      { tick: 0, numerator: 3, denominator: 4 },
      { tick: 1440, numerator: 4, denominator: 4 },
    ],
    tracks: [
      { name: 'Bass intro', program: 33, isDrum: false, notes: [note(28, 0, 20), note(31, 480, 20)] },
      { name: 'Bass', program: 33, isDrum: false, notes: [note(40, 1440, 110), note(43, 1440 + 1920, 110)] },
    ],
  };
}

const sampling = { temperature: 1, topP: 1, seed: 1 };

describe('a job maps each grid track back to the score track it came from', () => {
  it('two tracks of one instrument, the first wholly outside the 4/4 bars: notes and velocities go to the second', () => {
    const score = twoBasses();
    const job = makeJob({ mode: 'continue', score, bars: 1, sampling }, config);
    expect(job.history.tracks.map((t) => t.notes.map((n) => n.pitch))).toEqual([[40, 43]]);
    expect(job.scoreTrack).toEqual([1]);
    // The new notes' velocity is the second track's (110), not the intro's (20).
    expect(job.velocity).toEqual([110]);
    const history = structuredClone(job.history);
    history.tracks[0].notes.push({ pitch: 45, start: 2 * 16, duration: 4, velocity: 110 });
    history.bars = 3;
    const out = job.finish(history);
    expect(out.tracks[0].notes).toEqual(score.tracks[0].notes);
    expect(out.tracks[1].notes.map((n) => n.pitch)).toEqual([40, 43, 45]);
  });

  it('regenerating the second track rewrites it, and leaves the intro track alone', () => {
    const score = twoBasses();
    const job = makeJob({ mode: 'regenerate-track', score, trackIndex: 1, sampling }, config);
    expect(job.scoreTrack).toEqual([1]);
    const history = structuredClone(job.history);
    history.tracks[0].notes = [{ pitch: 50, start: 0, duration: 4, velocity: 110 }];
    const out = job.finish(history);
    expect(out.tracks[0].notes).toEqual(score.tracks[0].notes);
    expect(out.tracks[1].notes.map((n) => [n.pitch, n.start])).toEqual([[50, 1440]]);
  });
});
