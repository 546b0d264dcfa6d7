// Compose settings: bars, sampling, and the tracks to write.
import { SATB, isPartName } from '../music/parts';
import { presetTracks, type Preset } from '../music/presets';
import { showAlert } from './messageActions';
import type { TrackControls, TrackSpec } from '../model/protocol';
import { patch, useCantor, type SettingsSlice } from './state';

type Scalar = 'bars' | 'temperature' | 'topP' | 'seed';
const LIMITS: Record<Scalar, [number, number]> = {
  bars: [1, 64],
  temperature: [0, 3],
  topP: [0.01, 1],
  seed: [0, 2 ** 31 - 1],
};

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

/** What Regenerate track / bar ask of the target (an omitted bin keeps the target's own). */
export function setRegenerateControls(regenerateControls: TrackControls): void {
  patch('settings', { regenerateControls });
}

export function setSeedLocked(seedLocked: boolean): void {
  patch('settings', { seedLocked });
}

/**
 * Before a Regenerate press: a fresh seed (shown in the Seed field, so the result can be had
 * again by locking it), unless the user locked the seed to repeat the same result.
 */
export function drawSeedUnlessLocked(): void {
  if (!useCantor.getState().settings.seedLocked) randomSeed();
}

function setTracks(tracks: TrackSpec[]): void {
  patch('settings', { tracks });
}

export function setTrackSpec(index: number, spec: TrackSpec): void {
  setTracks(useCantor.getState().settings.tracks.map((t, i) => (i === index ? spec : t)));
}

/**
 * The instrument "Add track" adds: the next voice a part model still lacks (soprano down to
 * bass, then its other parts), else the first of the model's instruments not used yet, else the
 * first instrument again. The new track's instrument picker lets the user choose another.
 */
export function nextInstrument(instruments: readonly string[], tracks: readonly TrackSpec[]): string | null {
  const used = new Set(tracks.map((t) => t.inst));
  const voices = [
    ...SATB.filter((v) => instruments.includes(v)),
    ...instruments.filter((i) => isPartName(i) && !(SATB as readonly string[]).includes(i)),
  ];
  return voices.find((v) => !used.has(v)) ?? instruments.find((i) => !used.has(i)) ?? instruments[0] ?? null;
}

export function addTrackSpec(instruments: readonly string[]): void {
  const { tracks } = useCantor.getState().settings;
  const inst = nextInstrument(instruments, tracks);
  if (inst !== null) setTracks([...tracks, { inst }]);
}

export function removeTrackSpec(index: number): void {
  setTracks(useCantor.getState().settings.tracks.filter((_, i) => i !== index));
}

/** Compose with a preset line-up, as far as the model's instruments allow (same-family fallback). */
export function applyPreset(preset: Preset, instruments: readonly string[]): void {
  const insts = presetTracks(preset, instruments);
  if (insts.length === 0) return showAlert(`The model knows none of the instruments of "${preset.name}".`);
  setTracks(insts.map((inst) => ({ inst })));
}
