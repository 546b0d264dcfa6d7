// Continue, prepared the same way by the app (store/generationActions) and `cantor generate --prompt`:
// the model's view of the song (its track budget picks the tracks, each played as an instrument it
// knows), the request, and the merge of the new notes back into the whole song.
import { mapInstruments, mergeIntoFull, modelView, type InstrumentMap } from '../music/instrumentMap';
import { isGmModel } from '../music/parts';
import { endTick, type Score } from '../music/score';
import type { ModelConfig } from './modelConfig';
import { DEFAULT_REGISTER, type GenerateRequest, type Sampling } from './protocol';

/** A song as the model sees it: `view` holds the tracks of `map`, played as the model's instruments. */
export interface ModelPrompt {
  full: Score;
  map: InstrumentMap;
  view: Score;
}

/** The model's view of a song; throws MusicError when no track fits the model. */
export function modelPrompt(full: Score, c: ModelConfig): ModelPrompt {
  const map = mapInstruments(full, c.instruments, c.encoding.maxTracks);
  return { full, map, view: modelView(full, map) };
}

/** The register guard's default: on for a GM model; a chorale model's voices already keep their ranges. */
export const defaultRegister = (c: ModelConfig): number => (isGmModel(c.instruments) ? DEFAULT_REGISTER : 0);

/** Continue the view by `bars` bars, after the end of the whole song (its unplayed tracks included). */
export function continueRequest(p: ModelPrompt, bars: number, sampling: Sampling): GenerateRequest {
  return { mode: 'continue', score: p.view, bars, sampling, after: endTick(p.full) };
}

/**
 * The whole song with the notes the model added to the view. The new bars are 4/4 from the song's next bar
 * line whatever its last meter was: the result's meter map says so, and the merged song keeps it.
 */
export function mergeContinuation(p: ModelPrompt, result: Score): Score {
  return { ...mergeIntoFull(p.full, p.map, p.view, result), timeSignatures: result.timeSignatures };
}
