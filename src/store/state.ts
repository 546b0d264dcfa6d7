// The one app store: typed slices, no methods. Actions are plain module functions
// (see *Actions.ts) so tests, the engine callbacks and the audio clock can call them.
import { create } from 'zustand';
import { emptyScore, type Score } from '../music/score';
import type { BackendChoice, ModelInfo, ProgressEvent, TrackControls, TrackSpec } from '../model/protocol';
import { initialEdit, type EditSlice } from './editSlice';
import { initialMidi, type MidiSlice } from './midiSlice';

/** A span of one track the model wrote, [start, end) in ticks: drawn distinctly. */
export interface Region {
  track: number;
  start: number;
  end: number;
}

/** What undo/redo restores. */
export interface PieceSnapshot {
  score: Score;
  generated: Region[];
}

export interface PieceSlice extends PieceSnapshot {
  past: PieceSnapshot[];
  future: PieceSnapshot[];
  /** Selected track / bar (for Regenerate track / bar, mute/solo, editing). */
  selectedTrack: number | null;
  selectedBar: number | null;
  /** File name of the upload the piece came from, if any. */
  source: string | null;
  /** Where the uploaded file's notes ended (ticks): the download is "-continued" only past it. */
  sourceEnd: number | null;
}

export interface GenerationSlice {
  running: boolean;
  mode: string | null;
  barsDone: number;
  totalBars: number;
  tokens: number;
  /** ms from pressing the button to the first note arriving, for the last run. */
  firstNoteMs: number | null;
  /** Full-piece candidates of the last Variations run, to audition and pick. */
  candidates: PieceSnapshot[];
}

export interface PlaybackSlice {
  playing: boolean;
  /** Playhead in ticks; read through subscribe, never as a hook in a rendering component. */
  position: number;
  tempoScale: number;
  loop: [number, number] | null;
  muted: number[];
  soloed: number[];
}

export interface SettingsSlice {
  modelName: string | null;
  backend: BackendChoice;
  bars: number;
  temperature: number;
  topP: number;
  seed: number;
  /** Regenerate track / bar reuse the seed instead of drawing a fresh one on each press. */
  seedLocked: boolean;
  /** Sampling.voiceLeading at DEFAULT_VOICE_LEADING when on; the engine applies it to SATB tracks only. */
  voiceLeadingGuard: boolean;
  /** Tracks to compose (instrument + optional density, polyphony and note-length bins). */
  tracks: TrackSpec[];
  /** Bins Regenerate track and Regenerate bar ask of the target; an omitted one keeps the target's own. */
  regenerateControls: TrackControls;
}

export interface ModelEntry {
  name: string;
  instruments: string[];
  fill: boolean;
}

export interface ModelSlice {
  available: ModelEntry[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  info: ModelInfo | null;
  progress: ProgressEvent | null;
  /** Set when the app chose this model for an upload: from which model, and why (the picker offers the way back). */
  switched?: { from: string; to: string; why: string } | null;
}

export interface MessagesSlice {
  /** Shown in role="alert": what went wrong and why. */
  alert: string | null;
  /** Shown as a polite note: e.g. how uploaded tracks were mapped. */
  notice: string | null;
  /** The notice's list, one line per item (each track of an upload and what it became), shown on request. */
  noticeDetails: string[];
}

export interface AudioExportSlice {
  /** What Download audio is doing (loading sounds, rendering, writing the file), or null when idle. */
  stage: 'loading' | 'rendering' | 'encoding' | null;
  /** Fraction rendered, 0..1; null while the sounds load. */
  progress: number | null;
}

export interface SessionSlice {
  /** Autosave: the latest change is stored ('saved'), waiting to be ('pending'), or storage is unavailable ('off'). */
  save: 'saved' | 'pending' | 'off';
}

export interface CantorState {
  piece: PieceSlice;
  generation: GenerationSlice;
  playback: PlaybackSlice;
  settings: SettingsSlice;
  model: ModelSlice;
  messages: MessagesSlice;
  /** The piano roll's selection, clipboard and grid (src/store/editSlice.ts). */
  edit: EditSlice;
  session: SessionSlice;
  audioExport: AudioExportSlice;
  /** MIDI keyboard and synth: ports, recording, latency (src/store/midiSlice.ts). */
  midi: MidiSlice;
}

export const BAR_CHOICES = [4, 8, 16, 32] as const;

export function initialState(): CantorState {
  return {
    piece: {
      score: emptyScore(),
      generated: [],
      past: [],
      future: [],
      selectedTrack: null,
      selectedBar: null,
      source: null,
      sourceEnd: null,
    },
    generation: { running: false, mode: null, barsDone: 0, totalBars: 0, tokens: 0, firstNoteMs: null, candidates: [] },
    playback: { playing: false, position: 0, tempoScale: 1, loop: null, muted: [], soloed: [] },
    settings: {
      modelName: null,
      backend: 'auto',
      bars: 4,
      temperature: 1,
      topP: 0.95,
      seed: 1,
      seedLocked: false,
      voiceLeadingGuard: true,
      tracks: [],
      regenerateControls: {},
    },
    model: { available: [], status: 'idle', info: null, progress: null },
    messages: { alert: null, notice: null, noticeDetails: [] },
    edit: initialEdit(),
    session: { save: 'saved' },
    audioExport: { stage: null, progress: null },
    midi: initialMidi(),
  };
}

export const useCantor = create<CantorState>()(() => initialState());

type SliceKey = keyof CantorState;

/** Shallow-merge a patch into one slice. */
export function patch<K extends SliceKey>(key: K, value: Partial<CantorState[K]>): void {
  useCantor.setState((s) => ({ [key]: { ...s[key], ...value } }) as Pick<CantorState, K>);
}

export function resetStore(): void {
  useCantor.setState(initialState(), true);
}
