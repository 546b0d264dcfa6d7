// A press on a note (in the roll or the drum lane): select it (shift: add or remove it)
// and make its track the target; drag its body to move the selection (time and pitch,
// or drum sound), an edge to resize it. The notes are drawn as a draft while dragging;
// release is one undo step.
import { minLength, snapTick } from '../../../store/divisions';
import { auditionNote } from '../../../store/auditionActions';
import { moveSelection, resizeSelection, selectNotes } from '../../../store/editActions';
import { fixNote, moveChange, resizeChange, selectedNotes } from '../../../store/noteEdits';
import { selectTrack } from '../../../store/pieceActions';
import { useCantor } from '../../../store/state';
import { xToTick } from '../geometry';
import { DONE, moved, type Gesture, type Point } from './pointer';
import type { EditSurface } from './surfaces';

export const noteGestureOn =
  (surface: EditSurface): Gesture =>
  (c, p, e) => {
    const s = useCantor.getState();
    const hit = surface.hitAt(c, p);
    if (!hit) return null;
    if (s.generation.running) return DONE;
    if (e.shiftKey) {
      selectNotes([hit.note], 'toggle');
      return DONE;
    }
    const wasSelected = s.edit.selection.has(hit.note);
    if (!wasSelected) selectNotes([hit.note]);
    if (s.piece.selectedTrack !== hit.track) selectTrack(hit.track);
    const { score } = s.piece;
    const { snap } = s.edit;
    const group = useCantor.getState().edit.selection;
    const block = selectedNotes(score, group);
    const [tick0, pitch0] = [xToTick(c.view, p.x), surface.keyAt(c, p.y)];
    const n = hit.note;
    // The grabbed point lands on the grid: the note's start (move, start edge) or end (end edge).
    const anchor = hit.part === 'end' ? n.start + n.duration : n.start;
    let change = { dt: 0, dp: 0 };
    let dragging = false;
    let heard = n.pitch;

    const move = (q: Point) => {
      if (!dragging && !moved(p, q)) return;
      dragging = true;
      const dt = snapTick(anchor + xToTick(c.view, q.x) - tick0, snap, score.ppq) - anchor;
      const dp = hit.part === 'body' ? surface.keyAt(c, q.y) - pitch0 : 0;
      change = { dt, dp };
      const f =
        hit.part === 'body' ? moveChange(block, dt, dp) : resizeChange(hit.part, dt, minLength(snap, score.ppq));
      c.draft = { hide: group, notes: block.map(({ track, note }) => ({ track, note: fixNote(f(note)) })) };
      const pitch = fixNote(f(n)).pitch;
      if (pitch !== heard) auditionNote(hit.track, (heard = pitch), n.velocity);
    };
    return {
      move,
      end(_q, _e, cancelled) {
        c.draft = null;
        if (!dragging) {
          // A click on one note of a selection picks that note alone.
          if (wasSelected && group.size > 1 && !cancelled) selectNotes([n]);
          return;
        }
        c.dragEndedAt = performance.now();
        if (cancelled) return;
        if (hit.part === 'body') moveSelection(change.dt, change.dp);
        else resizeSelection(hit.part, change.dt);
      },
    };
  };
