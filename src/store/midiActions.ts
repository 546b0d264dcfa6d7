// MIDI devices: access (asked for with a button, or at once when the site already has it), the
// input and output pickers kept in step with what is plugged in, and keys played on the input
// sounding at once through the "Draw into" track's instrument. The recorder (recordActions.ts)
// listens to the same input through onMidiInput.
import { readMessage, type InputMessage } from '../audio/midiMessages';
import * as player from '../audio/player';
import { hasWebMidi, midiAlreadyAllowed, requestMidi, type MidiConnection, type TimedMessage } from '../audio/webMidi';
import { trackForInst } from '../music/encode';
import { HeldKeys } from '../music/heldKeys';
import type { Track } from '../music/score';
import { selectTargetTrack } from './editSelectors';
import { patch, useCantor, type CantorState } from './state';

export const MIDI_NOTES = {
  unsupported:
    "This browser has no Web MIDI, so a MIDI keyboard or synth can't be used here (Chrome, Edge and Firefox have it). Everything else works as before.",
  denied:
    "MIDI access was refused. To play in from a keyboard, allow MIDI for this site in the browser's site settings, then press Connect MIDI again.",
  noDevices: 'No MIDI device is connected. Plug in a keyboard: it appears here by itself.',
  noInputs: 'No MIDI keyboard (input) is connected. Plug one in: it appears here by itself.',
};

type Sound = Pick<Track, 'program' | 'isDrum' | 'part'>;

let connection: MidiConnection | null = null;
let stopListening: () => void = () => undefined;
/** Voice ids of the keys sounding now, with the sustain pedal. */
const monitorKeys = new HeldKeys<number>();
const inputListeners = new Set<(m: InputMessage, timeStamp: number) => void>();
const lostListeners = new Set<(name: string) => void>();
/** Says which input was unplugged (and what became of a take), until a keyboard is connected again. */
let unplugged: string | null = null;

const state = () => useCantor.getState();

/** At start-up: say so when there is no Web MIDI; connect at once when the site is already allowed. */
export async function initMidi(): Promise<void> {
  if (!hasWebMidi()) return patch('midi', { access: 'unsupported', note: MIDI_NOTES.unsupported });
  useCantor.subscribe(followTarget);
  if (await midiAlreadyAllowed()) await connectMidi();
}

/** Ask for MIDI access (from the Connect MIDI button: a user gesture, which also lets audio start). */
export async function connectMidi(): Promise<void> {
  if (state().midi.access === 'asking' || connection) return;
  patch('midi', { access: 'asking', note: null });
  void player.unlockAudio().catch(() => undefined);
  const result = await requestMidi();
  if (!result.ok) {
    const note =
      result.reason === 'unsupported'
        ? MIDI_NOTES.unsupported
        : result.reason === 'denied'
          ? MIDI_NOTES.denied
          : `MIDI could not start (${result.detail}).`;
    return patch('midi', { access: result.reason, note });
  }
  connection = result.connection;
  connection.onChange(refreshPorts);
  patch('midi', { access: 'ready' });
  refreshPorts();
}

/** Keep the pickers in step with the devices; a chosen port that went away is let go (and a take ends). */
function refreshPorts(): void {
  if (!connection) return;
  const inputs = connection.inputs();
  const outputs = connection.outputs();
  const { inputId, outputId } = state().midi;
  const lostInput =
    inputId !== null && !inputs.some((p) => p.id === inputId)
      ? state().midi.inputs.find((p) => p.id === inputId)
      : undefined;
  const lostOutput = outputId !== null && !outputs.some((p) => p.id === outputId);
  if (lostInput) unplugged = `“${lostInput.name}” was unplugged.`;
  if (inputs.length > 0) unplugged = null;
  const none = inputs.length === 0 ? (outputs.length === 0 ? MIDI_NOTES.noDevices : MIDI_NOTES.noInputs) : null;
  patch('midi', { inputs, outputs, note: unplugged ?? none });
  if (lostOutput) selectOutput(null);
  if (lostInput) {
    listenTo(null);
    for (const cb of lostListeners) cb(lostInput.name);
  }
  // A keyboard plugged in while none is chosen is the one to play.
  if (state().midi.inputId === null && inputs.length > 0 && !lostInput) selectInput(inputs[0].id);
}

