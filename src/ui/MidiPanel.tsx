// MIDI devices: Connect MIDI (the browser asks once), the input a keyboard plays in on and
// the output playback is sent to, Quantise for takes, the monitoring latency, what is wrong
// when MIDI can't work, and after a take "Let the band answer".
import { useState } from 'react';
import { answerChoices, letTheBandAnswer } from '../store/bandActions';
import { isGmModel } from '../store/gmModel';
import { selectSnap } from '../store/editSelectors';
import { connectMidi, selectInput, selectOutput, setMuteApp, setQuantise } from '../store/midiActions';
import { selectModel, selectModelReady, selectRunning } from '../store/selectors';
import { useCantor, type CantorState } from '../store/state';
import { instLabel } from './labels';

const selectMidi = (s: CantorState) => s.midi;

function PortPicker(p: {
  label: string;
  text: string;
  value: string | null;
  ports: { id: string; name: string }[];
  disabled: boolean;
  onChange: (id: string | null) => void;
}) {
  return (
    <label>
      {p.text}
      <select
        aria-label={p.label}
        value={p.value ?? ''}
        disabled={p.disabled}
        onChange={(e) => p.onChange(e.target.value || null)}
      >
        <option value="">None</option>
        {p.ports.map((port) => (
          <option key={port.id} value={port.id}>
            {port.name}
          </option>
        ))}
      </select>
    </label>
  );
}

const ms = (v: number) => `${Math.round(v)} ms`;

export function MidiPanel() {
  const midi = useCantor(selectMidi);
  const snap = useCantor(selectSnap);
  const ready = midi.access === 'ready';
  return (
    <fieldset className="panel midi-panel">
      <legend>MIDI</legend>
      {(midi.access === 'off' || midi.access === 'asking' || midi.access === 'denied' || midi.access === 'failed') && (
        <button
          type="button"
          disabled={midi.access === 'asking'}
          title="Use a MIDI keyboard and synth (the browser asks once)"
          onClick={() => void connectMidi()}
        >
          Connect MIDI
        </button>
      )}
      <PortPicker
        label="MIDI input"
        text="Input"
        value={midi.inputId}
        ports={midi.inputs}
        disabled={!ready}
        onChange={selectInput}
      />
      <PortPicker
        label="MIDI output"
        text="Output"
        value={midi.outputId}
        ports={midi.outputs}
        disabled={!ready}
        onChange={selectOutput}
      />
      <label title="Snap recorded note starts to the roll's snap">
        <input type="checkbox" checked={midi.quantise} onChange={(e) => setQuantise(e.target.checked)} />
        Quantise{midi.quantise && snap !== 'off' ? ` (${snap})` : ''}
      </label>
      {midi.outputId && (
        <label title="Playback goes only to the MIDI output">
          <input type="checkbox" checked={midi.muteApp} onChange={(e) => setMuteApp(e.target.checked)} />
          Mute the page
        </label>
      )}
      {midi.latency && (
        <span
          className="midi-latency"
          data-ms={midi.latency.ms.toFixed(2)}
          data-worst-ms={midi.latency.worstMs.toFixed(2)}
          data-output-ms={midi.latency.outputMs.toFixed(2)}
        >
          Keys sound {ms(midi.latency.ms)} after the keyboard (worst {ms(midi.latency.worstMs)}), then{' '}
          {ms(midi.latency.outputMs)} of audio output
        </span>
      )}
      {midi.note && (
        <p className="midi-note" role="note">
          {midi.note}
        </p>
      )}
      <BandAnswer />
    </fieldset>
  );
}

/** After a take: the Compose panel's other instruments, written around it by the model. */
function BandAnswer() {
  const take = useCantor((s) => s.midi.lastTake);
  const instruments = useCantor(selectModel).info?.instruments ?? [];
  const ready = useCantor(selectModelReady);
  const running = useCantor(selectRunning);
  const choices = useCantor((s) => answerChoices(s).join(' '));
  const [skipped, setSkipped] = useState<ReadonlySet<string>>(new Set());
  if (!take || !isGmModel(instruments) || choices === '') return null;
  const list = choices.split(' ');
  const chosen = list.filter((i) => !skipped.has(i));
  const toggle = (inst: string) =>
    setSkipped((s) => (s.has(inst) ? new Set([...s].filter((x) => x !== inst)) : new Set([...s, inst])));
  return (
    <div className="band-answer" role="group" aria-label="Let the band answer">
      <span>Let the band answer:</span>
      {list.map((inst) => (
        <label key={inst}>
          <input type="checkbox" checked={!skipped.has(inst)} onChange={() => toggle(inst)} />
          {instLabel(inst)}
        </label>
      ))}
      <button
        type="button"
        disabled={!ready || running || chosen.length === 0}
        title="The model writes these instruments around the take, one after another"
        onClick={() => void letTheBandAnswer(chosen)}
      >
        Write the band around it
      </button>
    </div>
  );
}
