// Reads a PCM WAV file in the test process, independently of the app's writer (src/audio/wav.ts):
// walks the RIFF chunks, takes the format from "fmt " and the samples from "data".

export interface Wav {
  format: number;
  channels: number;
  sampleRate: number;
  bits: number;
  frames: number;
  /** Samples of one channel as -1..1. */
  channel(c: number): Float32Array;
}

export function readWav(bytes: Buffer): Wav {
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE')
    throw new Error('not a RIFF/WAVE file');
  let fmt: { format: number; channels: number; sampleRate: number; bits: number } | undefined;
  let data: Buffer | undefined;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = bytes.toString('ascii', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    const body = bytes.subarray(at + 8, at + 8 + size);
    if (id === 'fmt ')
      fmt = {
        format: body.readUInt16LE(0),
        channels: body.readUInt16LE(2),
        sampleRate: body.readUInt32LE(4),
        bits: body.readUInt16LE(14),
      };
    if (id === 'data') data = body;
    at += 8 + size + (size % 2);
  }
  if (!fmt || !data) throw new Error('WAV without fmt or data chunk');
  if (fmt.bits !== 16) throw new Error(`expected 16-bit samples, got ${fmt.bits}`);
  const { channels } = fmt;
  const frames = data.length / (2 * channels);
  const pcm = data;
  return {
    ...fmt,
    frames,
    channel: (c) => Float32Array.from({ length: frames }, (_, i) => pcm.readInt16LE((i * channels + c) * 2) / 32768),
  };
}

/** RMS level in dBFS of seconds [from, to) of a channel (-Infinity for digital silence). */
export function rmsDb(samples: Float32Array, sampleRate: number, from: number, to: number): number {
  const a = Math.max(0, Math.floor(from * sampleRate));
  const b = Math.min(samples.length, Math.floor(to * sampleRate));
  let sum = 0;
  for (let i = a; i < b; i++) sum += samples[i] * samples[i];
  return 10 * Math.log10(sum / Math.max(1, b - a));
}
