// The playback API the store and UI use. Tone.js (toneOutput.ts) loads on first use, in its
// own chunk; the scheduler decides what sounds when, a 25 ms timer drives it, and
// position listeners get the playhead once per animation frame while playing.
import type { Score, Track } from '../music/score';
import { MidiOutSink, type MidiPort } from './midiOut';
import { LookaheadScheduler, type NoteSink, type Transport, type VoiceOn } from './scheduler';
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

/** Where playback goes: the page's own sound, and a MIDI output port when one is chosen. */
class Outputs implements NoteSink {
  midi: MidiOutSink | null = null;
  constructor(private readonly out: ToneOutput) {}
  noteOn(v: VoiceOn): void {
    this.out.noteOn(v);
    this.midi?.noteOn(v);
  }
  noteOff(id: number, time: number): void {
    this.out.noteOff(id, time);
    this.midi?.noteOff(id, time);
  }
  allOff(time: number): void {
    this.out.allOff(time);
    this.midi?.allOff(time);
  }
}

interface Engine {
  out: ToneOutput;
  outputs: Outputs;
  scheduler: LookaheadScheduler;
}

let engine: Promise<Engine> | undefined;
/** The engine once loaded, for the synchronous calls (pause, stop, update). */
let loaded: Engine | undefined;
let timer: ReturnType<typeof setInterval> | undefined;
let frame: number | undefined;
/** Bumped by every play/pause/stop, so a play() still waiting for samples knows it was overtaken. */
let generation = 0;
/** The MIDI output playback also goes to, and the tracks of the last play() (for a port chosen while playing). */
let midiPort: MidiPort | null = null;
let playingTracks: readonly Track[] = [];
/** heardOffset() at the last play(): one conversion per play, so MIDI timing does not jitter with the audio clock's steps. */
let midiOffset = 0;
const positionListeners = new Set<(tick: number) => void>();
const playingListeners = new Set<(playing: boolean) => void>();

function getEngine(): Promise<Engine> {
  // Tone.js prints a banner when it loads unless this is set first.
  (globalThis as { TONE_SILENCE_LOGGING?: boolean }).TONE_SILENCE_LOGGING = true;
  engine ??= import('./toneOutput').then(({ ToneOutput }) => {
    const out = new ToneOutput();
    const outputs = new Outputs(out);
    const scheduler = new LookaheadScheduler(out.clock, outputs, { lookahead: LOOKAHEAD_VISIBLE });
    scheduler.onEnd = () => halt(scheduler);
    if (typeof document !== 'undefined') {
      document.addEventListener('visibilitychange', () => {
        scheduler.lookahead = document.hidden ? LOOKAHEAD_HIDDEN : LOOKAHEAD_VISIBLE;
      });
    }
    loaded = { out, outputs, scheduler };
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

/** Resume audio. Call from a user gesture (play() does this too); MIDI monitoring needs it before any play. */
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
  if (e.scheduler.isPlaying) e.scheduler.pause(); // a restart lets go of the old notes before the new program changes
  e.out.setTracks(score.tracks);
  playingTracks = score.tracks;
  startMidi(e);
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
export async function previewNote(
  track: Pick<Track, 'program' | 'isDrum' | 'part'>,
  pitch: number,
  velocity: number,
  seconds = 0.4,
): Promise<void> {
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

/** Give the MIDI output its sink: program changes now, then it follows the scheduler. */
function startMidi(e: Engine): void {
  if (!midiPort) {
    e.outputs.midi = null;
    return;
  }
  midiOffset = e.out.heardOffset();
  e.outputs.midi = new MidiOutSink(midiPort, (time) => (time + midiOffset) * 1000);
  e.outputs.midi.start(playingTracks, e.out.now());
}

/** Send playback to a MIDI output as well (null: no longer). While playing, the port joins or leaves at once. */
export function setMidiOutput(port: MidiPort | null): void {
  const e = loaded;
  if (e?.outputs.midi && e.scheduler.isPlaying) e.outputs.midi.allOff(e.out.now());
  midiPort = port;
  if (e) {
    if (e.scheduler.isPlaying) startMidi(e);
    else e.outputs.midi = null;
  }
}

/** Mute the page's own sound (a MIDI synth plays instead), or bring it back. */
export async function setAppMuted(muted: boolean): Promise<void> {
  (await getEngine()).out.setMuted(muted);
}

/**
 * Metronome clicks for the `beats` beats before the last play()'s first tick (play it with
 * `delay: beats * beatSeconds`); the first beat of each bar of `perBar` is accented.
 */
export function countIn(beats: number, beatSeconds: number, perBar: number): void {
  const e = loaded;
  if (!e) return;
  const start = e.scheduler.startTime;
  for (let k = 0; k < beats; k++) e.out.click(start - (beats - k) * beatSeconds, k % perBar === 0);
}

/** Audio time at which the last play()'s first tick sounds. */
export function startTime(): number {
  return loaded?.scheduler.startTime ?? 0;
}

/** Playhead (ticks) at an audio time (the last second or the future), while playing. */
export function positionAt(time: number): number {
  return currentScheduler()?.position(time) ?? 0;
}

/** Seconds from the audio clock to the performance.now() seconds at which it is heard (MIDI timestamps are in the latter). */
export function heardOffset(): number {
  return loaded?.out.heardOffset() ?? 0;
}

/** The audio context's own latency to the speaker, ms (0 before audio starts). */
export function outputLatencyMs(): number {
  return (loaded?.out.outputLatency() ?? 0) * 1000;
}

/** Load a track's instrument across the keyboard, so keys played on a MIDI keyboard sound at once. */
export async function prepareMonitor(track: Pick<Track, 'program' | 'isDrum' | 'part'>): Promise<void> {
  const notes = Array.from({ length: 88 }, (_, i) => ({ pitch: 21 + i, start: 0, duration: 1, velocity: 80 }));
  await (await getEngine()).out.load([{ ...track, name: '', notes }]);
}

/**
 * Sound a key played on a MIDI keyboard, now, on a track's instrument; `eventMs` is the MIDI message's
 * timestamp. Returns the voice id (for monitorOff) and how long after the message the voice starts on the
 * audio clock (the context adds outputLatencyMs() on top); null before the audio engine is loaded.
 */
export function monitorOn(
  track: Pick<Track, 'program' | 'isDrum' | 'part'>,
  pitch: number,
  velocity: number,
  eventMs: number,
): { id: number; latencyMs: number } | null {
  const e = loaded;
  if (!e) return null;
  const { id, time } = e.out.monitorOn(track, pitch, velocity);
  return { id, latencyMs: performance.now() - eventMs + (time - e.out.now()) * 1000 };
}

export function monitorOff(id: number): void {
  loaded?.out.noteOff(id, loaded.out.now());
}
