import { pickCandidate } from '../store/generationActions';
import { play } from '../store/playbackActions';
import { selectCandidates } from '../store/selectors';
import { useCantor } from '../store/state';
import { noteCount } from '../music/score';

/** Variations: audition each candidate, pick one (the first is shown after the run). */
export function Candidates() {
  const candidates = useCantor(selectCandidates);
  if (candidates.length === 0) return null;
  return (
    <fieldset className="panel candidates">
      <legend>Variations</legend>
      {candidates.map((c, i) => (
        <span key={i} className="candidate">
          Candidate {i + 1} ({noteCount(c.score)} notes)
          <button type="button" onClick={() => void play(c.score, 0)}>
            Audition {i + 1}
          </button>
          <button type="button" onClick={() => pickCandidate(i)}>
            Pick {i + 1}
          </button>
        </span>
      ))}
    </fieldset>
  );
}
