// The velocity lane: press a note's stalk and drag up or down. A selected note takes
// the whole selection with it (each keeps its offset); release is one undo step.
import { changeVelocity, selectNotes } from '../../../store/editActions';
import { selectTargetTrack } from '../../../store/editSelectors';
import { fixNote, selectedNotes } from '../../../store/noteEdits';
import { useCantor } from '../../../store/state';
import { hitStalk, laneVelocity, zoneAt } from '../geometry';
import { DONE, type Gesture, type Point } from './pointer';

export const velocityGesture: Gesture = (c, p) => {
  if (zoneAt(c.view, p.x, p.y) !== 'lane') return null;
  const s = useCantor.getState();
  if (s.generation.running) return DONE;
  const hit = hitStalk(s.piece.score, c.view, p.x, selectTargetTrack(s), s.edit.selection);
  if (!hit) return DONE;
  if (!s.edit.selection.has(hit.note)) selectNotes([hit.note]);
  const group = useCantor.getState().edit.selection;
  const notes = selectedNotes(s.piece.score, group);
  let delta = 0;
  const update = (q: Point) => {
    delta = laneVelocity(c.view, q.y) - hit.note.velocity;
    c.draft = {
      hide: group,
      notes: notes.map(({ track, note }) => ({ track, note: fixNote({ ...note, velocity: note.velocity + delta }) })),
    };
  };
  update(p);
  return {
    move: update,
    end(_q, _e, cancelled) {
      c.draft = null;
      if (!cancelled) changeVelocity(group, delta);
    },
  };
};
