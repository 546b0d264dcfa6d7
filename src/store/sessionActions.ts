// Opening the page: the last session first (it names the model and its tracks), then
// autosave, then the model list and the model.
import { loadModelList } from './modelActions';
import { browserStorage, restoreSession, startAutosave } from './persist';

let started: Promise<void> | null = null;

/** Once per page, however often React mounts the app. */
export function startSession(): Promise<void> {
  started ??= (async () => {
    const storage = browserStorage();
    await restoreSession(storage);
    startAutosave(storage);
    await loadModelList();
  })();
  return started;
}
