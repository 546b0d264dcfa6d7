// Reads the bytes back field by field (RIFF layout, little-endian), independently of the writer.
import { describe, expect, it } from 'vitest';
import { encodeWav } from './wav';

const text = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));

function header(bytes: Uint8Array) {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    riff: text(bytes, 0, 4),
    riffSize: v.getUint32(4, true),
    wave: text(bytes, 8, 4),
    fmt: text(bytes, 12, 4),
    fmtSize: v.getUint32(16, true),
    format: v.getUint16(20, true),
    channels: v.getUint16(22, true),
    sampleRate: v.getUint32(24, true),
    byteRate: v.getUint32(28, true),
    blockAlign: v.getUint16(32, true),
    bits: v.getUint16(34, true),
    data: text(bytes, 36, 4),
    dataSize: v.getUint32(40, true),
  };
}

/** Sample `frame` of `channel` as a signed 16-bit number. */
function sampleAt(bytes: Uint8Array, channels: number, frame: number, channel: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset).getInt16(44 + (frame * channels + channel) * 2, true);
}

describe('encodeWav', () => {
  it('writes a 44.1 kHz 16-bit stereo PCM header that matches the data', () => {
    const left = new Float32Array(1000);
    const right = new Float32Array(1000);
    const bytes = encodeWav([left, right], 44100);
    expect(header(bytes)).toEqual({
      riff: 'RIFF',
      riffSize: bytes.length - 8,
      wave: 'WAVE',
      fmt: 'fmt ',
      fmtSize: 16,
      format: 1,
      channels: 2,
      sampleRate: 44100,
      byteRate: 44100 * 4,
      blockAlign: 4,
      bits: 16,
      data: 'data',
      dataSize: 4000,
    });
    expect(bytes.length).toBe(44 + 4000);
  });

  it('interleaves the channels and scales to 16 bits, clipping what is out of range', () => {
    const left = Float32Array.from([0, 0.5, 1, -1, 2, -3, NaN]);
    const right = Float32Array.from([0.25, -0.5, 0, 0, 0, 0, 0]);
    const bytes = encodeWav([left, right], 48000);
    const read = (ch: number) => Array.from({ length: 7 }, (_, i) => sampleAt(bytes, 2, i, ch));
    expect(read(0)).toEqual([0, 16384, 32767, -32768, 32767, -32768, 0]);
    expect(read(1)).toEqual([8192, -16384, 0, 0, 0, 0, 0]);
    expect(header(bytes).sampleRate).toBe(48000);
  });

  it('round-trips a sine within half a 16-bit step', () => {
    const sine = Float32Array.from({ length: 441 }, (_, i) => 0.8 * Math.sin((2 * Math.PI * 440 * i) / 44100));
    const bytes = encodeWav([sine], 44100);
    expect(header(bytes).channels).toBe(1);
    const decoded = (i: number) => {
      const v = sampleAt(bytes, 1, i, 0);
      return v < 0 ? v / 32768 : v / 32767;
    };
    const worst = Math.max(...Array.from(sine, (x, i) => Math.abs(decoded(i) - x)));
    expect(worst).toBeLessThanOrEqual(0.5 / 32767);
  });

  it('refuses channels of unequal length, no channels, and a bad rate', () => {
    expect(() => encodeWav([new Float32Array(2), new Float32Array(3)], 44100)).toThrow(RangeError);
    expect(() => encodeWav([], 44100)).toThrow(RangeError);
    expect(() => encodeWav([new Float32Array(2)], 0)).toThrow(RangeError);
  });
});
