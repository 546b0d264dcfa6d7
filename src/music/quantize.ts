// Score (ticks, any meter) -> GridPiece (sixteenths, 4/4 bars only).
// Only the 4/4 sections of a file are kept; they are laid end to end.
import { MeterError, MusicError } from './errors';
import type { GridNote, GridPiece, GridTrack } from './grid';
import type { PartName, Score, TimeSignatureEvent, Track } from './score';
import { STEPS_PER_BAR } from './vocab';

export interface GridOptions {
  /** Name the tracks that have notes, in order (e.g. SOPRANO, ALTO, TENOR, BASS for chorales). */
  parts?: readonly PartName[];
}

/** A span of ticks in 4/4, [start, end). `end` is Infinity for the last section. */
interface Section {
  start: number;
  end: number;
}

function meterSections(score: Score): Section[] {
  const sigs: TimeSignatureEvent[] = [...score.timeSignatures].sort((a, b) => a.tick - b.tick);
  if (sigs.length === 0 || sigs[0].tick > 0) sigs.unshift({ tick: 0, numerator: 4, denominator: 4 });
  const sections: Section[] = [];
  const found = new Set<string>();
  sigs.forEach((sig, i) => {
    const end = i + 1 < sigs.length ? sigs[i + 1].tick : Infinity;
    if (end <= sig.tick) return; // a signature replaced at the same tick
    found.add(`${sig.numerator}/${sig.denominator}`);
    if (sig.numerator === 4 && sig.denominator === 4) {
      const last = sections[sections.length - 1];
      if (last && last.end === sig.tick) last.end = end;
      else sections.push({ start: sig.tick, end });
    }
  });
  if (sections.length === 0) throw new MeterError([...found]);
  return sections;
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
 * Convert a Score to the 16th grid. Throws MeterError when the file has no 4/4 section and
 * MusicError('no-notes') when nothing is left to encode.
 */
export function scoreToGrid(score: Score, opts: GridOptions = {}): GridPiece {
  if (!(score.ppq > 0)) throw new MusicError('corrupt-midi', `invalid resolution: ${score.ppq} ticks per quarter`);
  const sections = meterSections(score);
  const ticksPerStep = score.ppq / 4;
  const ticksPerBar = score.ppq * 4;
  // Where each section starts on the concatenated grid (in bars).
  const lastTick = Math.max(0, ...score.tracks.map((t) => t.notes.reduce((m, n) => Math.max(m, n.start + n.duration), 0)));
  let barOffset = 0;
  const placed = sections.map((s) => {
    const end = Math.min(s.end, Math.max(lastTick, s.start));
    const bars = Math.ceil((end - s.start) / ticksPerBar - 1e-9);
    const p = { ...s, barOffset, bars };
    barOffset += bars;
    return p;
  });
  const totalBars = barOffset;

  const tracks: GridTrack[] = [];
  let partIndex = 0;
  for (const track of score.tracks) {
    if (track.notes.length === 0) continue;
    const notes: GridNote[] = [];
    for (const sec of placed) {
      const secEndTick = sec.start + sec.bars * ticksPerBar;
      for (const n of track.notes) {
        if (n.start < sec.start || n.start >= secEndTick) continue;
        const start = Math.round((n.start - sec.start) / ticksPerStep);
        const endTick = Math.min(n.start + n.duration, secEndTick);
        let end = Math.round((endTick - sec.start) / ticksPerStep);
        if (start >= sec.bars * STEPS_PER_BAR) continue;
        end = Math.min(end, sec.bars * STEPS_PER_BAR);
        const offset = sec.barOffset * STEPS_PER_BAR;
        notes.push({ pitch: n.pitch, start: start + offset, duration: Math.max(1, end - start), velocity: n.velocity });
      }
    }
    const part = opts.parts ? opts.parts[partIndex] : undefined;
    partIndex++;
    if (opts.parts && !part) continue; // more tracks than named parts: the extra ones are dropped
    const grid = splitAtBars(quantizeNotes(notes)).filter((n) => n.start < totalBars * STEPS_PER_BAR);
    if (grid.length > 0) tracks.push({ inst: instOf(track, part), notes: grid });
  }
  if (tracks.length === 0) throw new MusicError('no-notes', 'no notes in the 4/4 sections of the file');
  return { bars: totalBars, tracks };
}
