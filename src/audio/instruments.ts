// Which sound a track gets. Pure: the choice is data, loading happens in toneOutput.ts.
import type { Track } from '../music/score';

/** The General MIDI program chorale voices sound with: an organ, as chorales were accompanied. */
export const CHORALE_PROGRAM = 19; // Church Organ

/** A sound source: the Salamander grand, or a General MIDI preset of the bundled SoundFont. */
export type Sound = { kind: 'piano' } | { kind: 'gm'; program: number; drum: boolean };

const CHORALE_PARTS = new Set(['SOPRANO', 'ALTO', 'TENOR', 'BASS']);
/** GM 0 and 1 (acoustic and bright grand) get the sampled grand, which beats the SoundFont's. */
const GRAND_PROGRAMS = new Set([0, 1]);

export function soundFor(track: Pick<Track, 'program' | 'isDrum' | 'part'>): Sound {
  if (track.isDrum) return { kind: 'gm', program: 0, drum: true };
  if (track.part && CHORALE_PARTS.has(track.part)) return { kind: 'gm', program: CHORALE_PROGRAM, drum: false };
  if (track.part) return { kind: 'piano' }; // MELODY, BRIDGE, PIANO: the POP909 piano arrangement
  const program = Number.isInteger(track.program) && track.program >= 0 && track.program < 128 ? track.program : 0;
  if (GRAND_PROGRAMS.has(program)) return { kind: 'piano' };
  return { kind: 'gm', program, drum: false };
}

/** A stable cache key for a sound. */
export function soundKey(sound: Sound): string {
  return sound.kind === 'piano' ? 'piano' : sound.drum ? 'drums' : `gm${sound.program}`;
}

/** GM family 0..15 (program / 8), or 16 for drums: picks the fallback synth's timbre. */
export function familyOf(sound: Sound): number {
  if (sound.kind === 'piano') return 0;
  return sound.drum ? 16 : Math.floor(sound.program / 8);
}
