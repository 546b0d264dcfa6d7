// The roll's toolbar: which track a click draws into (always shown), snap and note
// length, zoom in time and in rows, fit, the velocity lane, and the drum lane's rows.
import { setNoteLength, setSnap, toggleDrumKit, toggleVelocityLane } from '../../store/editActions';
import {
  selectDrumKit,
  selectHasDrumLane,
  selectNoteLength,
  selectSnap,
  selectTargetTrack,
  selectVelocityLane,
} from '../../store/editSelectors';
import { NOTE_LENGTHS, SNAPS, type NoteLength, type Snap } from '../../store/divisions';
import { selectTrack } from '../../store/pieceActions';
import { selectScore, selectSettings } from '../../store/selectors';
import { useCantor } from '../../store/state';
import { instLabel } from '../labels';
import { trackColours } from './colours';
import type { RollController } from './controller';
import { RULER_HEIGHT } from './geometry';
import { zoomAt, zoomRowsAt } from './view';

const KEYS_HELP =
  'click: add · drag: move or select · edge: resize · shift-click: select more · double-click: delete · ctrl+A/C/X/V/D: select all, copy, cut, paste at the playhead, duplicate · arrows: nudge (shift: beat/octave) · F: fit · +/−: zoom (alt: rows) · T: next track · [ ]: variations';

/** Names of the tracks a click can draw into: the piece's, or on an empty roll the ones Compose would make. */
function useTargetNames(): string[] {
  const score = useCantor(selectScore);
  const specs = useCantor(selectSettings).tracks;
  return score.tracks.length > 0
    ? score.tracks.map((t, i) => t.name || `Track ${i + 1}`)
    : specs.map((s) => instLabel(s.inst));
}

/** A labelled drop-down of note values. */
function Choice(p: {
  label: string;
  aria?: string;
  value: string;
  options: readonly string[];
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {p.label}
      <select aria-label={p.aria ?? p.label} value={p.value} onChange={(e) => p.onChange(e.target.value)}>
        {p.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

export function RollTools({ roll }: { roll: RollController }) {
  const names = useTargetNames();
  const target = useCantor(selectTargetTrack);
  const tracks = useCantor(selectScore).tracks;
  const snap = useCantor(selectSnap);
  const length = useCantor(selectNoteLength);
  const lane = useCantor(selectVelocityLane);
  const drums = useCantor(selectHasDrumLane);
  const kit = useCantor(selectDrumKit);
  const ppq = () => useCantor.getState().piece.score.ppq;
  const zoom = (f: number) => roll.setView(zoomAt(roll.view, roll.view.keysWidth, f, ppq()));
  const rows = (f: number) =>
    roll.setView(zoomRowsAt(roll.view, RULER_HEIGHT + (roll.view.height - RULER_HEIGHT) / 2, f, ppq()));
  const colour = tracks.length > 0 ? trackColours(tracks)[target] : undefined;
  return (
    <div className="roll-tools">
      <label className="target">
        <span className="swatch" style={{ background: colour ?? '#ccc' }} aria-hidden="true" />
        Draw into
        <select
          aria-label="Draw into"
          title={names[target]}
          value={target}
          disabled={names.length === 0}
          onChange={(e) => selectTrack(Number(e.target.value))}
        >
          {names.map((n, i) => (
            <option key={i} value={i}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <Choice label="Snap" value={snap} options={SNAPS} onChange={(v) => setSnap(v as Snap)} />
      <Choice
        label="Length"
        aria="Note length"
        value={length}
        options={NOTE_LENGTHS}
        onChange={(v) => setNoteLength(v as NoteLength)}
      />
      <span className="group" role="group" aria-label="Zoom">
        <button type="button" aria-label="Zoom in" title="Zoom in (+)" onClick={() => zoom(1.5)}>
          +
        </button>
        <button type="button" aria-label="Zoom out" title="Zoom out (−)" onClick={() => zoom(1 / 1.5)}>
          −
        </button>
        <button type="button" aria-label="Taller rows" title="Taller rows (alt +)" onClick={() => rows(1.25)}>
          ↕+
        </button>
        <button type="button" aria-label="Shorter rows" title="Shorter rows (alt −)" onClick={() => rows(1 / 1.25)}>
          ↕−
        </button>
        <button type="button" title="Fit the whole piece (F)" onClick={() => roll.fit()}>
          Fit
        </button>
      </span>
      <button
        type="button"
        aria-pressed={lane}
        title="Show the velocity lane: drag a stalk to change a note's velocity"
        onClick={toggleVelocityLane}
      >
        Velocity
      </button>
      {drums && (
        <button
          type="button"
          aria-pressed={kit === 'gm'}
          title="Drum lane: show every General MIDI drum sound, not only the ones in use"
          onClick={toggleDrumKit}
        >
          All drums
        </button>
      )}
      <p id="roll-keys" className="hint" title={KEYS_HELP}>
        {KEYS_HELP}
      </p>
    </div>
  );
}
