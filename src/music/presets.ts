// Band presets for GM models: the instruments a line-up wants, played by what a model knows.
import { sameFamilyFallback } from './instrumentMap';
import { isGmModel, isPartName } from './parts';

export interface Preset {
  name: string;
  /** INST values (GM programs as strings, or 'DRUMS'), in track order. */
  wants: readonly string[];
}

export const PRESETS: readonly Preset[] = [
  // drums, electric bass (finger), overdriven guitar, electric piano, square lead
  { name: 'Rock band: drums, bass, guitar, keys, lead', wants: ['DRUMS', '33', '29', '4', '80'] },
  { name: 'Piano trio: piano, bass, drums', wants: ['0', '32', 'DRUMS'] },
  { name: 'String quartet', wants: ['40', '40', '41', '42'] },
  { name: 'Pop: drums, bass, piano, strings, lead', wants: ['DRUMS', '33', '0', '48', '80'] },
];

/**
 * The preset's tracks that a model with these INST values can play: each wanted program itself, else
 * the nearest of its GM family the model knows (same-family fallback); an instrument with neither is left out.
 */
export function presetTracks(preset: Preset, instruments: readonly string[]): string[] {
  const known = new Set(instruments);
  return preset.wants.flatMap((w) => {
    if (known.has(w)) return [w];
    if (w === 'DRUMS') return [];
    const p = sameFamilyFallback(Number(w), known);
    return p === null ? [] : [String(p)];
  });
}

/**
 * The preset in use: the first whose line-up, as this model plays it, is the tracks' instruments in order; null
 * once a track is added, removed or given another instrument (a density is not part of a preset's line-up).
 */
export function presetInUse(insts: readonly string[], instruments: readonly string[]): Preset | null {
  if (insts.length === 0) return null;
  return (
    PRESETS.find((p) => {
      const line = presetTracks(p, instruments);
      return line.length === insts.length && line.every((inst, i) => inst === insts[i]);
    }) ?? null
  );
}

/** What Compose writes when nobody chose the tracks: the app's first line-up and `cantor generate` without --tracks. */
export interface Lineup {
  /** Says which, e.g. the preset's name. */
  name: string;
  /** INST values, in track order. */
  insts: string[];
}

/**
 * The default line-up for a model's INST values: a GM model's rock band (PRESETS[0], as it can play it), every part
 * of a part model (the chorales' SATB), else the first instrument.
 */
export function defaultLineup(instruments: readonly string[]): Lineup {
  const band = isGmModel(instruments) ? presetTracks(PRESETS[0], instruments) : [];
  if (band.length > 0) return { name: PRESETS[0].name, insts: band };
  const parts = instruments.filter(isPartName);
  if (parts.length > 0 && parts.length === instruments.length)
    return { name: `every part: ${parts.join(', ')}`, insts: parts };
  return { name: `the first instrument: ${instruments[0] ?? 'none'}`, insts: instruments.slice(0, 1) };
}
