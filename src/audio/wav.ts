// A RIFF/WAVE file, 16-bit PCM, from float channels. Pure: the audio export writes its render here.

const HEADER_BYTES = 44;

/** Float -1..1 to 16-bit: clipped, rounded (full scale is 32767 up and -32768 down). */
function toInt16(x: number): number {
  const c = x > 1 ? 1 : x < -1 ? -1 : x || 0; // NaN -> silence
  return Math.round(c < 0 ? c * 32768 : c * 32767);
}

/**
 * A 16-bit PCM WAV of `channels` (all the same length, interleaved in the file) at
 * `sampleRate` Hz. Throws RangeError for no channels, unequal lengths or a bad rate.
 */
export function encodeWav(channels: readonly Float32Array[], sampleRate: number): Uint8Array {
  if (channels.length === 0 || channels.length > 8)
    throw new RangeError(`WAV needs 1 to 8 channels, got ${channels.length}`);
  const frames = channels[0].length;
  if (channels.some((c) => c.length !== frames)) throw new RangeError('WAV channels must have the same length');
  if (!Number.isInteger(sampleRate) || sampleRate < 1) throw new RangeError(`bad WAV sample rate ${sampleRate}`);
  const blockAlign = channels.length * 2;
  const dataBytes = frames * blockAlign;
  if (HEADER_BYTES + dataBytes > 0xffffffff) throw new RangeError('too long for a WAV file (4 GB)');
  const bytes = new Uint8Array(HEADER_BYTES + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, channels.length, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * blockAlign, true); // bytes per second
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let c = 0; c < channels.length; c++) {
    const src = channels[c];
    for (let i = 0, at = HEADER_BYTES + 2 * c; i < frames; i++, at += blockAlign)
      view.setInt16(at, toInt16(src[i]), true);
  }
  return bytes;
}
