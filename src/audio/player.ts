// The playback API the store and UI use. Tone.js (toneOutput.ts) loads on first use, in its
// own chunk; the scheduler decides what sounds when, a 25 ms timer drives it, and
// position listeners get the playhead once per animation frame while playing.
import type { Score, Track } from '../music/score';
import { LookaheadScheduler, type Transport } from './scheduler';
import type { ToneOutput } from './toneOutput';

export { SOUND_CREDITS, type SoundCredit } from './credits';

/** fromTick, loop [start, end) ticks, tempoScale (2 = twice as fast), muted / soloed track indices. */
export type PlayOptions = Transport;

const TICK_MS = 25;
const LOOKAHEAD_VISIBLE = 0.2;
/** Hidden tabs run timers about once a second: hand out more than that ahead. */
const LOOKAHEAD_HIDDEN = 1.5;
/** How long play() waits for samples before starting with the fallback synths. */
const LOAD_WAIT_MS = 5000;

interface Engine {
  out: ToneOutput;
  scheduler: LookaheadScheduler;
}

let engine: Promise<Engine> | undefined;
/** The engine once loaded, for the synchronous calls (pause, stop, update). */
let loaded: Engine | undefined;
let timer: ReturnType<typeof setInterval> | undefined;
let frame: number | undefined;
/** Bumped by every play/pause/stop, so a play() still waiting for samples knows it was overtaken. */
let generation = 0;
const positionListeners = new Set<(tick: number) => void>();
const playingListeners = new Set<(playing: boolean) => void>();

function getEngine(): Promise<Engine> {
  // Tone.js prints a banner when it loads unless this is set first.
  (globalThis as { TONE_SILENCE_LOGGING?: boolean }).TONE_SILENCE_LOGGING = true;
  engine ??= import('./toneOutput').then(({ ToneOutput }) => {
    const out = new ToneOutput();
    const scheduler = new LookaheadScheduler(out.clock, out, { lookahead: LOOKAHEAD_VISIBLE });
    scheduler.onEnd = () => halt(scheduler);
    if (typeof document !== 'undefined') {
      document.addEventListener('visibilitychange', () => {
        scheduler.lookahead = document.hidden ? LOOKAHEAD_HIDDEN : LOOKAHEAD_VISIBLE;
      });
    }
    loaded = { out, scheduler };
    return loaded;
  });
  engine.catch(() => (engine = undefined)); // the chunk failed to load: let the next call retry
  return engine;
}

function currentScheduler(): LookaheadScheduler | undefined {
  return loaded?.scheduler;
}

function emitPosition(tick: number): void {
  for (const cb of positionListeners) cb(tick);
}

function emitPlaying(playing: boolean): void {
  for (const cb of playingListeners) cb(playing);
}

function startLoops({ out, scheduler }: Engine): void {
  timer ??= setInterval(() => scheduler.tick(), TICK_MS);
  const onFrame = () => {
    emitPosition(scheduler.position(out.heardTime()));
    frame = requestAnimationFrame(onFrame);
  };
  if (frame === undefined) frame = requestAnimationFrame(onFrame);
}

/** Timers off, listeners told where the playhead rests. */
function halt(scheduler: LookaheadScheduler): void {
  if (timer !== undefined) clearInterval(timer);
  if (frame !== undefined) cancelAnimationFrame(frame);
  timer = frame = undefined;
  emitPosition(scheduler.position());
  emitPlaying(false);
}

/** Resume audio. Call from a user gesture (play() does this too). */
export async function unlockAudio(): Promise<void> {
  await (await getEngine()).out.unlock();
}

/**
 * Fetch and decode the sounds these tracks need. Safe to call again; sounds are cached.
 * A sound that fails to load plays on a fallback synth; rejects only if the audio code itself cannot load.
 */
export async function loadInstruments(tracks: Track[]): Promise<void> {
  await (await getEngine()).out.load(tracks);
}