export function selectInput(id: string | null): void {
  listenTo(id && connection?.inputs().some((p) => p.id === id) ? id : null);
  if (id) void player.unlockAudio().catch(() => undefined); // a pick is a user gesture: let keys sound from now on
}

function listenTo(id: string | null): void {
  stopListening();
  stopListening = () => undefined;
  for (const voice of monitorKeys.releaseAll()) player.monitorOff(voice);
  patch('midi', { inputId: id });
  if (!id || !connection) return;
  stopListening = connection.listen(id, onMessage);
  void player.prepareMonitor(monitorSound(state())).catch(() => undefined);
}

export function selectOutput(id: string | null): void {
  const port = id ? (connection?.output(id) ?? null) : null;
  patch('midi', { outputId: port ? id : null });
  player.setMidiOutput(port);
}

export function setQuantise(quantise: boolean): void {
  patch('midi', { quantise });
}

export function setMuteApp(muteApp: boolean): void {
  patch('midi', { muteApp });
  void player.setAppMuted(muteApp).catch(() => undefined);
}

/** Every message of the chosen input, read (for the recorder). Returns an unsubscribe. */
export function onMidiInput(cb: (m: InputMessage, timeStamp: number) => void): () => void {
  inputListeners.add(cb);
  return () => inputListeners.delete(cb);
}

/** Say more about the input just unplugged (what became of the take); shown until a keyboard is back. */
export function explainUnplugged(note: string): void {
  unplugged = note;
  patch('midi', { note });
}

/** Called with the device's name when the chosen input is unplugged. Returns an unsubscribe. */
export function onMidiInputLost(cb: (name: string) => void): () => void {
  lostListeners.add(cb);
  return () => lostListeners.delete(cb);
}

/** The instrument keys sound on: the "Draw into" track's (on an empty roll, the one Compose would make). */
export function monitorSound(s: CantorState): Sound {
  const target = selectTargetTrack(s);
  const track = s.piece.score.tracks[target];
  if (track) return track;
  const spec = s.settings.tracks[target];
  return spec ? trackForInst(spec.inst) : { program: 0, isDrum: false };
}

function onMessage({ data, timeStamp }: TimedMessage): void {
  const m = readMessage(data);
  if (!m) return;
  monitor(m, timeStamp);
  for (const cb of inputListeners) cb(m, timeStamp);
}

/** Sound the key now; note how long after its message it started. */
function monitor(m: InputMessage, timeStamp: number): void {
  const off = (ids: number[]) => ids.forEach(player.monitorOff);
  if (m.kind === 'sustain') return off(monitorKeys.setPedal(m.down));
  if (m.kind === 'off') return off(monitorKeys.release(m.pitch));
  const voice = player.monitorOn(monitorSound(state()), m.pitch, m.velocity, timeStamp);
  if (!voice) return;
  off(monitorKeys.press(m.pitch, voice.id));
  const worst = Math.max(voice.latencyMs, state().midi.latency?.worstMs ?? 0);
  patch('midi', { latency: { ms: voice.latencyMs, worstMs: worst, outputMs: player.outputLatencyMs() } });
}

/** Load the new instrument when the "Draw into" track changes, so its first key is not late. */
function followTarget(next: CantorState, prev: CantorState): void {
  if (next.midi.inputId === null) return;
  const changed =
    next.piece.score !== prev.piece.score ||
    next.piece.selectedTrack !== prev.piece.selectedTrack ||
    next.midi.inputId !== prev.midi.inputId;
  if (!changed) return;
  const [a, b] = [monitorSound(next), monitorSound(prev)];
  if (a.program !== b.program || a.isDrum !== b.isDrum || a.part !== b.part || next.midi.inputId !== prev.midi.inputId)
    void player.prepareMonitor(a).catch(() => undefined);
}
