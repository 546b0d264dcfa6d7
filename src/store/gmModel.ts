// GM (multi-instrument) models, whichever is loaded: their track budget, and which listed model suits an uploaded file.
import { isGmModel } from '../music/parts';
import { familyOf } from '../music/gm';
import type { Score } from '../music/score';
import type { ModelEntry } from './state';

export { isGmModel } from '../music/parts';

/** Why a file is multi-instrument (drums, more than one GM family, more than 4 tracks), or null. */
export function multiInstrumentReason(score: Score): string | null {
  const tracks = score.tracks.filter((t) => t.notes.length > 0);
  if (tracks.some((t) => t.isDrum)) return 'it has drums';
  const families = new Set(tracks.map((t) => familyOf(t.program)));
  if (families.size > 1) return `it has ${families.size} instrument families`;
  if (tracks.length > 4) return `it has ${tracks.length} tracks`;
  return null;
}

/** The GM model to switch to for a multi-instrument file: 'band' when listed, else the first GM model; null to stay. */
export function suggestedModel(
  available: readonly ModelEntry[],
  current: string | null,
  score: Score,
): { name: string; why: string } | null {
  const why = multiInstrumentReason(score);
  const currentEntry = available.find((m) => m.name === current);
  if (why === null || (currentEntry && isGmModel(currentEntry.instruments))) return null;
  const gm = available.filter((m) => isGmModel(m.instruments));
  const pick = gm.find((m) => m.name === 'band') ?? gm[0];
  return pick ? { name: pick.name, why } : null;
}
