// Which sound a track gets. Pure: the choice is data, loading happens in toneOutput.ts.
import { SATB } from '../music/parts';
import type { Track } from '../music/score';

/** The General MIDI program chorale voices sound with: an organ, as chorales were accompanied. */
export const CHORALE_PROGRAM = 19; // Church Organ

/** A sound source: the Salamander grand, or a General MIDI preset of the bundled SoundFont. */
export type Sound = { kind: 'piano' } | { kind: 'gm'; program: number; drum: boolean };

const CHORALE_PARTS = new Set<string>(SATB);
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

/** The fallback synth timbre of a sound (FALLBACK_TIMBRES index): its GM family 0..15 (program / 8), or 16 for drums. */
export function timbreIndex(sound: Sound): number {
  if (sound.kind === 'piano') return 0;
  return sound.drum ? 16 : Math.floor(sound.program / 8);
}

export interface Timbre {
  /** A Tone.js oscillator type: a wave, optionally with a partial count ("sine4"). */
  oscillator: string;
  /** Attack, decay (s), sustain (0..1), release (s). */
  envelope: [number, number, number, number];
}

/**
 * The synth each GM family falls back to when its samples cannot load, so a piece is
 * never silent and the families still sound apart. Index = timbreIndex(); 16 = drums.
 */
export const FALLBACK_TIMBRES: readonly Timbre[] = [
  { oscillator: 'triangle', envelope: [0.005, 1.2, 0.15, 0.6] }, // piano
  { oscillator: 'sine', envelope: [0.001, 0.6, 0, 0.6] }, // chromatic percussion
  { oscillator: 'sine4', envelope: [0.01, 0.1, 1, 0.15] }, // organ
  { oscillator: 'triangle4', envelope: [0.002, 0.9, 0.1, 0.4] }, // guitar
  { oscillator: 'triangle', envelope: [0.005, 0.5, 0.5, 0.2] }, // bass
  { oscillator: 'sawtooth8', envelope: [0.15, 0.2, 0.85, 0.5] }, // strings
  { oscillator: 'sawtooth4', envelope: [0.2, 0.3, 0.8, 0.6] }, // ensemble, choir
  { oscillator: 'sawtooth', envelope: [0.05, 0.2, 0.7, 0.2] }, // brass
  { oscillator: 'square', envelope: [0.03, 0.1, 0.8, 0.15] }, // reed
  { oscillator: 'sine2', envelope: [0.05, 0.1, 0.9, 0.2] }, // pipe
  { oscillator: 'sawtooth', envelope: [0.01, 0.2, 0.6, 0.2] }, // synth lead
  { oscillator: 'sawtooth4', envelope: [0.4, 0.5, 0.8, 1] }, // synth pad
  { oscillator: 'square8', envelope: [0.05, 0.4, 0.5, 0.5] }, // synth effects
  { oscillator: 'triangle8', envelope: [0.002, 0.4, 0.2, 0.3] }, // ethnic
  { oscillator: 'sine', envelope: [0.001, 0.3, 0, 0.3] }, // percussive
  { oscillator: 'square4', envelope: [0.1, 0.3, 0.5, 0.4] }, // sound effects
  { oscillator: 'sine', envelope: [0.001, 0.3, 0, 0.2] }, // drums (membrane + metal synths)
];

/** GM drum keys that sound like metal (hats, cymbals, bells) rather than a skin. */
export const METAL_DRUM_KEYS = new Set([42, 44, 46, 49, 51, 52, 53, 55, 56, 57, 59, 80, 81]);
