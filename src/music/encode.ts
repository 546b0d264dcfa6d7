// GridPiece -> mmmtrack tokens, and GridPiece -> Score for playback and MIDI export.
import { binOf, meanDuration, polyphony } from './controls';
import type { GridNote, GridPiece, GridTrack } from './grid';
import { STEPS_PER_QUARTER } from './grid';
import { programName } from './gm';
import { isPartName, partLabel, partProgram } from './parts';
import type { Score, Track } from './score';
import {
  BAR_END,
  BAR_START,
  FILL_END,
  FILL_IN,
  FILL_START,
  PIECE_START,
  STEPS_PER_BAR,
  TRACK_END,
  TRACK_START,
} from './vocab';

export interface EncodeOptions {
  /** Bin edges for DENSITY tokens (note count per track in the piece); omit to leave DENSITY out. */
  densityEdges?: readonly number[];
  /** Bin edges for POLYPHONY and DURATION tokens (controls.ts); omit to leave that token out. */
  polyphonyEdges?: readonly number[];
  durationEdges?: readonly number[];
  /** Bars to replace by FILL_IN, as `trackIndex:bar` pairs; their events follow as FILL_START…FILL_END. */
  fill?: readonly { track: number; bar: number }[];
}

/** The DENSITY bin of a note count: the number of edges at or below it. */
export function densityBin(noteCount: number, edges: readonly number[]): number {
  return binOf(noteCount, edges);
}

/** A track's header control tokens (after INST): its requested bins where it has them, else its measured ones. */
export function controlTokens(track: GridTrack, opts: EncodeOptions, out: string[] = []): string[] {
  if (opts.densityEdges) out.push(`DENSITY=${track.density ?? densityBin(track.notes.length, opts.densityEdges)}`);
  if (opts.polyphonyEdges)
    out.push(`POLYPHONY=${track.polyphony ?? binOf(polyphony(track.notes), opts.polyphonyEdges)}`);
  if (opts.durationEdges)
    out.push(`DURATION=${track.duration ?? binOf(meanDuration(track.notes), opts.durationEdges)}`);
  return out;
}

/**
 * Events of one bar. `notes` lie inside the bar, with starts relative to the bar (0..15).
 * At each time point NOTE_OFFs come before NOTE_ONs, each in ascending pitch; trailing silence is implicit.
 */
export function encodeBar(notes: readonly GridNote[], out: string[] = []): string[] {
  const ons = [...notes].sort((a, b) => a.start - b.start || a.pitch - b.pitch);
  const offs = [...notes].sort((a, b) => a.start + a.duration - (b.start + b.duration) || a.pitch - b.pitch);
  let now = 0;
  let i = 0;
  let j = 0;
  while (i < ons.length || j < offs.length) {
    const nextOn = i < ons.length ? ons[i].start : Infinity;
    const nextOff = j < offs.length ? offs[j].start + offs[j].duration : Infinity;
    const t = Math.min(nextOn, nextOff);
    if (t > now) {
      out.push(`TIME_DELTA=${t - now}`);
      now = t;
    }
    while (j < offs.length && offs[j].start + offs[j].duration === t) out.push(`NOTE_OFF=${offs[j++].pitch}`);
    while (i < ons.length && ons[i].start === t) out.push(`NOTE_ON=${ons[i++].pitch}`);
  }
  return out;
}

/** Notes of each bar [0, bars), relative to the bar start, in one pass. Notes must already be split at bar lines. */
function notesByBar(notes: readonly GridNote[], bars: number): GridNote[][] {
  const byBar: GridNote[][] = Array.from({ length: bars }, () => []);
  for (const n of notes) {
    const bar = Math.floor(n.start / STEPS_PER_BAR);
    if (bar >= 0 && bar < bars) byBar[bar].push({ ...n, start: n.start - bar * STEPS_PER_BAR });
  }
  return byBar;
}

/** Time: linear in the bars and notes of the piece. */
export function encodePiece(piece: GridPiece, opts: EncodeOptions = {}): string[] {
  const out = [PIECE_START];
  // FILL sections follow in the order their FILL_IN bars appear, whatever order they were asked in.
  const fills = [...(opts.fill ?? [])].sort((a, b) => a.track - b.track || a.bar - b.bar);
  const filled = new Set(fills.map((f) => `${f.track}:${f.bar}`));
  const byBar = piece.tracks.map((t) => notesByBar(t.notes, piece.bars));
  piece.tracks.forEach((track, t) => {
    out.push(TRACK_START, `INST=${track.inst}`);
    controlTokens(track, opts, out);
    for (let bar = 0; bar < piece.bars; bar++) {
      out.push(BAR_START);
      if (filled.has(`${t}:${bar}`)) out.push(FILL_IN);
      else encodeBar(byBar[t][bar], out);
      out.push(BAR_END);
    }
    out.push(TRACK_END);
  });
  for (const f of fills) {
    out.push(FILL_START);
    encodeBar(byBar[f.track]?.[f.bar] ?? [], out);
    out.push(FILL_END);
  }
  return out;
}

export function trackForInst(inst: string): Omit<Track, 'notes'> {
  if (inst === 'DRUMS') return { name: 'Drums', program: 0, isDrum: true };
  if (isPartName(inst)) {
    return { name: partLabel(inst), program: partProgram(inst), isDrum: false, part: inst };
  }
  const program = Number(inst);
  const known = Number.isInteger(program) && program >= 0 && program <= 127;
  return { name: known ? programName(program) : `Program ${inst}`, program: known ? program : 0, isDrum: false };
}

export interface ScoreOptions {
  ppq?: number;
  bpm?: number;
  /** Tick at which bar 0 of the piece starts. */
  startTick?: number;
}

/** GridPiece -> Score (one track per grid track, in order). */
export function gridToScore(piece: GridPiece, opts: ScoreOptions = {}): Score {
  const ppq = opts.ppq ?? 480;
  const tps = ppq / STEPS_PER_QUARTER;
  const startTick = opts.startTick ?? 0;
  return {
    ppq,
    tempos: [{ tick: 0, bpm: opts.bpm ?? 120 }],
    timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
    tracks: piece.tracks.map((t) => ({
      ...trackForInst(t.inst),
      notes: t.notes.map((n) => ({
        pitch: n.pitch,
        start: startTick + Math.round(n.start * tps),
        duration: Math.round(n.duration * tps),
        velocity: n.velocity,
      })),
    })),
  };
}
