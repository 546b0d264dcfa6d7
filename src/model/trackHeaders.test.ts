import { describe, expect, it } from 'vitest';
import { densityBin } from '../music/encode';
import type { GridPiece } from '../music/grid';
import type { Note, Score } from '../music/score';
import { windowBars } from './jobParts';
import { makeJob, passHeaders } from './jobs';
import { passScript, type Op } from './passScript';
import { testConfig } from './testing/configs';
import { recentHeaders } from './trackHeaders';

/** The band model's density edges (models/band config.json). */
const EDGES = [8, 13, 16, 19, 22, 28, 36, 51, 68];

const config = (nCtx: number) =>
  testConfig({
    nCtx,
    instruments: ['DRUMS', '33', '80', '89'],
    encoding: { bars: 4, density: { enabled: true, edges: EDGES } },
  });

/** `perBar` evenly spaced notes in each of the bars [from, to) at 480 PPQ. */
function notes(pitch: number, perBar: number, from: number, to: number): Note[] {
  const step = 1920 / perBar;
  const out: Note[] = [];
  for (let bar = from; bar < to; bar++)
    for (let i = 0; i < perBar; i++)
      out.push({ pitch, start: bar * 1920 + i * step, duration: step / 2, velocity: 90 });
  return out;
}

/** Eight bars: hats in sixteenths, a bass that moves from whole notes to eighths, a lead that rests in the last 4 bars, a pad in halves. */
function song(): Score {
  return {
    ppq: 480,
    tempos: [{ tick: 0, bpm: 120 }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    tracks: [
      { name: 'Drums', program: 0, isDrum: true, notes: notes(42, 16, 0, 8) },
      { name: 'Bass', program: 33, isDrum: false, notes: [...notes(28, 1, 0, 4), ...notes(31, 8, 4, 8)] },
      { name: 'Lead', program: 80, isDrum: false, notes: notes(76, 4, 0, 4) },
      { name: 'Pad', program: 89, isDrum: false, notes: notes(60, 2, 4, 8) },
    ],
  };
}

const sampling = { temperature: 1, topP: 1, seed: 1 };

/** The DENSITY token each track's TRACK_START is followed by, in one pass's script. */
function forcedDensities(ops: Op[]): (number | 'sampled')[] {
  const out: (number | 'sampled')[] = [];
  ops.forEach((op, i) => {
    const prev = ops[i - 1];
    if (!(prev?.kind === 'force' && prev.token.startsWith('INST='))) return;
    out.push(op.kind === 'force' && op.token.startsWith('DENSITY=') ? Number(op.token.slice(8)) : 'sampled');
  });
  return out;
}

describe('Continue keeps each track\u2019s rhythm density of the song\u2019s last 4 bars', () => {
  // Notes over bars 4..7: hats 64, bass 32 (its whole notes in bars 0..3 do not count), lead 0 (it rests there), pad 8.
  const expected = [densityBin(64, EDGES), densityBin(32, EDGES), densityBin(0, EDGES), densityBin(8, EDGES)];

  it('bins each track\u2019s own note count over the last 4 bars, as training bins a 4-bar window', () => {
    expect(expected).toEqual([8, 6, 0, 1]);
    const grid: GridPiece = {
      bars: 8,
      tracks: song().tracks.map((t) => ({
        inst: t.isDrum ? 'DRUMS' : String(t.program),
        notes: t.notes.map((n) => ({ pitch: n.pitch, start: n.start / 120, duration: 1, velocity: 90 })),
      })),
    };
    const density = (g: GridPiece, from: number) =>
      recentHeaders(g, from, 4, { densityEdges: EDGES }).map((h) => h.density);
    expect(density(grid, 8)).toEqual(expected);
    // A two-bar song counts as twice its notes per 4 bars; a track with nothing before the new bars is left to the model.
    const twoBars: GridPiece = {
      bars: 2,
      tracks: [
        { inst: '33', notes: grid.tracks[1].notes.filter((n) => n.start < 32) },
        { inst: '80', notes: [] },
      ],
    };
    expect(density(twoBars, 2)).toEqual([densityBin(4, EDGES), undefined]);
  });

  it('forces those DENSITY tokens in every pass of the continuation, even when the window is shorter than 4 bars', () => {
    const c = config(512);
    expect(windowBars(c, 5)).toBe(3); // five tracks do not fit 4 bars in this context: the window is 3 bars
    const job = makeJob({ mode: 'continue', score: song(), bars: 8, sampling }, c);
    expect(job.passes.length).toBeGreaterThan(1);
    const history = job.history;
    for (const spec of job.passes) {
      const ops = passScript(history, spec, passHeaders(job, spec, job.headers), ['density']);
      expect(forcedDensities(ops)).toEqual(expected);
      // What the model writes in this pass (here: a dense bar everywhere) must not move the next pass's DENSITY.
      for (const t of history.tracks)
        for (let s = 0; s < 16; s++)
          t.notes.push({ pitch: 60, start: (spec.first + spec.span - 1) * 16 + s, duration: 1, velocity: 80 });
    }
  });

  it('lets the model choose the density of a track just added (no notes), and keeps the others\u2019', () => {
    const score = song();
    score.tracks.push({ name: 'Synth Pad', program: 89, isDrum: false, notes: [] });
    const job = makeJob({ mode: 'regenerate-track', score, trackIndex: 4, sampling }, config(1024));
    const [first] = job.passes;
    const headers = passHeaders(job, first, job.headers);
    expect(headers.at(-1)).toEqual({});
    expect(forcedDensities(passScript(job.history, first, headers, ['density'])).at(-1)).toBe('sampled');
    // Once sampled, later passes keep the value the model chose.
    expect(passHeaders(job, job.passes.at(-1)!, [...job.headers.slice(0, -1), { density: 5 }]).at(-1)).toEqual({
      density: 5,
    });
  });
});
