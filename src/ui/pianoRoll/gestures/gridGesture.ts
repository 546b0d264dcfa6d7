// A press on the empty grid: drag a rubber band to select the notes it touches
// (shift: add them to the selection); a click adds a note to the target track,
// which sounds as it lands, and ends the selection.
import { auditionNote } from '../../../store/auditionActions';
import { addNoteAt, clearSelection, selectNotes } from '../../../store/editActions';
import { selectTargetTrack } from '../../../store/editSelectors';
import { useCantor } from '../../../store/state';
import { notesInRect, xToTick, yToPitch, zoneAt } from '../geometry';
import { moved, type Gesture } from './pointer';

export const gridGesture: Gesture = (c, p, e) => {
  if (zoneAt(c.view, p.x, p.y) !== 'notes') return null;
  const base = e.shiftKey ? [...useCantor.getState().edit.selection] : [];
  return {
    move(q) {
      if (!c.band && !moved(p, q)) return;
      c.band = { x0: p.x, y0: p.y, x1: q.x, y1: q.y };
      const inside = notesInRect(useCantor.getState().piece.score, c.view, p, q).map(([, n]) => n);
      selectNotes([...base, ...inside]);
    },
    end(_q, ev, cancelled) {
      if (c.band) {
        c.band = null;
        return;
      }
      if (cancelled || ev.shiftKey || performance.now() - c.dragEndedAt < 300) return;
      clearSelection();
      const added = addNoteAt(yToPitch(c.view, p.y), xToTick(c.view, p.x));
      if (!added) return;
      // The new note is not selected, so the next click draws again (Esc or an empty band deselects).
      selectNotes([]);
      c.lastAdded = { note: added.note, at: performance.now() };
      auditionNote(added.track, added.note.pitch, added.note.velocity);
    },
  };
};

/** The keyboard: a click sounds that key on the target track's instrument. */
export const keysGesture: Gesture = (c, p) => {
  if (zoneAt(c.view, p.x, p.y) !== 'keys') return null;
  auditionNote(selectTargetTrack(useCantor.getState()), yToPitch(c.view, p.y));
  return { move() {}, end() {} };
};
