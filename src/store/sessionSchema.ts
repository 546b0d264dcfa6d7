// What the autosave stores, and the check a stored value must pass before it is restored.
// Pure data in and out (no IndexedDB here): a damaged or foreign save is refused with the
// first bad field named, so the page starts fresh and says why instead of drawing garbage.
import { type CantorState, type PieceSnapshot, type PlaybackSlice, type SettingsSlice } from './state';
import { isPartName } from '../music/score';

/** Bump when the stored shape changes; an older save is then ignored (with a notice), never misread. */
export const SESSION_VERSION = 1;

export interface SavedSession {
  version: typeof SESSION_VERSION;
  savedAt: number;
  piece: PieceSnapshot & {
    past: PieceSnapshot[];
    future: PieceSnapshot[];
    source: string | null;
    sourceEnd: number | null;
  };
  settings: SettingsSlice;
  playback: Pick<PlaybackSlice, 'tempoScale' | 'loop' | 'muted' | 'soloed'>;
}

export function sessionOf(s: CantorState, savedAt = Date.now()): SavedSession {
  const { score, generated, past, future, source, sourceEnd } = s.piece;
  const { tempoScale, loop, muted, soloed } = s.playback;
  return {
    version: SESSION_VERSION,
    savedAt,
    piece: { score, generated, past, future, source, sourceEnd },
    settings: s.settings,
    playback: { tempoScale, loop, muted, soloed },
  };
}

export type Parsed = { ok: true; session: SavedSession } | { ok: false; why: string };

class Bad extends Error {}

type Obj = Record<string, unknown>;
const fail = (path: string): never => {
  throw new Bad(path);
};
const obj = (v: unknown, path: string): Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : fail(path);
const arr = (v: unknown, path: string): unknown[] => (Array.isArray(v) ? v : fail(path));
const num = (v: unknown, path: string, lo = -Infinity, hi = Infinity): number =>
  typeof v === 'number' && v >= lo && v <= hi ? v : fail(path);
const int = (v: unknown, path: string, lo = -Infinity, hi = Infinity): number =>
  Number.isInteger(num(v, path, lo, hi)) ? (v as number) : fail(path);
const str = (v: unknown, path: string): string => (typeof v === 'string' ? v : fail(path));
const bool = (v: unknown, path: string): boolean => (typeof v === 'boolean' ? v : fail(path));
const orNull = <T>(v: unknown, path: string, check: (v: unknown, path: string) => T): T | null =>
  v === null ? null : check(v, path);

// Undo history shares unchanged tracks between snapshots: each object is checked once.
function checker() {
  const seen = new WeakSet<object>();
  const once = (v: unknown, body: () => void) => {
    if (typeof v === 'object' && v !== null && seen.has(v)) return;
    body();
    seen.add(v as object);
  };
  const score = (v: unknown, p: string) =>
    once(v, () => {
      const s = obj(v, p);
      int(s.ppq, `${p}.ppq`, 1, 1e6);
      arr(s.tempos, `${p}.tempos`).forEach((t, i) => {
        const o = obj(t, `${p}.tempos[${i}]`);
        num(o.tick, `${p}.tempos[${i}].tick`, 0);
        num(o.bpm, `${p}.tempos[${i}].bpm`, 1e-3, 1e4);
      });
      arr(s.timeSignatures, `${p}.timeSignatures`).forEach((t, i) => {
        const o = obj(t, `${p}.timeSignatures[${i}]`);
        num(o.tick, `${p}.timeSignatures[${i}].tick`, 0);
        int(o.numerator, `${p}.timeSignatures[${i}].numerator`, 1, 255);
        int(o.denominator, `${p}.timeSignatures[${i}].denominator`, 1, 256);
      });
      arr(s.tracks, `${p}.tracks`).forEach((t, i) => track(t, `${p}.tracks[${i}]`));
    });
  const track = (v: unknown, p: string) =>
    once(v, () => {
      const t = obj(v, p);
      str(t.name, `${p}.name`);
      int(t.program, `${p}.program`, 0, 127);
      bool(t.isDrum, `${p}.isDrum`);
      if (t.channel !== undefined) int(t.channel, `${p}.channel`, 0, 15);
      if (t.part !== undefined && !(typeof t.part === 'string' && isPartName(t.part))) fail(`${p}.part`);
      once(t.notes, () =>
        arr(t.notes, `${p}.notes`).forEach((n, i) => {
          const o = obj(n, `${p}.notes[${i}]`);
          int(o.pitch, `${p}.notes[${i}].pitch`, 0, 127);
          num(o.start, `${p}.notes[${i}].start`, 0);
          num(o.duration, `${p}.notes[${i}].duration`, Number.MIN_VALUE);
          num(o.velocity, `${p}.notes[${i}].velocity`, 0, 127);
        }),
      );
    });
  const snapshot = (v: unknown, p: string) => {
    const s = obj(v, p);
    score(s.score, `${p}.score`);
    arr(s.generated, `${p}.generated`).forEach((r, i) => {
      const o = obj(r, `${p}.generated[${i}]`);
      int(o.track, `${p}.generated[${i}].track`, 0);
      num(o.start, `${p}.generated[${i}].start`, 0);
      num(o.end, `${p}.generated[${i}].end`, 0);
    });
  };
  return { snapshot };
}

