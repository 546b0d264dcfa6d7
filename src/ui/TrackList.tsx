import { selectTrack } from '../store/pieceActions';
import { toggleMute, toggleSolo } from '../store/playbackActions';
import { selectMuted, selectScore, selectSelectedTrack, selectSoloed } from '../store/selectors';
import { useCantor } from '../store/state';
import { instLabel } from './labels';
import { trackColours } from './pianoRoll/colours';

/** One row per track: select it (for Regenerate track and drawing), mute, solo. */
export function TrackList() {
  const score = useCantor(selectScore);
  const selected = useCantor(selectSelectedTrack);
  const muted = useCantor(selectMuted);
  const soloed = useCantor(selectSoloed);
  const colours = trackColours(score.tracks);
  if (score.tracks.length === 0)
    return <p className="tracks empty">No tracks yet: compose, upload a MIDI file, or click the roll to draw.</p>;
  return (
    <ul className="tracks" aria-label="Tracks">
      {score.tracks.map((t, i) => (
        <li key={i} className={selected === i ? 'selected' : undefined}>
          <span className="swatch" style={{ background: colours[i] }} data-colour={colours[i]} />
          <button
            type="button"
            title={t.name || `Track ${i + 1}`}
            aria-pressed={selected === i}
            onClick={() => selectTrack(selected === i ? null : i)}
          >
            {t.name || `Track ${i + 1}`}
            {t.part && !t.name.toUpperCase().includes(t.part) && <span className="part"> · {instLabel(t.part)}</span>}
          </button>
          <span className="count">{t.notes.length} notes</span>
          <button
            type="button"
            aria-label={`Mute ${t.name}`}
            aria-pressed={muted.includes(i)}
            onClick={() => toggleMute(i)}
          >
            M
          </button>
          <button
            type="button"
            aria-label={`Solo ${t.name}`}
            aria-pressed={soloed.includes(i)}
            onClick={() => toggleSolo(i)}
          >
            S
          </button>
        </li>
      ))}
    </ul>
  );
}
