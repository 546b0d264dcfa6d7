// Which GM program a note plays. A MIDI track's own program changes decide for the notes after
// them (as pretty_midi reads files, so a type-1 file whose tracks share a channel keeps each
// track's instrument). A note its track sets no program for takes the channel's program from the
// whole file at its onset: a "setup" track that sets every channel's program at the start is
// common in older GM files. With no program change at all, the program is 0.
import type { Note, Track } from './score';
import type { TrackOrigin } from './trackNames';

/** Marks a track whose notes came before any program change of their MIDI track on that channel. */
export const UNSET = -1;

export interface ProgramChange {
  tick: number;
  program: number;
}

/** Index of the last change at or before `tick` (binary search: a track may have a million notes, a channel a million changes), or -1. */
function lastAtOrBefore(timeline: readonly ProgramChange[], tick: number): number {
  let lo = 0;
  let hi = timeline.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timeline[mid].tick <= tick) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Merge two lists sorted by start, then pitch. */
function merge(a: Note[], b: Note[]): Note[] {
  const out: Note[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length)
    out.push(a[i].start < b[j].start || (a[i].start === b[j].start && a[i].pitch <= b[j].pitch) ? a[i++] : b[j++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}

/**
 * Give the UNSET tracks their programs from `changes` (per channel, in file order), splitting a track
 * where the program changes and merging into the same MIDI track's track of that program when there
 * is one.
 */
export function resolvePrograms(
  tracks: Track[],
  origins: TrackOrigin[],
  changes: readonly ProgramChange[][],
): { tracks: Track[]; origins: TrackOrigin[] } {
  if (!tracks.some((t) => t.program === UNSET)) return { tracks, origins };
  const key = (o: TrackOrigin) => `${o.track}:${o.channel}:${o.program}`;
  const index = new Map(origins.map((o, i) => [key(o), i]));
  const replacement = new Map<number, { track: Track; origin: TrackOrigin }[]>();
  const timelines = new Map<number, ProgramChange[]>();
  tracks.forEach((t, i) => {
    if (t.program !== UNSET) return;
    const o = origins[i];
    let timeline = timelines.get(o.channel);
    // Stable: at one tick, the change later in the file wins.
    if (!timeline) timelines.set(o.channel, (timeline = [...changes[o.channel]].sort((x, y) => x.tick - y.tick)));
    const groups = new Map<number, Note[]>();
    for (const n of t.notes) {
      const k = lastAtOrBefore(timeline, n.start);
      const program = k >= 0 ? timeline[k].program : 0;
      const group = groups.get(program);
      if (group) group.push(n);
      else groups.set(program, [n]);
    }
    const made: { track: Track; origin: TrackOrigin }[] = [];
    for (const [program, notes] of groups) {
      const origin = { ...o, program };
      const existing = index.get(key(origin));
      if (existing !== undefined) tracks[existing].notes = merge(tracks[existing].notes, notes);
      else made.push({ track: { ...t, program, notes }, origin });
    }
    replacement.set(i, made);
  });
  const all = tracks.flatMap((track, i) => replacement.get(i) ?? [{ track, origin: origins[i] }]);
  // As the reader orders them: by MIDI track, channel, then first note.
  all.sort(
    (x, y) =>
      x.origin.track - y.origin.track ||
      x.origin.channel - y.origin.channel ||
      x.track.notes[0].start - y.track.notes[0].start,
  );
  return { tracks: all.map((m) => m.track), origins: all.map((m) => m.origin) };
}
