import { play } from '../store/playbackActions';
import { selectPickedCandidate, selectShownCandidate } from '../store/editSelectors';
import { selectCandidates } from '../store/selectors';
import { useCantor } from '../store/state';
import { pickAt, previewCandidate } from '../store/variationActions';
import { noteCount } from '../music/score';

/**
 * Variations: each candidate can be previewed over the roll (a radio group, so the arrow keys
 * step through them; in the roll, [ and ]), auditioned, and picked. The one the piece holds is marked.
 */
export function Candidates() {
  const candidates = useCantor(selectCandidates);
  const shown = useCantor(selectShownCandidate);
  const picked = useCantor(selectPickedCandidate);
  if (candidates.length === 0) return null;
  return (
    <fieldset className="panel candidates">
      <legend>Variations</legend>
      <div role="radiogroup" aria-label="Candidate shown in the roll" className="row">
        {candidates.map((c, i) => (
          <span
            key={i}
            className={i === shown ? 'candidate shown' : 'candidate'}
            aria-current={i === picked ? 'true' : undefined}
          >
            <label>
              <input type="radio" name="candidate" checked={i === shown} onChange={() => previewCandidate(i)} />
              Candidate {i + 1} ({noteCount(c.score)} notes){i === picked && <strong> · in the piece</strong>}
            </label>
            <button type="button" onClick={() => void play(c.score, 0)}>
              Audition {i + 1}
            </button>
            <button type="button" disabled={i === picked} onClick={() => pickAt(i)}>
              Pick {i + 1}
            </button>
          </span>
        ))}
      </div>
      <span className="hint">In the roll: [ and ] step through them, Enter picks, Esc goes back.</span>
    </fieldset>
  );
}
