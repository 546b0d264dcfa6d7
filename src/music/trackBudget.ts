// The track budget: a model reads at most K tracks per window (its encoding's maxTracks). When a
// window has more, the ones that carry the music stay: the drums, the bass, the melody or lead,
// then the busiest of the rest. Deterministic: the same window always keeps the same tracks.
import type { GridPiece, GridTrack } from './grid';

export type TrackRole = 'drums' | 'bass' | 'melody' | 'harmony';

/** GM families by program / 8: bass is 4 (programs 32-39), synth lead is 10 (80-87). */
const BASS_FAMILY = 4;
const LEAD_FAMILY = 10;
/** A line with fewer than this many notes per distinct onset is (nearly) one voice. */
const MONOPHONIC = 1.25;
/** Mean pitches below this can be a bass line when no track has a bass program (E3 is 52). */
const BASS_CEILING = 52;
/** A melody without a lead program sits at or above this mean pitch (G3). */
const MELODY_FLOOR = 55;

interface Shape {
  family: number | null;
  mean: number;
  polyphony: number;
}

function shapeOf(t: GridTrack): Shape {
  const program = /^\d+$/.test(t.inst) ? Number(t.inst) : null;
  const onsets = new Set(t.notes.map((n) => n.start)).size;
  const mean = t.notes.reduce((s, n) => s + n.pitch, 0) / Math.max(1, t.notes.length);
  return {
    family: program === null ? null : Math.floor(program / 8),
    mean,
    polyphony: t.notes.length / Math.max(1, onsets),
  };
}

/** One index of `among` by `better` (first wins ties), or -1. */
function pick(among: number[], better: (a: number, b: number) => boolean): number {
  let best = -1;
  for (const i of among) if (best < 0 || better(i, best)) best = i;
  return best;
}

/** The role of each track of a piece: at most one bass and one melody, every drum track 'drums'. */
export function trackRoles(piece: GridPiece): TrackRole[] {
  const roles: TrackRole[] = piece.tracks.map((t) => (t.inst === 'DRUMS' ? 'drums' : 'harmony'));
  const shapes = piece.tracks.map(shapeOf);
  const pitched = () => roles.flatMap((r, i) => (r === 'harmony' ? [i] : []));
  const lowest = (a: number, b: number) => shapes[a].mean < shapes[b].mean;
  const highest = (a: number, b: number) => shapes[a].mean > shapes[b].mean;
  const byFamily = (f: number) => pitched().filter((i) => shapes[i].family === f);

  let bass = pick(byFamily(BASS_FAMILY), lowest);
  if (bass < 0)
    bass = pick(
      pitched().filter((i) => shapes[i].mean < BASS_CEILING && shapes[i].polyphony <= MONOPHONIC),
      lowest,
    );
  if (bass >= 0) roles[bass] = 'bass';
  let melody = pick(byFamily(LEAD_FAMILY), highest);
  if (melody < 0)
    melody = pick(
      pitched().filter((i) => shapes[i].mean >= MELODY_FLOOR && shapes[i].polyphony <= MONOPHONIC),
      highest,
    );
  if (melody >= 0) roles[melody] = 'melody';
  return roles;
}

export interface BudgetedPiece {
  piece: GridPiece;
  /** Indices (into the input's tracks) of the tracks left out, in track order; empty when within budget. */
  dropped: number[];
}

const RANK: Record<TrackRole, number> = { drums: 0, bass: 1, melody: 2, harmony: 3 };

/**
 * At most `maxTracks` tracks of `piece`, kept in their order: first one drum track, the bass and
 * the melody, then the other tracks (further drum tracks too) busiest first, the earlier track on a tie.
 */
export function budgetTracks(piece: GridPiece, maxTracks: number): BudgetedPiece {
  if (!(maxTracks >= 1)) throw new RangeError(`a track budget needs at least one track, got ${maxTracks}`);
  if (piece.tracks.length <= maxTracks) return { piece, dropped: [] };
  const roles = trackRoles(piece);
  const firstDrums = pick(
    roles.flatMap((r, i) => (r === 'drums' ? [i] : [])),
    (a, b) => piece.tracks[a].notes.length > piece.tracks[b].notes.length,
  );
  const rank = (i: number) => (roles[i] === 'drums' && i !== firstDrums ? RANK.harmony : RANK[roles[i]]);
  const order = piece.tracks
    .map((_, i) => i)
    .sort((a, b) => rank(a) - rank(b) || piece.tracks[b].notes.length - piece.tracks[a].notes.length || a - b);
  const kept = new Set(order.slice(0, maxTracks));
  return {
    piece: { bars: piece.bars, tracks: piece.tracks.filter((_, i) => kept.has(i)) },
    dropped: piece.tracks.flatMap((_, i) => (kept.has(i) ? [] : [i])),
  };
}
