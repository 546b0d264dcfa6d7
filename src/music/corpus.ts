// A corpus's conventions, applied to a Score before it is quantized: which tracks are named parts,
// which GM programs tracks without their own get, and how its drum kit maps to General MIDI.
// These are facts about a data set, so they come from its corpus options (training/corpora/*.json),
// never from the core types or from a file's track names.
import { isPartName, type PartName } from './parts';
import { sortNotes, type Score, type Track } from './score';

export interface CorpusConventions {
  /** Named parts. With partsBy 'order' the tracks with notes take them in file order and any further tracks are left out. */
  parts?: readonly PartName[];
  /** 'order' (default) or 'name': a track whose name is a part (any case) is that part; other tracks are left out. */
  partsBy?: 'order' | 'name';
  /** GM programs for the pitched tracks in file order (e.g. Nottingham's melody and chords, which carry none). */
  programs?: readonly number[];
  /** Drum note -> General MIDI drum note, for drum tracks (a kit's own map, such as the Roland TD-11's). */
  drumMap?: Readonly<Record<number, number>>;
  /** One drum track: a kit spread over several tracks (kick and snare here, cymbals there) becomes one, where the first was. */
  mergeDrums?: boolean;
}

function mergedDrums(tracks: Track[]): Track[] {
  const drums = tracks.filter((t) => t.isDrum);
  if (drums.length < 2) return tracks;
  const kit = { ...drums[0], notes: sortNotes(drums.flatMap((t) => t.notes)) };
  return tracks.flatMap((t) => (t === drums[0] ? [kit] : t.isDrum ? [] : [t]));
}

/**
 * Drum maps by name. `td11`: the Groove MIDI Dataset's Roland TD-11 notes reduced to General MIDI,
 * as in the GMD paper (table in ../shared/datasets/groove-midi/README.md): edge and bow hits join
 * their instrument, and 22/26 (hi-hat edge) and 58 (tom rim), which GM uses for other sounds, move.
 */
export const DRUM_MAPS: Readonly<Record<string, Readonly<Record<number, number>>>> = {
  td11: { 22: 42, 44: 42, 26: 46, 37: 38, 40: 38, 48: 50, 58: 43, 52: 49, 55: 49, 57: 49, 53: 51, 59: 51 },
};

function withParts(tracks: Track[], parts: readonly PartName[], by: 'order' | 'name'): Track[] {
  if (by === 'name') {
    const taken = new Set<string>();
    const out: Track[] = [];
    for (const t of tracks) {
      const name = t.name.trim().toUpperCase();
      if (!parts.includes(name) || taken.has(name)) continue;
      taken.add(name);
      out.push({ ...t, part: name });
    }
    return out;
  }
  return tracks
    .filter((t) => t.notes.length > 0)
    .slice(0, parts.length)
    .map((t, i) => ({ ...t, part: parts[i] }));
}

/**
 * The score as the corpus means it. Parts come only from `parts` (a part a reader guessed from a
 * track name is cleared); notes are copied only where the drum map changes them. Pure.
 */
export function applyConventions(score: Score, c: CorpusConventions = {}): Score {
  let tracks: Track[] = score.tracks.map((t) => (t.part === undefined ? t : { ...t, part: undefined }));
  if (c.programs?.length) {
    let pitched = 0;
    tracks = tracks.map((t) => {
      if (t.isDrum) return t;
      const program = c.programs![pitched++];
      return program === undefined ? t : { ...t, program };
    });
  }
  if (c.drumMap) {
    const map = c.drumMap;
    tracks = tracks.map((t) =>
      t.isDrum
        ? {
            ...t,
            notes: sortNotes(t.notes.map((n) => (map[n.pitch] === undefined ? n : { ...n, pitch: map[n.pitch] }))),
          }
        : t,
    );
  }
  if (c.mergeDrums) tracks = mergedDrums(tracks);
  if (c.parts?.length) tracks = withParts(tracks, c.parts, c.partsBy ?? 'order');
  return { ...score, tracks };
}

/** Why a set of conventions cannot be used, or null (bad part names, programs, drum notes). */
export function conventionsProblem(c: CorpusConventions): string | null {
  for (const p of c.parts ?? []) if (!isPartName(p)) return `"${p}" is not a part name (an upper-case word, not DRUMS)`;
  if (c.parts && new Set(c.parts).size !== c.parts.length) return 'a part is named twice';
  for (const p of c.programs ?? [])
    if (!Number.isInteger(p) || p < 0 || p > 127) return `program ${p} is not a GM program 0..127`;
  for (const [from, to] of Object.entries(c.drumMap ?? {}))
    if (!/^\d+$/.test(from) || Number(from) > 127 || !Number.isInteger(to) || to < 0 || to > 127)
      return `drum map entry ${from} -> ${to} is not two MIDI notes`;
  return null;
}
