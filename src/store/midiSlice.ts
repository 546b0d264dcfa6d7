// MIDI devices in the app: which ports there are and which are chosen, the state of a
// recording, the last take (for "Let the band answer") and the monitoring latency.
import type { PortInfo } from '../audio/webMidi';

/** 'off': not asked for yet (a button asks); the others say why MIDI cannot be used, or that it can. */
export type MidiAccess = 'off' | 'asking' | 'ready' | 'unsupported' | 'denied' | 'failed';

export interface TakeSpan {
  track: number;
  /** [start, end) ticks of the whole bars the take's notes fall in. */
  start: number;
  end: number;
}

export interface MidiSlice {
  access: MidiAccess;
  inputs: PortInfo[];
  outputs: PortInfo[];
  inputId: string | null;
  outputId: string | null;
  /** Snap recorded note starts to the roll's snap. */
  quantise: boolean;
  /** Silence the page's own sound while playback goes to a MIDI output. */
  muteApp: boolean;
  recording: 'idle' | 'count-in' | 'recording';
  /** Beat of the count-in being clicked (1…), 0 before the first. */
  countInBeat: number;
  /** performance.now() ms at which the take's first tick is heard (the downbeat after the count-in), while recording. */
  takeStartMs: number | null;
  lastTake: TakeSpan | null;
  /** From a key's MIDI message to its voice starting on the audio clock: the last key and the worst so far (ms); outputMs is what the audio context adds. */
  latency: { ms: number; worstMs: number; outputMs: number } | null;
  /** What the MIDI panel says: why MIDI can't work, that no device is connected, that one was unplugged. */
  note: string | null;
}

export function initialMidi(): MidiSlice {
  return {
    access: 'off',
    inputs: [],
    outputs: [],
    inputId: null,
    outputId: null,
    quantise: true,
    muteApp: false,
    recording: 'idle',
    countInBeat: 0,
    takeStartMs: null,
    lastTake: null,
    latency: null,
    note: null,
  };
}
