import { useEffect, useRef } from 'react';
import { compose, continuePiece, regenerateBar, regenerateTrack, stop, variations } from '../store/generationActions';
import { clearBar } from '../store/pieceActions';
import {
  selectCanFill,
  selectModel,
  selectModelReady,
  selectRunning,
  selectSelectedBar,
  selectSelectedTrack,
  selectSettings,
} from '../store/selectors';
import {
  addTrackSpec,
  randomSeed,
  removeTrackSpec,
  setSeedLocked,
  setSetting,
  setTrackSpec,
  setVoiceLeadingGuard,
} from '../store/settingsActions';
import { BAR_CHOICES, useCantor } from '../store/state';
import { AddPieceTrack } from './AddPieceTrack';
import { BinSelect, useControlEdges, withBin } from './ControlChoices';
import { InstrumentPicker, PresetPicker } from './InstrumentPicker';
import { RegenerateTarget } from './RegenerateTarget';

const DENSITIES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/** Tracks to compose, each with an instrument, a density and, where the model has them, polyphony and note length (empty: the model decides). */
function TrackSpecs() {
  const { tracks } = useCantor(selectSettings);
  const instruments = useCantor(selectModel).info?.instruments ?? [];
  const polyphony = useControlEdges('polyphony');
  const duration = useControlEdges('duration');
  const withControls = !!(polyphony || duration);
  const list = useRef<HTMLDivElement>(null);
  const added = useRef(false);
  // After "Add track", the new track's instrument picker has focus: choosing another is one key away.
  useEffect(() => {
    if (!added.current) return;
    added.current = false;
    list.current?.querySelector<HTMLSelectElement>('.spec:last-of-type select')?.focus();
  }, [tracks.length]);
  return (
    <div className="specs" ref={list}>
      {instruments.length === 0 && <span className="placeholder">Tracks appear when the model is loaded.</span>}
      {instruments.length > 0 && <PresetPicker instruments={instruments} />}
      {/* Column heads: the density choices then say only "auto" or a number, so the instrument keeps its whole name. */}
      {instruments.length > 0 && tracks.length > 0 && (
        <div className="spec-head" aria-hidden="true">
          <span>Instrument</span>
          <span>Density</span>
        </div>
      )}
      {instruments.length > 0 &&
        tracks.map((t, i) => (
          <div key={i} className={withControls ? 'spec with-controls' : 'spec'}>
            <InstrumentPicker
              label={`Instrument of track ${i + 1}`}
              value={t.inst}
              instruments={instruments}
              onChange={(inst) => setTrackSpec(i, { ...t, inst })}
            />
            <select
              className="density"
              aria-label={`Density of track ${i + 1}`}
              title={`Density of track ${i + 1}: how many notes, from 0 (fewest) to 9 (most); auto: the model chooses`}
              value={t.density ?? ''}
              onChange={(e) =>
                setTrackSpec(i, withBin(t, 'density', e.target.value === '' ? undefined : Number(e.target.value)))
              }
            >
              <option value="">auto</option>
              {DENSITIES.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
            <BinSelect
              control="polyphony"
              label={`Polyphony of track ${i + 1}`}
              none="auto"
              value={t.polyphony}
              onChange={(b) => setTrackSpec(i, withBin(t, 'polyphony', b))}
            />
            <BinSelect
              control="duration"
              label={`Note length of track ${i + 1}`}
              none="auto"
              value={t.duration}
              onChange={(b) => setTrackSpec(i, withBin(t, 'duration', b))}
            />
            <button type="button" aria-label={`Remove track ${i + 1}`} onClick={() => removeTrackSpec(i)}>
              −
            </button>
          </div>
        ))}
      {instruments.length > 0 && (
        <button
          type="button"
          onClick={() => {
            added.current = true;
            addTrackSpec(instruments);
          }}
        >
          Add track
        </button>
      )}
    </div>
  );
}

function Sampling() {
  const s = useCantor(selectSettings);
  return (
    <div className="row">
      <label>
        Bars
        <select aria-label="Bars" value={s.bars} onChange={(e) => setSetting('bars', Number(e.target.value))}>
          {BAR_CHOICES.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      <label>
        Temperature
        <input
          aria-label="Temperature"
          type="number"
          min={0}
          max={3}
          step={0.05}
          value={s.temperature}
          onChange={(e) => setSetting('temperature', e.target.valueAsNumber)}
        />
      </label>
      <label>
        Top-p
        <input
          aria-label="Top-p"
          type="number"
          min={0.01}
          max={1}
          step={0.01}
          value={s.topP}
          onChange={(e) => setSetting('topP', e.target.valueAsNumber)}
        />
      </label>
      <span className="seed">
        <label>
          Seed
          <input
            aria-label="Seed"
            type="number"
            min={0}
            step={1}
            value={s.seed}
            onChange={(e) => setSetting('seed', e.target.valueAsNumber)}
          />
        </label>
        <button
          type="button"
          className="lock"
          aria-pressed={s.seedLocked}
          title={
            s.seedLocked
              ? 'Locked: Regenerate reuses this seed (the same settings give the same notes)'
              : 'Unlocked: each Regenerate press draws a fresh seed'
          }
          onClick={() => setSeedLocked(!s.seedLocked)}
        >
          Lock seed
        </button>
        <button type="button" title="Draw a random seed" onClick={randomSeed}>
          Random
        </button>
      </span>
      <label title="While the model writes a soprano, alto, tenor or bass part, make notes that would form parallel fifths or octaves, or cross a neighbouring voice already written, much less likely. Other instruments are not affected.">
        <input type="checkbox" checked={s.voiceLeadingGuard} onChange={(e) => setVoiceLeadingGuard(e.target.checked)} />
        Voice-leading guard
      </label>
    </div>
  );
}

/** Compose settings and the generation buttons. */
export function ComposePanel() {
  const running = useCantor(selectRunning);
  const ready = useCantor(selectModelReady);
  const canFill = useCantor(selectCanFill);
  const bar = useCantor(selectSelectedBar);
  const track = useCantor(selectSelectedTrack);
  const idle = ready && !running;
  return (
    <fieldset className="panel compose">
      <legend>Compose</legend>
      <TrackSpecs />
      <Sampling />
      <div className="row buttons">
        <button type="button" className="primary" disabled={!idle} onClick={() => void compose()}>
          Compose
        </button>
        <button type="button" disabled={!idle} onClick={() => void continuePiece()}>
          Continue
        </button>
        <button type="button" disabled={!running} onClick={stop}>
          Stop
        </button>
        <button type="button" disabled={!idle} onClick={() => void variations(3)}>
          Variations
        </button>
        <AddPieceTrack />
        <span className="regenerate">
          <RegenerateTarget />
          <button type="button" disabled={!idle} onClick={() => void regenerateTrack()}>
            Regenerate track
          </button>
          <button
            type="button"
            disabled={!idle || !canFill}
            title={canFill ? undefined : 'This model cannot fill in bars'}
            onClick={() => void regenerateBar()}
          >
            Regenerate bar
          </button>
          <button
            type="button"
            disabled={bar === null || running}
            title="Delete the notes of the target bar (of the target track, or of every track)"
            onClick={() => bar !== null && clearBar(bar, track)}
          >
            Clear bar
          </button>
        </span>
      </div>
    </fieldset>
  );
}