/**
 * Load the sounds these tracks need (as loadInstruments) and hand over the sample patches
 * (soundKey -> patch), for the audio export. A sound missing from `patches` failed to load;
 * `failures` says why.
 */
export async function loadedSamples(tracks: Track[]): Promise<ReturnType<ToneOutput['loadedSamples']>> {
  const { out } = await getEngine();
  await out.load(tracks);
  return out.loadedSamples();
}

/**
 * Start (or restart) playback of `score`. Call from a user gesture the first time (unlocks
 * audio). Waits up to a few seconds for samples, then starts anyway with fallback synths.
 * Throws RangeError for a loop whose end is not after its start.
 */
export async function play(score: Score, options: PlayOptions): Promise<void> {
  const mine = ++generation;
  const e = await getEngine();
  await e.out.unlock();
  let waited: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([e.out.load(score.tracks), new Promise((r) => (waited = setTimeout(r, LOAD_WAIT_MS)))]);
  clearTimeout(waited);
  if (mine !== generation) return;
  e.out.setTracks(score.tracks);
  e.scheduler.play(score, options);
  if (!e.scheduler.isPlaying) return; // nothing to play: onEnd already fired
  emitPlaying(true);
  startLoops(e);
}

/** How long a preview waits for its instrument's samples before sounding on the fallback synth. */
const PREVIEW_WAIT_MS = 250;

/**
 * Sound one note now on a track's instrument (a note placed or dragged in the roll), beside any
 * playback. Call from a user gesture the first time (unlocks audio).
 */
export async function previewNote(track: Pick<Track, 'program' | 'isDrum' | 'part'>, pitch: number, velocity: number, seconds = 0.4): Promise<void> {
  const e = await getEngine();
  await e.out.unlock();
  let waited: ReturnType<typeof setTimeout> | undefined;
  const one: Track = { ...track, name: '', notes: [{ pitch, start: 0, duration: 1, velocity }] };
  await Promise.race([e.out.load([one]), new Promise((r) => (waited = setTimeout(r, PREVIEW_WAIT_MS)))]);
  clearTimeout(waited);
  e.out.preview(track, pitch, velocity, seconds);
}

/** Stop sounding; the position is kept and returned (ticks). */
export function pause(): number {
  generation++;
  const s = currentScheduler();
  if (!s) return 0;
  const wasPlaying = s.isPlaying;
  const tick = s.pause();
  if (wasPlaying) halt(s);
  return tick;
}

/** Stop sounding and return to the start tick of the last play(). */
export function stop(): void {
  generation++;
  const s = currentScheduler();
  if (!s) return;
  const wasPlaying = s.isPlaying;
  s.stop();
  if (wasPlaying) halt(s);
  else emitPosition(s.position());
}

/** Change mute/solo, tempo or loop while playing (no restart, no gap). */
export function update(options: Partial<Omit<PlayOptions, 'fromTick'>>): void {
  currentScheduler()?.update(options);
}

/** Called once per animation frame while playing with the playhead in ticks. Returns an unsubscribe. */
export function onPosition(cb: (tick: number) => void): () => void {
  positionListeners.add(cb);
  return () => positionListeners.delete(cb);
}

/** Called when playback starts or ends (including reaching the end of the piece). Returns an unsubscribe. */
export function onPlayingChange(cb: (playing: boolean) => void): () => void {
  playingListeners.add(cb);
  return () => playingListeners.delete(cb);
}

/** Which sounds play from samples (soundKey: 'piano', 'drums', 'gm19'…); others use fallback synths. */
export function sampledSounds(): string[] {
  return loaded?.out.sampledSounds() ?? [];
}

/** Output level in dB (-Infinity when silent), for a level meter. */
export function outputLevel(): number {
  return loaded?.out.level() ?? -Infinity;
}

export function isPlaying(): boolean {
  return currentScheduler()?.isPlaying ?? false;
}
