// The one module that touches IndexedDB. The session (piece, undo history, settings) is
// written a moment after each change (never mid-generation: the run's start is not in the
// history yet) and read back once when the page opens. A save that cannot be read is ignored
// with a notice; a browser without storage still works, and says the piece is not kept.
import { errorMessage, showNotice } from './messageActions';
import { parseSession, sessionOf, type SavedSession } from './sessionSchema';
import { initialState, patch, useCantor, type CantorState } from './state';

/** Where a session lives; tests pass an in-memory one. */
export interface SessionStorage {
  read(): Promise<unknown>;
  write(session: SavedSession): Promise<void>;
  clear(): Promise<void>;
}

const DB_NAME = 'cantor';
const STORE = 'session';
const KEY = 'current';
/** Typing a seed or dragging notes writes once, after the burst. */
export const SAVE_DELAY_MS = 400;
/** IndexedDB can stall (a tab blocking an upgrade, some private modes): the page never waits on it longer. */
const TIMEOUT_MS = 3000;

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} took over ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
    p.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

export function indexedDbStorage(idb: IDBFactory = indexedDB): SessionStorage {
  let db: Promise<IDBDatabase> | null = null;
  const open = () =>
    (db ??= withTimeout(
      new Promise<IDBDatabase>((resolve, reject) => {
        const r = idb.open(DB_NAME, 1);
        r.onupgradeneeded = () => r.result.createObjectStore(STORE);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error('the browser refused to open its database'));
        r.onblocked = () => reject(new Error('another tab holds an older database'));
      }),
      'opening the database',
    ));
  const run = async <T>(mode: IDBTransactionMode, act: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const tx = (await open()).transaction(STORE, mode);
    const req = act(tx.objectStore(STORE));
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('the database write was aborted'));
      }),
      mode === 'readonly' ? 'reading the saved session' : 'saving the session',
    );
    return req.result;
  };
  return {
    read: () => run('readonly', (s) => s.get(KEY)),
    write: (session) => run('readwrite', (s) => s.put(session, KEY)).then(() => undefined),
    clear: () => run('readwrite', (s) => s.delete(KEY)).then(() => undefined),
  };
}

/** The browser's IndexedDB, or null where there is none. */
export function browserStorage(): SessionStorage | null {
  return typeof indexedDB === 'undefined' ? null : indexedDbStorage();
}

/** Read the last session into the store; call once, before the model list (it names the model). */
export async function restoreSession(storage: SessionStorage | null): Promise<void> {
  if (!storage) return patch('session', { save: 'off' });
  let raw: unknown;
  try {
    raw = await storage.read();
  } catch (e) {
    patch('session', { save: 'off' });
    return showNotice(
      `This browser will not keep the piece between visits (${errorMessage(e)}): download it to keep it.`,
    );
  }
  if (raw === undefined) return;
  const parsed = parseSession(raw);
  if (!parsed.ok) return showNotice(`The last session was not restored: ${parsed.why}. This is a new piece.`);
  const now = useCantor.getState();
  if (now.piece.past.length > 0 || now.piece.score.tracks.length > 0) return; // the user started before the read finished
  const { piece, settings, playback } = parsed.session;
  patch('piece', { ...piece, selectedTrack: null, selectedBar: null });
  // Settings a later version added keep their defaults.
  patch('settings', { ...initialState().settings, ...settings });
  patch('playback', playback);
}

let storage: SessionStorage | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
let queue: Promise<void> = Promise.resolve();
let writes = 0;

/** Some stored field differs (by identity: the store never mutates, so a change is a new value). */
function differs<T extends object>(a: T, b: T, keys: readonly (keyof T)[]): boolean {
  return keys.some((k) => a[k] !== b[k]);
}

const PIECE = ['score', 'generated', 'past', 'future', 'source', 'sourceEnd'] as const;
const PLAYBACK = ['tempoScale', 'loop', 'muted', 'soloed'] as const;

function changed(next: CantorState, prev: CantorState): boolean {
  const runEnded = prev.generation.running && !next.generation.running;
  const settings = Object.keys(next.settings) as (keyof CantorState['settings'])[];
  return (
    runEnded ||
    differs(next.piece, prev.piece, PIECE) ||
    differs(next.settings, prev.settings, settings) ||
    differs(next.playback, prev.playback, PLAYBACK)
  );
}

/** Write the session now (pending debounce included); resolves when it is stored or failed. */
export function saveNow(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const state = useCantor.getState();
  if (!storage || state.generation.running) return queue;
  const target = storage;
  const session = sessionOf(state);
  const id = ++writes;
  queue = queue
    .then(() => target.write(session))
    .then(
      () => {
        if (id === writes && !timer) patch('session', { save: 'saved' });
      },
      (e: unknown) => {
        if (useCantor.getState().session.save !== 'off')
          showNotice(`Autosave failed (${errorMessage(e)}): download the piece to keep it.`);
        patch('session', { save: 'off' });
      },
    );
  return queue;
}

/** Save a moment after every change of the piece, settings or playback choices. Returns a stop function. */
export function startAutosave(to: SessionStorage | null, delayMs = SAVE_DELAY_MS): () => void {
  storage = to;
  if (!to) return () => undefined;
  const unsubscribe = useCantor.subscribe((next, prev) => {
    if (!changed(next, prev)) return;
    if (next.session.save === 'saved') patch('session', { save: 'pending' });
    if (timer) clearTimeout(timer);
    timer = next.generation.running ? null : setTimeout(() => void saveNow(), delayMs);
  });
  // The tab may be closed or frozen next: start the write while the page still runs.
  const flush = () => {
    if (useCantor.getState().session.save === 'pending') void saveNow();
  };
  const onVisibility = () => document.visibilityState === 'hidden' && flush();
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
  }
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
    timer = null;
    storage = null;
    if (typeof window !== 'undefined') {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
    }
  };
}

/** Closing now would lose work: a change not stored yet, or edits in a browser that stores nothing. */
export function hasUnsavedChanges(s: CantorState = useCantor.getState()): boolean {
  return s.session.save === 'pending' || s.generation.running || (s.session.save === 'off' && s.piece.past.length > 0);
}

/** Forget the stored session (the error page's "Start fresh"). */
export async function clearSavedSession(to: SessionStorage | null = browserStorage()): Promise<void> {
  await to?.clear();
}
