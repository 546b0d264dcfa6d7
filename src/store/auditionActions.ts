// Hearing a note as it is placed, dragged to a new pitch, or its key clicked: through the
// audio module's player, like playback. A failure to sound is never an editing error.
import * as player from '../audio/player';
import { useCantor } from './state';
import { trackForInst } from '../music/encode';

/** Sound `pitch` on track `track`'s instrument (on an empty roll, the instrument Compose would make). */
export function auditionNote(track: number, pitch: number, velocity = 80): void {
  const s = useCantor.getState();
  const spec = s.settings.tracks[track];
  const t = s.piece.score.tracks[track] ?? (spec ? trackForInst(spec.inst) : undefined);
  if (!t) return;
  player.previewNote(t, pitch, velocity).catch((e: unknown) => console.warn('Cantor: could not sound the note:', e));
}
