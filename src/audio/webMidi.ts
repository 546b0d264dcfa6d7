// The one module that touches the Web MIDI API: asking for access, listing ports as they come
// and go, listening to an input, and an output as a MidiPort for playback.
import type { MidiPort } from './midiOut';

export interface PortInfo {
  id: string;
  name: string;
}

/** One MIDI message as it came: its bytes and its timestamp (performance.now() ms when the device sent it). */
export interface TimedMessage {
  data: Uint8Array;
  timeStamp: number;
}

export type MidiAccessResult =
  { ok: true; connection: MidiConnection } | { ok: false; reason: 'unsupported' | 'denied' | 'failed'; detail: string };

/** Whether this browser has Web MIDI at all. */
export function hasWebMidi(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.requestMIDIAccess === 'function';
}

/** Whether MIDI access was already granted to this site (then the app connects without asking). */
export async function midiAlreadyAllowed(): Promise<boolean> {
  try {
    return (await navigator.permissions.query({ name: 'midi' as PermissionName })).state === 'granted';
  } catch {
    return false; // no Permissions API, or it does not know "midi"
  }
}

/** Ask for MIDI access (the browser may ask the user). Never rejects: a refusal says why. */
export async function requestMidi(): Promise<MidiAccessResult> {
  if (!hasWebMidi()) return { ok: false, reason: 'unsupported', detail: 'this browser has no Web MIDI' };
  try {
    return { ok: true, connection: new MidiConnection(await navigator.requestMIDIAccess({ sysex: false })) };
  } catch (e) {
    const name = e instanceof DOMException || e instanceof Error ? e.name : '';
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, reason: name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'failed', detail };
  }
}

const infoOf = (p: MIDIPort): PortInfo => ({ id: p.id, name: p.name || p.manufacturer || p.id });
const connected = (p: MIDIPort) => p.state !== 'disconnected';

export class MidiConnection {
  constructor(private readonly access: MIDIAccess) {}

  inputs(): PortInfo[] {
    return [...this.access.inputs.values()].filter(connected).map(infoOf);
  }

  outputs(): PortInfo[] {
    return [...this.access.outputs.values()].filter(connected).map(infoOf);
  }

  /** Called whenever a port is plugged in or out. Returns an unsubscribe. */
  onChange(cb: () => void): () => void {
    const handler = () => cb();
    this.access.addEventListener('statechange', handler);
    return () => this.access.removeEventListener('statechange', handler);
  }

  /** Listen to an input's messages. Returns an unsubscribe (a no-op when the input is gone). */
  listen(inputId: string, cb: (m: TimedMessage) => void): () => void {
    const input = this.access.inputs.get(inputId);
    if (!input) return () => undefined;
    const handler = (e: Event) => {
      const m = e as MIDIMessageEvent;
      if (m.data) cb({ data: m.data, timeStamp: m.timeStamp });
    };
    input.addEventListener('midimessage', handler);
    return () => input.removeEventListener('midimessage', handler);
  }

  /** An output as a port playback can send to, or null when it is gone. */
  output(outputId: string): MidiPort | null {
    const port = this.access.outputs.get(outputId);
    if (!port || !connected(port)) return null;
    return {
      send: (data, timestamp) => {
        try {
          port.send(data, timestamp);
        } catch (e) {
          // Unplugged between two notes: playback goes on in the page; the pickers catch up on the state change.
          console.warn('Cantor: MIDI output send failed:', e);
        }
      },
    };
  }
}
