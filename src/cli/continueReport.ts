// What `cantor generate --prompt … --json` reports about a continuation, for training/evaluate_band.py:
// per track of the song, its notes over the prompt's last bars, the notes the model added, and (when the
// prompt was cut with --prompt-bars) the song's real notes over the same bars, all in ticks.
import type { InstrumentMap } from '../music/instrumentMap';
import { barsOf, continuationStart } from '../music/meter';
import { endTick, type Note, type Score } from '../music/score';

/** Bars before the continuation that its register and density are compared with (the register guard's REGISTER_BARS). */
const RECENT_BARS = 4;

export interface PromptCut {
  /** The song's first `bars` bars: notes that start before the cut, held notes shortened to it. */
  prompt: Score;
  /** The whole song, for its real bars after the cut. */
  song: Score;
}

/** The first `bars` bars of `song` on its own bar lines (the whole song when it is shorter). */
export function cutAtBar(song: Score, bars: number): PromptCut {
  const all = barsOf(song, endTick(song));
  if (bars >= all.length) return { prompt: song, song };
  const cut = all[bars - 1].end;
  const prompt: Score = {
    ...song,
    tempos: song.tempos.filter((t) => t.tick < cut),
    timeSignatures: song.timeSignatures.filter((s) => s.tick < cut),
    tracks: song.tracks.map((t) => ({
      ...t,
      notes: t.notes.filter((n) => n.start < cut).map((n) => ({ ...n, duration: Math.min(n.duration, cut - n.start) })),
    })),
  };
  return { prompt, song };
}

type Plain = Pick<Note, 'pitch' | 'start' | 'duration'>;
const plain = (notes: readonly Note[]): Plain[] =>
  notes.map(({ pitch, start, duration }) => ({ pitch, start, duration }));
const within = (notes: readonly Note[], from: number, to: number) =>
  plain(notes.filter((n) => n.start >= from && n.start < to));

export interface ContinueReport {
  ppq: number;
  /** Tick where the new bars start, and where the `bars` new 4/4 bars end. */
  from: number;
  to: number;
  /** Start of the prompt's last RECENT_BARS bars (its own bar lines). */
  recentFrom: number;
  /** End of the song's real bars after the cut (as many as were generated), or null without --prompt-bars. */
  realTo: number | null;
  tracks: {
    name: string;
    program: number;
    isDrum: boolean;
    /** The model's instrument for this track, or null when it did not play it (and why). */
    inst: string | null;
    dropped: string | null;
    recent: Plain[];
    added: Plain[];
    real: Plain[] | null;
  }[];
}

/** The report of one continuation: `merged` is the prompt with the new notes merged in (mergeIntoFull). */
export function continueReport(cut: PromptCut, map: InstrumentMap, merged: Score, bars: number): ContinueReport {
  const { prompt, song } = cut;
  const from = continuationStart(prompt, endTick(prompt));
  const to = from + bars * 4 * prompt.ppq;
  const promptBars = barsOf(prompt, from);
  const recentFrom = promptBars[Math.max(0, promptBars.length - RECENT_BARS)].start;
  const cutSong = prompt !== song;
  const songBars = cutSong ? barsOf(song, endTick(song)) : [];
  const after = songBars.filter((b) => b.start >= from).slice(0, bars);
  const realTo = cutSong ? (after.length ? after[after.length - 1].end : from) : null;
  return {
    ppq: prompt.ppq,
    from,
    to,
    recentFrom,
    realTo,
    tracks: prompt.tracks.map((t, i) => {
      const m = map.mapping.find((x) => x.source === i);
      return {
        name: t.name,
        program: t.program,
        isDrum: t.isDrum,
        inst: m ? m.inst : null,
        dropped: map.dropped.find((d) => d.source === i)?.reason ?? null,
        recent: within(t.notes, recentFrom, from),
        added: within(merged.tracks[i].notes, from, Infinity),
        real: realTo === null ? null : within(song.tracks[i].notes, from, realTo),
      };
    }),
  };
}
