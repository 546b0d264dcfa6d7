// Model list, model and backend choice, loading through the engine.
import { EngineError, type BackendChoice, type ModelInfo, type TrackSpec } from '../model/protocol';
import { defaultLineup } from '../music/presets';
import { engine } from './engine';
import { dismissAlert, errorMessage, showAlert, showNotice } from './messageActions';
import { patch, useCantor, type ModelEntry } from './state';

export const DEFAULT_MODEL = 'chorales';

let loading: Promise<ModelInfo | null> = Promise.resolve(null);

/** Resolves with the model once the latest load settles (null when it failed). */
export function modelReady(): Promise<ModelInfo | null> {
  return loading;
}

/** Default tracks to compose (presets.ts defaultLineup, as `cantor generate` without --tracks). */
export function defaultTracks(instruments: readonly string[]): TrackSpec[] {
  return defaultLineup(instruments).insts.map((inst) => ({ inst }));
}

/** The tracks to compose with a newly loaded model: the user's (e.g. restored) when the model plays them all. */
export function tracksFor(instruments: readonly string[], current: readonly TrackSpec[]): TrackSpec[] {
  return current.length > 0 && current.every((t) => instruments.includes(t.inst))
    ? (current as TrackSpec[])
    : defaultTracks(instruments);
}

export interface InitialModel {
  name: string | null;
  /** The ?model= name when no such model is installed. */
  missing: string | null;
}

/** Which model to start with: ?model=<name>, else the last session's, else the bundled chorale model, else the first listed. */
export function initialModel(
  available: readonly ModelEntry[],
  search: string,
  saved: string | null = null,
): InitialModel {
  const has = (name: string | null): name is string => name !== null && available.some((m) => m.name === name);
  const wanted = new URLSearchParams(search).get('model');
  const missing = wanted !== null && !has(wanted) ? wanted : null;
  const name = [wanted, saved, DEFAULT_MODEL].find(has) ?? available[0]?.name ?? null;
  return { name, missing };
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
  const { name, missing } = initialModel(available, search, useCantor.getState().settings.modelName);
  if (missing && name) showNotice(`There is no model "${missing}" here; loading ${name} instead.`);
  else if (missing) showAlert(`There is no model "${missing}" here.`);
  if (name) await selectModel(name);
  else if (available.length === 0) showAlert('No model is installed: put one in models/<name>/ (see docs/FORMATS.md).');
}

/** The engine said the chosen backend cannot run here (e.g. WebGPU without an adapter). */
const backendUnavailable = (e: unknown) => e instanceof EngineError && e.code === 'backend';

export function selectModel(name: string): Promise<ModelInfo | null> {
  const backend = useCantor.getState().settings.backend;
  patch('settings', { modelName: name });
  patch('model', { status: 'loading', info: null, progress: null, switched: null });
  const load = (choice: BackendChoice) =>
    engine().load(`/models/${encodeURIComponent(name)}/`, choice, (progress) => patch('model', { progress }));
  const attempt = load(backend)
    .catch((e: unknown) => {
      if (backend !== 'webgpu' || !backendUnavailable(e) || loading !== attempt) throw e;
      // An explicit WebGPU choice the browser cannot honour still leaves a working model.
      return load('wasm').then((info) => {
        // The engine's advice to choose WASM is what just happened.
        showNotice(
          `WebGPU cannot run here (${errorMessage(e).replace(/; choose WASM$/, '')}), so the model runs on WASM.`,
        );
        return info;
      });
    })
    .then((info) => {
      if (loading !== attempt) return info; // a newer load replaced this one
      patch('model', { status: 'ready', info, progress: null });
      patch('settings', { tracks: tracksFor(info.instruments, useCantor.getState().settings.tracks) });
      dismissAlert(); // loading a model is an action that worked: an older alert is stale
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
