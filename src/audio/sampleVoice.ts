// One sampled note as plain Web Audio nodes, and the master bus they play into. Live playback
// (toneOutput.ts, on Tone's AudioContext) and the audio export (offlineRender.ts, on an
// OfflineAudioContext) both build their sound here, so an exported file sounds as playback does.
import type { Zone } from './patch';

/** Master level before the limiter: headroom for a full band. */
export const MASTER_GAIN = 0.5;
/** A limiter at -3 dBFS: the parameters of Tone.Limiter(-3) (a compressor, ratio 20, its 30 dB knee). */
const LIMITER = { threshold: -3, ratio: 20, attack: 0.003, release: 0.01, knee: 30 } as const;

/** Master gain -> limiter -> `destination`; returns the bus input voices connect to. */
export function masterBus(ctx: BaseAudioContext, destination: AudioNode): GainNode {
  const gain = ctx.createGain();
  gain.gain.value = MASTER_GAIN;
  const limiter = ctx.createDynamicsCompressor();
  for (const [name, value] of Object.entries(LIMITER)) limiter[name as keyof typeof LIMITER].value = value;
  gain.connect(limiter);
  limiter.connect(destination);
  return gain;
}

export interface SampleVoice {
  /** Note-off at `time`: the zone's release (a drum hit whose sample does not loop ignores it). */
  release(time: number): void;
  /** Fade out fast from `time` (pause, stop). */
  cut(time: number): void;
}

/** Fade used when everything stops at once (pause, stop), short enough to feel instant without a click. */
const CUT_FADE = 0.03;

/**
 * Start `buffer` as zone `z` at `time`, at level `peak`: buffer source (looped when the zone
 * loops) -> attack/hold/decay envelope -> pan -> `bus`. `onEnded` runs once the sound is over.
 */
export function startSampleVoice(
  ctx: BaseAudioContext,
  bus: AudioNode,
  buffer: AudioBuffer,
  z: Zone,
  peak: number,
  time: number,
  drum: boolean,
  onEnded?: () => void,
): SampleVoice {
  const src = ctx.createBufferSource();
  src.buffer = buffer;
  src.playbackRate.value = z.rate;
  if (z.loop) {
    src.loop = true;
    [src.loopStart, src.loopEnd] = z.loop;
  }
  const amp = ctx.createGain();
  const g = amp.gain;
  const attackEnd = time + Math.max(0.002, z.attack);
  g.setValueAtTime(0, time);
  g.linearRampToValueAtTime(peak, attackEnd);
  if (z.sustain < 1 && z.decay > 0) g.setTargetAtTime(peak * z.sustain, attackEnd + z.hold, z.decay / 5);
  let out: AudioNode = amp;
  if (z.pan !== 0) {
    const pan = ctx.createStereoPanner();
    pan.pan.value = z.pan;
    amp.connect(pan);
    out = pan;
  }
  src.connect(amp);
  out.connect(bus);
  src.start(time);
  let released = false;
  const fade = (t: number, seconds: number) => {
    const at = Math.max(t, ctx.currentTime);
    g.cancelScheduledValues(at);
    g.setTargetAtTime(0, at, seconds / 5);
    try {
      src.stop(at + seconds); // a later stop() replaces an earlier one
    } catch {
      // already ended: nothing left to stop
    }
  };
  src.onended = () => {
    out.disconnect();
    onEnded?.();
  };
  return {
    release: (t) => {
      // Drums ring out: GM kits ignore note-off unless the sample loops.
      if (released || (drum && !z.loop)) return;
      released = true;
      fade(t, z.release);
    },
    cut: (t) => fade(t, CUT_FADE),
  };
}
