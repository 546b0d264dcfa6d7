// Download audio: the piece (or one pass of its loop) as a 44.1 kHz 16-bit stereo WAV, made
// from the samples playback loaded (player.loadedSamples), planned by renderPlan.ts, mixed by
// offlineRender.ts and written by wav.ts.
import { programName } from '../music/gm';
import type { Score } from '../music/score';
import { loadedSamples } from './player';
import { EXPORT_SAMPLE_RATE, renderOffline } from './offlineRender';
import { planRender, type RenderOptions } from './renderPlan';
import { isAudible } from './scheduler';
import { encodeWav } from './wav';

export type ExportStage = 'loading' | 'rendering' | 'encoding';

export interface ExportCallbacks {
  /** Cancels the export: the promise rejects with an AbortError DOMException. */
  signal?: AbortSignal;
  /** `fraction` 0..1 of the render; null while sounds load (no measure of that). */
  onProgress?: (stage: ExportStage, fraction: number | null) => void;
}

/** Why an export cannot be made (nothing to play, sounds that did not load); the message says so for the user. */
export class AudioExportError extends Error {
  override name = 'AudioExportError';
}

/** A sound in words for a message ("Violin", "the drum kit"), from its soundKey. */
function soundName(key: string): string {
  if (key === 'piano') return 'the piano samples';
  if (key === 'drums') return 'the drum kit';
  return programName(Number(key.slice(2)));
}

function untilAborted<T>(job: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return job;
  return new Promise((resolve, reject) => {
    const stop = () => reject(new DOMException('Audio export cancelled', 'AbortError'));
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    job.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

/**
 * The WAV bytes of `score` under `options` (mute/solo, tempo scale, loop). Throws
 * AudioExportError when there is nothing to hear or a sound it needs failed to load.
 */
export async function exportWav(
  score: Score,
  options: RenderOptions,
  { signal, onProgress }: ExportCallbacks = {},
): Promise<Uint8Array> {
  const audible = score.tracks.filter((t, i) => t.notes.length > 0 && isAudible(options, i));
  if (audible.length === 0) {
    const hasNotes = score.tracks.some((t) => t.notes.length > 0);
    throw new AudioExportError(hasNotes ? 'every track with notes is muted' : 'the piece has no notes');
  }
  onProgress?.('loading', null);
  const { patches, failures } = await untilAborted(loadedSamples(audible), signal);
  const plan = planRender(score, options, (key) => patches.get(key)?.keys);
  if (plan.missing.length > 0) {
    const why = [...new Set(plan.missing.map((k) => failures.get(k)).filter(Boolean))].join('; ');
    const names = plan.missing.map(soundName).join(', ');
    throw new AudioExportError(
      `${names} could not be loaded${why ? ` (${why})` : ''}; check the connection and try again`,
    );
  }
  if (plan.voices.length === 0) throw new AudioExportError('no note sounds in that range');
  onProgress?.('rendering', 0);
  const channels = await renderOffline(plan, (v) => patches.get(v.sound)!.samples[v.zone.sample], {
    signal,
    onProgress: (f) => onProgress?.('rendering', f),
  });
  onProgress?.('encoding', 1);
  return encodeWav(channels, EXPORT_SAMPLE_RATE);
}
