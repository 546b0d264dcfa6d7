// Which MIDI channel each track goes out on: the one rule the MIDI file writer and the
// live MIDI output share, so a downloaded file and a synth played live agree.
import type { Track } from './score';

/** Channel index 9: channel 10 to musicians, General MIDI's drums. */
export const DRUM_CHANNEL = 9;

const MELODIC = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15];

/**
 * MIDI channel (0..15) for each track: its own when the file said (an upload goes back out on its channels),
 * drums on 9, every other track the next channel no known track uses (skipping 9), reused past 15.
 */
export function trackChannels(tracks: readonly Pick<Track, 'channel' | 'isDrum'>[]): number[] {
  const own = (t: Pick<Track, 'channel' | 'isDrum'>) =>
    t.channel !== undefined &&
    Number.isInteger(t.channel) &&
    t.channel >= 0 &&
    t.channel <= 15 &&
    (t.channel === DRUM_CHANNEL) === t.isDrum
      ? t.channel
      : undefined;
  const taken = new Set(tracks.map(own).filter((c) => c !== undefined));
  const free = MELODIC.filter((c) => !taken.has(c));
  const melodic = free.length > 0 ? free : MELODIC;
  let next = 0;
  return tracks.map((t) => own(t) ?? (t.isDrum ? DRUM_CHANNEL : melodic[next++ % melodic.length]));
}
