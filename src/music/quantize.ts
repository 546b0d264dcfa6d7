// Score (ticks, any meter) -> GridPiece (sixteenths, 4/4 bars only).
// Bars come from the file's own meter map (meter.ts): every whole 4/4 bar is kept, wherever it
// is; other bars (2/4, 3/4, 6/8, a bar cut short by a meter change) are skipped. The kept bars
// are laid end to end, and the piece remembers where each one lies in the file (GridSource).
import { MeterError, MusicError } from './errors';
import type { FileGrid, GridNote, GridSource, GridTrack } from './grid';
import { barIndexAt, barLength, barsOf, isFourFour, MAX_BARS, meterMap, type Bar } from './meter';
import { endTick, type PartName, type Score, type Track } from './score';
import { STEPS_PER_BAR } from './vocab';

export interface GridOptions {
  /** Name the tracks that have notes, in order (e.g. SOPRANO, ALTO, TENOR, BASS for chorales). */
  parts?: readonly PartName[];
}

/** Consecutive whole 4/4 bars of the file: ticks [startTick, startTick + bars bars), grid bars from `gridBar`. */
interface Run {
  startTick: number;
  bars: number;
  gridBar: number;
}

/** The file's whole 4/4 bars as runs, and for each file bar the run it is in (-1: skipped). */
function fourFourRuns(bars: readonly Bar[], ppq: number): { runs: Run[]; runOf: Int32Array } {
  const whole = barLength(ppq, 4, 4);
  const runs: Run[] = [];
  const runOf = new Int32Array(bars.length).fill(-1);
  let gridBar = 0;
  bars.forEach((b, i) => {
    if (!isFourFour(b) || b.end - b.start !== whole) return;
    const last = runs[runs.length - 1];
    if (last && runOf[i - 1] === runs.length - 1) last.bars++;
    else runs.push({ startTick: b.start, bars: 1, gridBar });
    runOf[i] = runs.length - 1;
    gridBar++;
  });
  return { runs, runOf };
}

/** The INST value a track encodes as. */
export function instOf(track: Track, part?: PartName): string {
  if (part) return part;
  if (track.part) return track.part;
  if (track.isDrum) return 'DRUMS';
  return String(track.program);
}

/**
 * Snap one track's notes to the grid: onsets and ends round to the nearest 16th, a note that
 * rounds to zero length lasts one 16th, and same-pitch notes never overlap (the earlier one ends).
 */
export function quantizeNotes(notes: readonly GridNote[]): GridNote[] {
  const sorted = [...notes].sort((a, b) => a.start - b.start || a.pitch - b.pitch || b.duration - a.duration);
  const lastByPitch = new Map<number, GridNote>();
  const out: GridNote[] = [];
  for (const n of sorted) {
    const prev = lastByPitch.get(n.pitch);
    if (prev && prev.start === n.start) continue; // a duplicate onset: keep the longer (sorted first)
    if (prev && prev.start + prev.duration > n.start) prev.duration = n.start - prev.start;
    const note = { ...n };
    out.push(note);
    lastByPitch.set(n.pitch, note);
  }
  return out;
}

/** Split notes at bar lines so every note lies inside one bar. */
export function splitAtBars(notes: readonly GridNote[]): GridNote[] {
  const out: GridNote[] = [];
  for (const n of notes) {
    let start = n.start;
    const end = n.start + n.duration;
    while (start < end) {
      const barEnd = (Math.floor(start / STEPS_PER_BAR) + 1) * STEPS_PER_BAR;
      const stop = Math.min(end, barEnd);
      out.push({ pitch: n.pitch, start, duration: stop - start, velocity: n.velocity });
      start = stop;
    }
  }
  return out.sort((a, b) => a.start - b.start || a.pitch - b.pitch);
}

/**
 * Convert a Score to the 16th grid. Throws MeterError when the file has no whole 4/4 bar and
 * MusicError('no-notes') when nothing is left to encode. A file longer than MAX_BARS bars is cut
 * there (`source.cut` says so). Time: linear in the notes (a binary search each) and the bars.
 */
export function scoreToGrid(score: Score, opts: GridOptions = {}): FileGrid {
  if (!(score.ppq > 0)) throw new MusicError('corrupt-midi', `invalid resolution: ${score.ppq} ticks per quarter`);
  const lastTick = endTick(score);
  const bars = barsOf(score, lastTick, MAX_BARS);
  const { runs, runOf } = fourFourRuns(bars, score.ppq);
  if (runs.length === 0)
    throw new MeterError([...new Set(meterMap(score).map((m) => `${m.numerator}/${m.denominator}`))]);
  const fileEnd = bars[bars.length - 1].end;
  const source: GridSource = { ppq: score.ppq, barStarts: [], fileBars: [], tracks: [] };
  bars.forEach((b, i) => {
    if (runOf[i] < 0) return;
    source.barStarts.push(b.start);
    source.fileBars.push(i);
  });
  if (lastTick > fileEnd) source.cut = `the piece is longer than ${MAX_BARS} bars: only its first ${MAX_BARS} are used`;
  let totalBars = source.barStarts.length;
  const ticksPerStep = score.ppq / 4;
  const ticksPerBar = barLength(score.ppq, 4, 4);

  const tracks: GridTrack[] = [];
  let partIndex = 0;
  score.tracks.forEach((track, index) => {
    if (track.notes.length === 0) return;
    const notes: GridNote[] = [];
    for (const n of track.notes) {
      if (!(n.start >= 0 && n.start < fileEnd)) continue;
      const run = runs[runOf[barIndexAt(bars, n.start)]];
      if (!run) continue; // in a bar that is not 4/4
      const runSteps = run.bars * STEPS_PER_BAR;
      const start = Math.round((n.start - run.startTick) / ticksPerStep);
      if (start >= runSteps) continue; // rounds onto the next bar line, which is not 4/4
      const endTickInRun = Math.min(n.start + n.duration, run.startTick + run.bars * ticksPerBar);
      const end = Math.min(Math.round((endTickInRun - run.startTick) / ticksPerStep), runSteps);
      const offset = run.gridBar * STEPS_PER_BAR;
      notes.push({ pitch: n.pitch, start: start + offset, duration: Math.max(1, end - start), velocity: n.velocity });
    }
    const part = opts.parts ? opts.parts[partIndex] : undefined;
    partIndex++;
    if (opts.parts && !part) return; // more tracks than named parts: the extra ones are dropped
    const grid = splitAtBars(quantizeNotes(notes)).filter((n) => n.start < totalBars * STEPS_PER_BAR);
    if (grid.length === 0) return;
    tracks.push({ inst: instOf(track, part), notes: grid });
    source.tracks.push(index);
  });
  if (tracks.length === 0) throw new MusicError('no-notes', 'no notes in the 4/4 bars of the file');
  if (source.cut) {
    // The empty bars before the cut say nothing: the grid ends with its last note.
    totalBars = 1 + Math.max(...tracks.map((t) => Math.floor(t.notes[t.notes.length - 1].start / STEPS_PER_BAR)));
    source.barStarts.length = totalBars;
    source.fileBars.length = totalBars;
  }
  return { bars: totalBars, tracks, source };
}
