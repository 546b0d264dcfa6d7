// Mixes a RenderPlan in an OfflineAudioContext, as fast as the browser can, with the voice and
// master bus playback uses (sampleVoice.ts). The render pauses every ~second of audio: to start
// the next second's voices (a long piece never holds thousands of idle nodes), to report progress,
// and to stop for good when cancelled.
import type { PlannedVoice, RenderPlan } from './renderPlan';
import { masterBus, startSampleVoice } from './sampleVoice';

export const EXPORT_SAMPLE_RATE = 44100;
/** Render quanta (128 frames) between pauses: about one second at 44.1 kHz. */
const QUANTA_PER_STEP = 344;
/** A fade over the file's last moments, so a drum still ringing at the end does not click. */
const END_FADE = 0.05;

export interface RenderCallbacks {
  /** Cancels the render: the promise rejects with an AbortError DOMException. */
  signal?: AbortSignal;
  /** Fraction of the file rendered, 0..1. */
  onProgress?: (fraction: number) => void;
}

function aborted(): DOMException {
  return new DOMException('Audio export cancelled', 'AbortError');
}

/**
 * Render `plan` to stereo float channels at 44.1 kHz. `bufferOf(voice)` is the decoded sample
 * a voice plays (any sample rate: the source resamples, as in playback).
 */
export function renderOffline(
  plan: RenderPlan,
  bufferOf: (voice: PlannedVoice) => AudioBuffer,
  { signal, onProgress }: RenderCallbacks = {},
): Promise<[Float32Array, Float32Array]> {
  const rate = EXPORT_SAMPLE_RATE;
  const length = Math.max(1, Math.ceil(plan.totalSeconds * rate));
  const ctx = new OfflineAudioContext({ numberOfChannels: 2, length, sampleRate: rate });
  const fade = ctx.createGain();
  fade.connect(ctx.destination);
  const end = length / rate;
  fade.gain.setValueAtTime(1, Math.max(0, end - END_FADE));
  fade.gain.linearRampToValueAtTime(0, end);
  const bus = masterBus(ctx, fade);
  const step = (QUANTA_PER_STEP * 128) / rate;
  let next = 0;
  /** Start every voice that begins before `until` (seconds). */
  const startVoices = (until: number) => {
    for (; next < plan.voices.length && plan.voices[next].start < until; next++) {
      const v = plan.voices[next];
      startSampleVoice(ctx, bus, bufferOf(v), v.zone, v.peak, v.start, v.drum).release(v.off);
    }
  };
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(aborted());
    // Each pause at k * step starts the voices of the next step; the render only passes a
    // voice's start after the pause before it.
    for (let k = 1; k * step < end; k++) {
      const at = k * step;
      ctx.suspend(at).then(() => {
        if (signal?.aborted) return reject(aborted()); // never resumed: the context is dropped
        onProgress?.(at / end);
        startVoices(at + step);
        void ctx.resume();
      }, reject);
    }
    startVoices(step);
    ctx.startRendering().then((buffer) => {
      if (signal?.aborted) return reject(aborted());
      onProgress?.(1);
      resolve([buffer.getChannelData(0), buffer.getChannelData(1)]);
    }, reject);
  });
}
