// Which rows the drum lane shows: the sounds the piece's drum tracks play (or every
// sound of the GM kit, when chosen), highest key at the top as in the pitched roll, so
// the kick sits at the bottom and cymbals above. Pure functions of the tracks.
import { GM_KIT_KEYS, drumName } from '../../music/gmDrums';
import type { Track } from '../../music/score';
import type { DrumKit } from '../../store/editSlice';

type DrumTrack = Pick<Track, 'isDrum' | 'notes'>;

/** What a drum track with no hits yet offers to draw on: kick, snare, hats, two toms, crash and ride. */
export const BASIC_KIT: readonly number[] = [36, 38, 42, 46, 45, 48, 49, 51];

/** Indices of the drum tracks. */
export function drumTrackIndices(tracks: readonly Pick<Track, 'isDrum'>[]): number[] {
  return tracks.flatMap((t, i) => (t.isDrum ? [i] : []));
}

const usedCache = new WeakMap<readonly DrumTrack[], readonly number[]>();

/** The keys the drum tracks play, ascending (kept per tracks array: every frame asks). */
export function drumKeysInUse(tracks: readonly DrumTrack[]): readonly number[] {
  let keys = usedCache.get(tracks);
  if (!keys) {
    const set = new Set<number>();
    for (const t of tracks) if (t.isDrum) for (const n of t.notes) set.add(n.pitch);
    keys = [...set].sort((a, b) => a - b);
    usedCache.set(tracks, keys);
  }
  return keys;
}

/**
 * The lane's rows, top to bottom: keys from highest to lowest. 'used': the sounds in use (the basic kit
 * while there are none); 'gm': the whole GM kit and any other key in use.
 */
export function drumRows(tracks: readonly DrumTrack[], kit: DrumKit): number[] {
  const used = drumKeysInUse(tracks);
  const keys = new Set(kit === 'gm' ? [...GM_KIT_KEYS, ...used] : used.length > 0 ? used : BASIC_KIT);
  return [...keys].sort((a, b) => b - a);
}

/** Number of drum hits in the tracks. */
export function drumHitCount(tracks: readonly DrumTrack[]): number {
  return tracks.reduce((sum, t) => sum + (t.isDrum ? t.notes.length : 0), 0);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "Drums: 4 sounds, 128 hits in 8 bars; rows: Crash, Closed hat, Snare, Kick": what the lane shows, for its accessible name. */
export function drumSummary(tracks: readonly DrumTrack[], rows: readonly number[], bars: number): string {
  const sounds = drumKeysInUse(tracks).length;
  return `Drums: ${plural(sounds, 'sound')}, ${plural(drumHitCount(tracks), 'hit')} in ${plural(bars, 'bar')}; rows: ${rows.map(drumName).join(', ')}`;
}
