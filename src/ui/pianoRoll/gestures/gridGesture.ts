// A press on the empty grid (of the roll or the drum lane): drag a rubber band to select
// the notes it touches (shift: add them to the selection); a click adds a note to the
// surface's track, which sounds as it lands, and ends the selection.
import { auditionNote } from '../../../store/auditionActions';
import { addNoteAt, clearSelection, selectNotes } from '../../../store/editActions';
import { selectPitchedTarget } from '../../../store/editSelectors';
import { useCantor } from '../../../store/state';
import { xToTick, yToPitch, zoneAt } from '../geometry';
import { moved, type Gesture } from './pointer';
import type { EditSurface } from './surfaces';

export function gridGestureOn(surface: EditSurface): Gesture {
  return (c, p, e) => {
    if (!surface.isGrid(c, p)) return null;
    const base = e.shiftKey ? [...useCantor.getState().edit.selection] : [];
    return {
      move(q) {
        if (!surface.getBand(c) && !moved(p, q)) return;
        surface.setBand(c, { x0: p.x, y0: p.y, x1: q.x, y1: q.y });
        selectNotes([...base, ...surface.inRect(c, p, q).map(([, n]) => n)]);
      },
      end(_q, ev, cancelled) {
        if (surface.getBand(c)) {
          surface.setBand(c, null);
          return;
        }
        if (cancelled || ev.shiftKey || performance.now() - c.dragEndedAt < 300) return;
        clearSelection();
        const track = surface.drawTrack(useCantor.getState());
        const added = track === null ? null : addNoteAt(surface.keyAt(c, p.y), xToTick(c.view, p.x), { track });
        if (!added) return;
        // The new note is not selected, so the next click draws again (Esc or an empty band deselects).
        selectNotes([]);
        c.lastAdded = { note: added.note, at: performance.now() };
        auditionNote(added.track, added.note.pitch, added.note.velocity);
      },
    };
  };
}

/** The keyboard: a click sounds that key on the instrument the pitched grid draws with. */
export const keysGesture: Gesture = (c, p) => {
  if (zoneAt(c.view, p.x, p.y) !== 'keys') return null;
  const track = selectPitchedTarget(useCantor.getState());
  if (track !== null) auditionNote(track, yToPitch(c.view, p.y));
  return { move() {}, end() {} };
};
