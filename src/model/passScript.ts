// One generation pass as a script of ops: tokens to force (the prompt, structure
// tokens, context bars) and places to sample (a DENSITY, a bar, a fill). Each row
// of a batch runs its own script, so rows with different histories share a pass.
import { decodeTokens } from '../music/decode';
import { encodeBar } from '../music/encode';
import type { GridNote, GridPiece } from '../music/grid';
import { STEPS_PER_BAR } from '../music/vocab';
import type { TrackControls } from './protocol';
import type { HeaderKey } from './trackHeaders';

export type Op =
  | { kind: 'force'; token: string }
  /** One free token (a DENSITY, POLYPHONY or DURATION the user left to the model). */
  | { kind: 'sample-one'; track: number }
  /** Sample a bar's events until BAR_END (BAR_START was forced). `bar` is the bar in the history. */
  | { kind: 'sample-bar'; track: number; bar: number }
  /** Sample a fill's events until FILL_END (FILL_START was forced). */
  | { kind: 'sample-fill'; track: number; bar: number };

export interface PassSpec {
  /** First bar of the history in the window, and the window length in bars. */
  first: number;
  span: number;
  /** Per track: window bar from which it is sampled (span = fully forced). */
  sampleFrom: number[];
  /** Bar infilling: the track and history bar written as FILL_IN and sampled after the tracks. */
  fill?: { track: number; bar: number };
}

/** Notes of one history bar, with starts relative to the bar. */
export function notesInBar(notes: readonly GridNote[], bar: number): GridNote[] {
  const lo = bar * STEPS_PER_BAR;
  return notes.filter((n) => n.start >= lo && n.start < lo + STEPS_PER_BAR).map((n) => ({ ...n, start: n.start - lo }));
}

/**
 * The ops of one pass over `history`. After each INST come the model's header tokens (`keys`, in header order):
 * `headers[t]`'s bin forced where it has one, else sampled.
 */
export function passScript(
  history: GridPiece,
  spec: PassSpec,
  headers: readonly TrackControls[],
  keys: readonly HeaderKey[],
): Op[] {
  const ops: Op[] = [];
  const force = (...tokens: string[]) => tokens.forEach((token) => ops.push({ kind: 'force', token }));
  force('PIECE_START');
  history.tracks.forEach((track, t) => {
    force('TRACK_START', `INST=${track.inst}`);
    for (const key of keys) {
      const bin = headers[t]?.[key];
      if (bin === undefined) ops.push({ kind: 'sample-one', track: t });
      else force(`${key.toUpperCase()}=${bin}`);
    }
    for (let w = 0; w < spec.span; w++) {
      const bar = spec.first + w;
      force('BAR_START');
      if (spec.fill && spec.fill.track === t && spec.fill.bar === bar) force('FILL_IN', 'BAR_END');
      else if (w >= spec.sampleFrom[t]) ops.push({ kind: 'sample-bar', track: t, bar });
      else force(...encodeBar(notesInBar(track.notes, bar)), 'BAR_END');
    }
    force('TRACK_END');
  });
  if (spec.fill) {
    force('FILL_START');
    ops.push({ kind: 'sample-fill', ...spec.fill });
  }
  return ops;
}

/**
 * The window one context bar shorter, or null when every bar left is needed: a bar is dropped
 * from the front while no track samples it, else (a fill pass, all bars context) from the back,
 * from the side farther from the fill bar so the fill keeps music on both sides.
 */
export function trimmedWindow(spec: PassSpec): PassSpec | null {
  if (spec.span <= 1) return null;
  const last = spec.first + spec.span - 1;
  const front = spec.sampleFrom.every((s) => s >= 1) && spec.fill?.bar !== spec.first;
  const back = !!spec.fill && spec.fill.bar !== last && spec.sampleFrom.every((s) => s >= spec.span);
  const fill = spec.fill?.bar ?? last;
  if (front && (!back || fill - spec.first >= last - fill))
    return { ...spec, first: spec.first + 1, span: spec.span - 1, sampleFrom: spec.sampleFrom.map((s) => s - 1) };
  if (back) return { ...spec, span: spec.span - 1, sampleFrom: spec.sampleFrom.map((s) => Math.min(s, spec.span - 1)) };
  return null;
}

/** Number of forced tokens before the first sampling op (fed in one run). */
export function forcedPrefix(ops: readonly Op[], from = 0): number {
  let n = 0;
  while (from + n < ops.length && ops[from + n].kind === 'force') n++;
  return n;
}

/** Grid notes of one bar's event tokens (relative to the bar), through the strict decoder. */
export function decodeBar(events: readonly string[], velocity: number): GridNote[] {
  const tokens = ['PIECE_START', 'TRACK_START', 'INST=0', 'BAR_START', ...events, 'BAR_END', 'TRACK_END'];
  return decodeTokens(tokens, { strict: true, velocity }).piece.tracks[0]?.notes ?? [];
}
