// "Let the band answer": after a take, the model writes the chosen instruments around it with
// the recorded track as context, through the ordinary Add to piece (an instrument the piece lacks)
// and Regenerate track (one it has) actions, one after another.
import type { Track } from '../music/score';
import { addTrackToPiece, regenerateTrack } from './generationActions';
import { selectTrack } from './pieceActions';
import { useCantor } from './state';

const state = () => useCantor.getState();

/** A track's instrument as the model names it: DRUMS, a part (SOPRANO…), or a GM program number. */
export function instOfTrack(t: Pick<Track, 'isDrum' | 'part' | 'program'>): string {
  return t.isDrum ? 'DRUMS' : (t.part ?? String(t.program));
}

/** The instruments offered to answer a take: the Compose panel's tracks, less the recorded one's. */
export function answerChoices(s = state()): string[] {
  const take = s.midi.lastTake;
  const recorded = take ? s.piece.score.tracks[take.track] : undefined;
  const own = recorded ? instOfTrack(recorded) : null;
  const known = new Set(s.model.info?.instruments ?? []);
  return [...new Set(s.settings.tracks.map((t) => t.inst))].filter((inst) => inst !== own && known.has(inst));
}

/**
 * Write `insts` around the last take, each conditioned on the piece as it then is (the take and the
 * instruments written before it). Stops at the first that fails (its alert says why).
 */
export async function letTheBandAnswer(insts: readonly string[]): Promise<void> {
  const take = state().midi.lastTake;
  if (!take || state().generation.running) return;
  for (const inst of insts) {
    const { tracks } = state().piece.score;
    // Regenerate track rewrites a track with notes; an empty one is not the model's to play, so the instrument is added.
    const existing = tracks.findIndex((t, i) => i !== take.track && t.notes.length > 0 && instOfTrack(t) === inst);
    if (existing >= 0) {
      selectTrack(existing);
      await regenerateTrack();
    } else await addTrackToPiece(inst);
    if (state().messages.alert) break;
  }
  selectTrack(take.track);
}
