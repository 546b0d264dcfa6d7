// Distinct, meaningful names for the tracks a MIDI file is read into. One MIDI track can become
// several (one per channel, one per program on a channel): they keep the MIDI track's name and
// say what sets them apart, e.g. "Piano", "Piano (channel 3)", "Strings (program 48)".
import type { Track } from './score';

/** Where a read track came from: its MIDI track (from 0), channel and program, and that MIDI track's name. */
export interface TrackOrigin {
  track: number;
  channel: number;
  program: number;
  name?: string;
}

/** Names `tracks[i]` from `origins[i]`, in place; every name ends up distinct. */
export function nameTracks(tracks: Track[], origins: readonly TrackOrigin[]): void {
  const suffixed = new Set<Track>();
  const byMidiTrack = new Map<number, number[]>();
  origins.forEach((o, i) => byMidiTrack.set(o.track, [...(byMidiTrack.get(o.track) ?? []), i]));
  for (const [midiTrack, members] of byMidiTrack) {
    const base = origins[members[0]].name || `Track ${midiTrack + 1}`;
    const first = origins[members[0]];
    const firstOnChannel = new Map<number, number>();
    for (const i of members) if (!firstOnChannel.has(origins[i].channel)) firstOnChannel.set(origins[i].channel, i);
    for (const i of members) {
      const o = origins[i];
      const apart: string[] = [];
      if (o.channel !== first.channel) apart.push(`channel ${o.channel + 1}`);
      if (firstOnChannel.get(o.channel) !== i) apart.push(`program ${o.program}`);
      tracks[i].name = apart.length > 0 ? `${base} (${apart.join(', ')})` : base;
      if (apart.length > 0) suffixed.add(tracks[i]);
    }
  }
  // MIDI tracks that share a name: the channel tells them apart when it can, else their order.
  // (A name made above already says what sets it apart; it is left to the last step.)
  const byName = new Map<string, Track[]>();
  for (const t of tracks) byName.set(t.name, [...(byName.get(t.name) ?? []), t]);
  for (const group of byName.values()) {
    if (group.length < 2 || group.some((t) => suffixed.has(t))) continue;
    const byChannel = new Set(group.map((t) => t.channel)).size === group.length;
    group.forEach(
      (t, k) => (t.name = `${t.name} (${byChannel && t.channel !== undefined ? `channel ${t.channel + 1}` : k + 1})`),
    );
  }
  // A made-up name can still meet a real one ("Piano (2)" in the file itself).
  const seen = new Set<string>();
  for (const t of tracks) {
    let name = t.name;
    for (let k = 2; seen.has(name); k++) name = `${t.name} #${k}`;
    seen.add(name);
    t.name = name;
  }
}
