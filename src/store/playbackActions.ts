// Transport: the store side of src/audio/player. The player's clock pushes the
// playhead here; rendering components read it through useCantor.subscribe.
import * as player from '../audio/player';
import type { Score } from '../music/score';
import { errorMessage, showAlert } from './messageActions';
import { patch, useCantor } from './state';

let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  player.onPosition((position) => patch('playback', { position }));
  player.onPlayingChange((playing) => patch('playback', { playing }));
}

function options(fromTick: number) {
  const { tempoScale, loop, muted, soloed } = useCantor.getState().playback;
  return { fromTick, tempoScale, loop: loop ?? undefined, muted: new Set(muted), soloed: new Set(soloed) };
}

/** Play the piece (or another score, e.g. a candidate to audition) from the playhead. */
export async function play(
  score: Score = useCantor.getState().piece.score,
  fromTick = useCantor.getState().playback.position,
): Promise<void> {
  await start(score, fromTick, {});
}

/** Play after a count-in of `delay` seconds and on past the piece's end until paused: the backing of a take. False when it could not start. */
export async function playForRecording(score: Score, fromTick: number, delay: number): Promise<boolean> {
  return (await start(score, fromTick, { delay, until: Infinity })) && player.isPlaying();
}

async function start(score: Score, fromTick: number, extra: Partial<player.PlayOptions>): Promise<boolean> {
  try {
    listen();
    patch('playback', { playing: true });
    await player.loadInstruments(score.tracks);
    await player.play(score, { ...options(fromTick), ...extra });
    return true;
  } catch (e) {
    patch('playback', { playing: false });
    showAlert(`Playback failed: ${errorMessage(e)}`);
    return false;
  }
}

export function pause(): void {
  try {
    const position = player.pause();
    patch('playback', { playing: false, position });
  } catch (e) {
    patch('playback', { playing: false });
    showAlert(`Playback failed: ${errorMessage(e)}`);
  }
}

/** Stop and go back to the start. */
export function stopPlayback(): void {
  try {
    player.stop();
  } catch {
    // nothing was playing
  }
  patch('playback', { playing: false, position: useCantor.getState().playback.loop?.[0] ?? 0 });
}

export function togglePlay(): Promise<void> | void {
  return useCantor.getState().playback.playing ? pause() : play();
}

/** Move the playhead (restarts the sound there when playing). */
export function seek(tick: number): void {
  const position = Math.max(0, Math.round(tick));
  patch('playback', { position });
  if (useCantor.getState().playback.playing) void play(useCantor.getState().piece.score, position);
}

function live(change: Partial<player.PlayOptions>): void {
  if (!useCantor.getState().playback.playing) return;
  try {
    player.update(change);
  } catch (e) {
    showAlert(`Playback failed: ${errorMessage(e)}`);
  }
}

export function setTempoScale(tempoScale: number): void {
  patch('playback', { tempoScale });
  live({ tempoScale });
}

export function setLoop(loop: [number, number] | null): void {
  const valid = loop && loop[1] > loop[0] ? loop : null;
  patch('playback', { loop: valid });
  live({ loop: valid ?? undefined });
}

const toggle = (list: number[], x: number) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);

export function toggleMute(track: number): void {
  const muted = toggle(useCantor.getState().playback.muted, track);
  patch('playback', { muted });
  live({ muted: new Set(muted) });
}

export function toggleSolo(track: number): void {
  const soloed = toggle(useCantor.getState().playback.soloed, track);
  patch('playback', { soloed });
  live({ soloed: new Set(soloed) });
}
