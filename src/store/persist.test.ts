import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Score } from '../music/score';
import { hasUnsavedChanges, restoreSession, saveNow, startAutosave, type SessionStorage } from './persist';
import { addNote, loadPiece, undo } from './pieceActions';
import { SESSION_VERSION, parseSession, sessionOf } from './sessionSchema';
import { setSeedLocked, setSetting } from './settingsActions';
import { initialState, patch, resetStore, useCantor } from './state';

/** IndexedDB's part in the round trip: values are structured clones, as IDB stores them. */
class MemoryStorage implements SessionStorage {
  value: unknown = undefined;
  writes = 0;
  failWith: Error | null = null;
  async read() {
    if (this.failWith) throw this.failWith;
    return structuredClone(this.value);
  }
  async write(v: unknown) {
    if (this.failWith) throw this.failWith;
    this.writes++;
    this.value = structuredClone(v);
  }
  async clear() {
    this.value = undefined;
  }
}

const score = (): Score => ({
  ppq: 480,
  tempos: [{ tick: 0, bpm: 90 }],
  timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
  tracks: [
    {
      name: 'S',
      program: 52,
      isDrum: false,
      part: 'SOPRANO',
      notes: [{ pitch: 67, start: 0, duration: 480, velocity: 90 }],
    },
  ],
});
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

let storage: MemoryStorage;
let stop: () => void = () => undefined;
beforeEach(() => {
  resetStore();
  storage = new MemoryStorage();
});
afterEach(() => stop());

describe('autosave', () => {
  it('writes once after a burst of changes, and a reload gets the piece, its undo history and the settings back', async () => {
    stop = startAutosave(storage, 20);
    loadPiece(score(), 'chorale.mid');
    addNote(0, { pitch: 72, start: 480, duration: 480, velocity: 80 });
    setSetting('seed', 42);
    setSeedLocked(true);
    patch('playback', { tempoScale: 0.5 });
    expect(useCantor.getState().session.save).toBe('pending');
    expect(hasUnsavedChanges()).toBe(true);
    await wait(60);
    expect(storage.writes).toBe(1);
    expect(useCantor.getState().session.save).toBe('saved');
    expect(hasUnsavedChanges()).toBe(false);
    stop();

    const before = useCantor.getState();
    resetStore(); // the page reloads
    await restoreSession(storage);
    const after = useCantor.getState();
    expect(after.piece.score).toEqual(before.piece.score);
    expect(after.piece.past).toEqual(before.piece.past);
    expect(after.piece.source).toBe('chorale.mid');
    expect(after.settings.seed).toBe(42);
    expect(after.settings.seedLocked).toBe(true);
    expect(after.playback.tempoScale).toBe(0.5);
    undo();
    expect(useCantor.getState().piece.score.tracks[0].notes).toHaveLength(1);
    undo();
    expect(useCantor.getState().piece.score.tracks).toEqual([]);
  });

  it('waits for the model to finish before writing', async () => {
    stop = startAutosave(storage, 10);
    patch('generation', { running: true });
    loadPiece(score(), null);
    await wait(40);
    expect(storage.writes).toBe(0);
    expect(hasUnsavedChanges()).toBe(true);
    patch('generation', { running: false });
    await wait(40);
    expect(storage.writes).toBe(1);
  });

  it('says so when the browser refuses to store, and then counts edits as unsaved', async () => {
    storage.failWith = new Error('QuotaExceededError');
    stop = startAutosave(storage, 10);
    loadPiece(score(), null);
    await saveNow();
    expect(useCantor.getState().session.save).toBe('off');
    expect(useCantor.getState().messages.notice).toMatch(/Autosave failed \(QuotaExceededError\)/);
    expect(hasUnsavedChanges()).toBe(true);
  });
});

describe('restoring', () => {
  it('starts fresh with a notice when the save is from another version', async () => {
    storage.value = { ...sessionOf(initialState()), version: SESSION_VERSION + 1 };
    await restoreSession(storage);
    expect(useCantor.getState().messages.notice).toMatch(/not restored: it was saved by another version of Cantor/);
    expect(useCantor.getState().piece.score.tracks).toEqual([]);
  });

  it('starts fresh with a notice naming the first bad field when the save is damaged', async () => {
    const saved = sessionOf(initialState());
    saved.piece.past = [
      {
        score: {
          ...score(),
          tracks: [{ ...score().tracks[0], notes: [{ pitch: 300, start: 0, duration: 1, velocity: 1 }] }],
        },
        generated: [],
      },
    ];
    storage.value = saved;
    await restoreSession(storage);
    expect(useCantor.getState().messages.notice).toMatch(
      /damaged \(piece\.past\[0\]\.score\.tracks\[0\]\.notes\[0\]\.pitch/,
    );
    expect(useCantor.getState().piece.past).toEqual([]);
    storage.value = 'not a session';
    await restoreSession(storage);
    expect(useCantor.getState().messages.notice).toMatch(/damaged/);
  });

  it('works without storage, and says the piece is not kept', async () => {
    storage.failWith = new Error('IndexedDB is disabled');
    await restoreSession(storage);
    expect(useCantor.getState().session.save).toBe('off');
    expect(useCantor.getState().messages.notice).toMatch(/will not keep the piece.*IndexedDB is disabled/);
    await restoreSession(null);
    expect(useCantor.getState().session.save).toBe('off');
  });

  it('never replaces a piece the user started while the save was being read', async () => {
    loadPiece(score(), null);
    storage.value = sessionOf({ ...initialState(), settings: { ...initialState().settings, seed: 7 } });
    await restoreSession(storage);
    expect(useCantor.getState().piece.score.tracks).toHaveLength(1);
  });

  it('refuses a save whose settings lack a field this version needs', () => {
    const saved = sessionOf(initialState()) as unknown as { settings: Record<string, unknown> };
    delete saved.settings.seedLocked;
    expect(parseSession(saved)).toEqual({ ok: false, why: expect.stringMatching(/settings\.seedLocked/) });
  });
});
