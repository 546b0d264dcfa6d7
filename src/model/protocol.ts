// The message contract between the app (main thread) and the engine worker.
// Everything here is plain structured-clone data: no classes, no tensors.
import type { Note, Score } from '../music/score';
import type { ModelConfig } from './modelConfig';

/** What the user asks for; 'auto' lets the engine pick by capability and a timing probe. */
export type BackendChoice = 'auto' | 'webgpu' | 'wasm';
/** What actually runs. 'cpu' is onnxruntime-node in the CLI. */
export type Backend = 'webgpu' | 'wasm' | 'cpu';

/**
 * The header bins asked of a track, each 0..the model's bins (DENSITY 0..9; POLYPHONY and DURATION 0..4 where
 * the model has them). An omitted one: Compose lets the model choose, Regenerate keeps the track's own.
 */
export interface TrackControls {
  density?: number;
  polyphony?: number;
  duration?: number;
}

/** One track to compose: inst is the INST value, e.g. 'SOPRANO', '0', 'DRUMS'. */
export interface TrackSpec extends TrackControls {
  inst: string;
}

export interface Sampling {
  /** > 0; 1 leaves the logits as they are. 0 means greedy. */
  temperature: number;
  /** Nucleus mass in (0, 1]; 1 disables it. */
  topP: number;
  /** Keep only the k best tokens; 0 or undefined disables it. */
  topK?: number;
  /** Seed of the engine's RNG: same seed + prompt + settings -> same notes on the same backend. */
  seed: number;
  /**
   * Voice-leading guard for SATB tracks: subtracted from the logit (before temperature) of every NOTE_ON
   * that would make parallel fifths/octaves or a voice crossing with the voices already written.
   * In nats: 4 makes such a note about 55 times less likely. 0 or undefined = off (other tracks are never touched).
   */
  voiceLeading?: number;
  /**
   * Register guard for Continue: each pitched track's new notes stay within this many semitones of its mean
   * pitch over the prompt's last 4 bars (src/model/registerGuard.ts). 0 or undefined = off.
   */
  register?: number;
}

/** The register window the app uses for Continue with a GM model (semitones either side of a track's recent mean). */
export const DEFAULT_REGISTER = 7;

/**
 * The guard's penalty when a user leaves it on (app and CLI): the smallest of 2/4/8/30 that brings
 * models/chorales' parallels and crossings to the held-out JS Fakes level (training/evaluate.py
 * --voice-leading, 200 pieces, shipped weights: fifths/bar 0.43 -> 0.044, octaves 0.45 -> 0.034,
 * crossing 0.035 -> 0.004; JSF 0.055, 0.058, 0.013; MODEL_CARD.md has the whole table). A soft penalty, not a ban: 8 and up remove every parallel, which real
 * chorales do not (a confident model may still write one that the harmony wants).
 */
export const DEFAULT_VOICE_LEADING = 4;

export type GenerateRequest =
  | { mode: 'compose'; tracks: TrackSpec[]; bars: number; sampling: Sampling }
  /**
   * `after`: a tick the new bars may not start before, e.g. the end of the whole piece when the
   * model sees only some of its tracks. They start at the first bar line at or after it and after
   * the score's last note (continuationStart in music/meter.ts).
   */
  | { mode: 'continue'; score: Score; bars: number; sampling: Sampling; after?: number }
  /** `controls`: bins asked of the regenerated track (omitted ones: those of the notes it replaces). */
  | { mode: 'regenerate-track'; score: Score; trackIndex: number; sampling: Sampling; controls?: TrackControls }
  | {
      mode: 'regenerate-bar';
      score: Score;
      trackIndex: number;
      bar: number;
      sampling: Sampling;
      controls?: TrackControls;
    }
  | { mode: 'variations'; base: GenerateRequest; count: number };

export interface ModelInfo {
  name: string;
  backend: Backend;
  /** The model file that runs, e.g. 'model.onnx', 'model_int8.onnx'. */
  variant: string;
  /** INST values the model was trained on, without the 'INST=' prefix. */
  instruments: string[];
  /** True when the model knows the bar-infilling tokens (regenerate-bar works). */
  fill: boolean;
  nCtx: number;
  /** The model's config.json, parsed and normalised (modelConfig.ts). */
  config: ModelConfig;
  /** What the browser offered and what the backend probe measured (absent in the CLI). */
  runtime?: {
    threads: number;
    shaderF16: boolean;
    fallbackAdapter: boolean;
    probeMsPerToken: Partial<Record<Backend, number>>;
  };
}

export type MainToWorker =
  | { type: 'load'; modelUrl: string; backend: BackendChoice }
  | { type: 'generate'; id: number; request: GenerateRequest }
  | { type: 'abort'; id: number };

export type ProgressPhase = 'download' | 'init' | 'generate';

export interface ProgressEvent {
  type: 'progress';
  phase: ProgressPhase;
  /** Bytes (download), steps (init) or tokens (generate) done. */
  loaded: number;
  total: number;
  bars?: number;
  totalBars?: number;
}

export type EngineErrorCode = 'model-missing' | 'model-corrupt' | 'vocab-mismatch' | 'backend' | 'generate' | 'aborted';

export interface GenerateResult {
  score: Score;
  tokens: string[];
  /** For 'variations': every candidate (score is candidates[0]). */
  candidates?: Score[];
  /** For 'variations': each candidate's tokens (tokens is candidateTokens[0]). */
  candidateTokens?: string[][];
  aborted: boolean;
}

export type WorkerToMain =
  | ProgressEvent
  | { type: 'loaded'; info: ModelInfo }
  | { type: 'token'; id: number; token: string }
  /** Finished notes (score ticks) of one track when a bar closes. */
  | { type: 'notes'; id: number; track: number; notes: Note[] }
  | ({ type: 'done'; id: number } & GenerateResult)
  | { type: 'error'; id?: number; code: EngineErrorCode; message: string };

/** An engine failure the UI can show: code says what kind, message says which file or why. */
export class EngineError extends Error {
  override name = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
  }
}
