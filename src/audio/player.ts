// The playback API the store and UI use. Implementation lands in follow-up commits;
// these signatures are the contract (H4 builds against them).
import type { Score, Track } from '../music/score';
import type { Transport } from './scheduler';

/** fromTick, loop [start, end) ticks, tempoScale (2 = twice as fast), muted / soloed track indices. */
export type PlayOptions = Transport;

/** Fetch and decode the sounds these tracks need. Safe to call again; sounds are cached. Never rejects. */
export async function loadInstruments(_tracks: Track[]): Promise<void> {
  throw new Error('player: not implemented yet');
}

/** Start (or restart) playback of `score`. Call from a user gesture the first time (unlocks audio). */
export async function play(_score: Score, _options: PlayOptions): Promise<void> {
  throw new Error('player: not implemented yet');
}

/** Stop sounding; the position is kept and returned (ticks). */
export function pause(): number {
  throw new Error('player: not implemented yet');
}

/** Stop sounding and return to the start tick of the last play(). */
export function stop(): void {
  throw new Error('player: not implemented yet');
}

/** Change mute/solo, tempo or loop while playing (no restart, no gap). */
export function update(_options: Partial<PlayOptions>): void {
  throw new Error('player: not implemented yet');
}

/** Called once per animation frame while playing with the playhead in ticks. Returns an unsubscribe. */
export function onPosition(_cb: (tick: number) => void): () => void {
  throw new Error('player: not implemented yet');
}

/** Called when playback starts or ends (including reaching the end of the piece). Returns an unsubscribe. */
export function onPlayingChange(_cb: (playing: boolean) => void): () => void {
  throw new Error('player: not implemented yet');
}

export function isPlaying(): boolean {
  return false;
}
