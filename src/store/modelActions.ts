// Model list, model and backend choice, loading through the engine.
import { isPartName } from '../music/score';
import type { BackendChoice, ModelInfo, TrackSpec } from '../model/protocol';
import { engine } from './engine';
import { errorMessage, showAlert } from './messageActions';
import { patch, useCantor, type ModelEntry } from './state';

export const DEFAULT_MODEL = 'chorales';

let loading: Promise<ModelInfo | null> = Promise.resolve(null);

/** Resolves with the model once the latest load settles (null when it failed). */
export function modelReady(): Promise<ModelInfo | null> {
  return loading;
}

/** Default tracks to compose: every part of a part model (SATB), else the first instrument. */
export function defaultTracks(instruments: readonly string[]): TrackSpec[] {
  const parts = instruments.filter(isPartName);
  const chosen = parts.length === instruments.length && parts.length > 0 ? parts : instruments.slice(0, 1);
  return chosen.map((inst) => ({ inst }));
}

/** Which model to start with: ?model=<name>, else the bundled chorale model, else the first listed. */
export function initialModel(available: readonly ModelEntry[], search: string): string | null {
  const wanted = new URLSearchParams(search).get('model');
  if (wanted && available.some((m) => m.name === wanted)) return wanted;
  if (available.some((m) => m.name === DEFAULT_MODEL)) return DEFAULT_MODEL;
  return available[0]?.name ?? null;
}

/** Fetch /models/index.json and load the initial model. */
export async function loadModelList(search = typeof location !== 'undefined' ? location.search : ''): Promise<void> {
  let available: ModelEntry[] = [];
  try {
    const res = await fetch('/models/index.json');
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    available = ((await res.json()) as { models: ModelEntry[] }).models;
  } catch (e) {
    showAlert(`Could not list the models (/models/index.json): ${errorMessage(e)}`);
  }
  patch('model', { available });
  const backend = new URLSearchParams(search).get('backend');
  if (backend === 'wasm' || backend === 'webgpu' || backend === 'auto') patch('settings', { backend });
  const name = initialModel(available, search);
  if (name) await selectModel(name);
  else if (available.length === 0) showAlert('No model is installed: put one in models/<name>/ (see docs/FORMATS.md).');
}

export function selectModel(name: string): Promise<ModelInfo | null> {
  const backend = useCantor.getState().settings.backend;
  patch('settings', { modelName: name });
  patch('model', { status: 'loading', info: null, progress: null });
  const attempt = engine()
    .load(`/models/${encodeURIComponent(name)}/`, backend, (progress) => patch('model', { progress }))
    .then((info) => {
      if (loading !== attempt) return info; // a newer load replaced this one
      patch('model', { status: 'ready', info, progress: null });
      patch('settings', { tracks: defaultTracks(info.instruments) });
      return info;
    })
    .catch((e: unknown) => {
      if (loading !== attempt) return null;
      patch('model', { status: 'error', progress: null });
      showAlert(`Model "${name}" could not be loaded: ${errorMessage(e)}`);
      return null;
    });
  loading = attempt;
  return attempt;
}

export function setBackend(backend: BackendChoice): Promise<ModelInfo | null> {
  patch('settings', { backend });
  const name = useCantor.getState().settings.modelName;
  return name ? selectModel(name) : Promise.resolve(null);
}
