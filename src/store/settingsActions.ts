// Compose settings: bars, sampling, and the tracks to write.
import type { TrackSpec } from '../model/protocol';
import { patch, useCantor, type SettingsSlice } from './state';

type Scalar = 'bars' | 'temperature' | 'topP' | 'seed';

const LIMITS: Record<Scalar, [number, number]> = { bars: [1, 64], temperature: [0, 3], topP: [0.01, 1], seed: [0, 2 ** 31 - 1] };

/** Set a numeric setting, clamped to its range; NaN (an emptied input) is ignored. */
export function setSetting(key: Scalar, value: number): void {
  if (!Number.isFinite(value)) return;
  const [lo, hi] = LIMITS[key];
  const v = Math.min(hi, Math.max(lo, key === 'seed' || key === 'bars' ? Math.round(value) : value));
  patch('settings', { [key]: v } as Partial<SettingsSlice>);
}

export function setVoiceLeadingGuard(on: boolean): void {
  patch('settings', { voiceLeadingGuard: on });
}

export function randomSeed(): void {
  patch('settings', { seed: Math.floor(Math.random() * 1_000_000) });
}

function setTracks(tracks: TrackSpec[]): void {
  patch('settings', { tracks });
}

export function setTrackSpec(index: number, spec: TrackSpec): void {
  setTracks(useCantor.getState().settings.tracks.map((t, i) => (i === index ? spec : t)));
}

export function addTrackSpec(inst: string): void {
  setTracks([...useCantor.getState().settings.tracks, { inst }]);
}

export function removeTrackSpec(index: number): void {
  setTracks(useCantor.getState().settings.tracks.filter((_, i) => i !== index));
}
