import { selectBar, selectTrack } from '../store/pieceActions';
import { barCount, selectScore, selectSelectedBar, selectSelectedTrack, selectSettings } from '../store/selectors';
import { setRegenerateControls } from '../store/settingsActions';
import { useCantor } from '../store/state';
import { BinSelect, withBin } from './ControlChoices';
import { instLabel } from './labels';

/**
 * The track and bar that Regenerate (and drawing) work on, as form controls: the same
 * selection as clicking a track name or the ruler, reachable without a mouse. With a model that has
 * the controls, what Regenerate asks of the target's polyphony and note length (keep: its own).
 */
export function RegenerateTarget() {
  const score = useCantor(selectScore);
  const track = useCantor(selectSelectedTrack);
  const bar = useCantor(selectSelectedBar);
  const bars = barCount(score);
  const { regenerateControls: asked } = useCantor(selectSettings);
  const name = (i: number) => {
    const t = score.tracks[i];
    return `${i + 1}: ${t.name || (t.part ? instLabel(t.part) : `Track ${i + 1}`)}`;
  };
  return (
    <>
      <label>
        Track
        <select
          aria-label="Target track"
          title={track !== null && track < score.tracks.length ? name(track) : undefined}
          value={track ?? ''}
          onChange={(e) => selectTrack(e.target.value === '' ? null : Number(e.target.value))}
        >
          <option value="">none</option>
          {score.tracks.map((_, i) => (
            <option key={i} value={i}>
              {name(i)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Bar
        <input
          aria-label="Target bar"
          type="number"
          min={1}
          max={Math.max(bars, (bar ?? 0) + 1)}
          placeholder="none"
          value={bar === null ? '' : bar + 1}
          onChange={(e) =>
            selectBar(
              Number.isInteger(e.target.valueAsNumber) && e.target.valueAsNumber >= 1
                ? e.target.valueAsNumber - 1
                : null,
            )
          }
        />
      </label>
      <BinSelect
        control="polyphony"
        label="Regenerate with polyphony"
        none="keep"
        value={asked.polyphony}
        onChange={(b) => setRegenerateControls(withBin(asked, 'polyphony', b))}
      />
      <BinSelect
        control="duration"
        label="Regenerate with note length"
        none="keep"
        value={asked.duration}
        onChange={(b) => setRegenerateControls(withBin(asked, 'duration', b))}
      />
    </>
  );
}