function checkSettings(v: unknown): void {
  const s = obj(v, 'settings');
  orNull(s.modelName, 'settings.modelName', str);
  if (!['auto', 'webgpu', 'wasm'].includes(s.backend as string)) fail('settings.backend');
  int(s.bars, 'settings.bars', 1, 64);
  num(s.temperature, 'settings.temperature', 0, 3);
  num(s.topP, 'settings.topP', 0.01, 1);
  int(s.seed, 'settings.seed', 0, 2 ** 31 - 1);
  bool(s.seedLocked, 'settings.seedLocked');
  bool(s.voiceLeadingGuard, 'settings.voiceLeadingGuard');
  arr(s.tracks, 'settings.tracks').forEach((t, i) => {
    const o = obj(t, `settings.tracks[${i}]`);
    str(o.inst, `settings.tracks[${i}].inst`);
    checkBins(o, `settings.tracks[${i}]`);
  });
  // Saved before Regenerate had its own choices: absent is fine.
  if (s.regenerateControls !== undefined)
    checkBins(obj(s.regenerateControls, 'settings.regenerateControls'), 'settings.regenerateControls');
}

/** Optional DENSITY, POLYPHONY and DURATION bins (a model's own ranges are checked when it runs). */
function checkBins(o: Record<string, unknown>, where: string): void {
  for (const key of ['density', 'polyphony', 'duration'])
    if (o[key] !== undefined) int(o[key], `${where}.${key}`, 0, 9);
}

function checkPlayback(v: unknown): void {
  const p = obj(v, 'playback');
  num(p.tempoScale, 'playback.tempoScale', 0.25, 2);
  if (p.loop !== null) {
    const loop = arr(p.loop, 'playback.loop');
    if (loop.length !== 2) fail('playback.loop');
    loop.forEach((t, i) => num(t, `playback.loop[${i}]`, 0));
  }
  arr(p.muted, 'playback.muted').forEach((t, i) => int(t, `playback.muted[${i}]`, 0));
  arr(p.soloed, 'playback.soloed').forEach((t, i) => int(t, `playback.soloed[${i}]`, 0));
}

/** A stored value as a session, or why it cannot be one (another version, or the first bad field). */
export function parseSession(raw: unknown): Parsed {
  try {
    const v = obj(raw, 'the save');
    if (v.version !== SESSION_VERSION)
      return {
        ok: false,
        why: `it was saved by another version of Cantor (format ${String(v.version)}, this one reads ${SESSION_VERSION})`,
      };
    num(v.savedAt, 'savedAt');
    const piece = obj(v.piece, 'piece');
    const { snapshot } = checker();
    snapshot(piece, 'piece');
    arr(piece.past, 'piece.past').forEach((s, i) => snapshot(s, `piece.past[${i}]`));
    arr(piece.future, 'piece.future').forEach((s, i) => snapshot(s, `piece.future[${i}]`));
    orNull(piece.source, 'piece.source', str);
    orNull(piece.sourceEnd, 'piece.sourceEnd', num);
    checkSettings(v.settings);
    checkPlayback(v.playback);
    return { ok: true, session: v as unknown as SavedSession };
  } catch (e) {
    if (e instanceof Bad) return { ok: false, why: `it is damaged (${e.message} is missing or out of range)` };
    throw e;
  }
}
