// SoundFont (sf2/sf3) presets -> Patch. The one module that imports spessasynth_core;
// runs in the soundfont worker (and in Node tests), never on the main thread.
import { BasicSoundBank, GeneratorTypes as G, SoundBankLoader, SpessaLog, type BasicSample } from 'spessasynth_core';
import type { Patch, SampleData, Zone } from './patch';

SpessaLog.setLogLevel(false, false, false);

export type SoundBank = BasicSoundBank;

/** Parse a SoundFont. sf3 samples are Ogg Vorbis; they decode lazily, per preset, in patchFor. */
export async function parseSoundBank(bytes: ArrayBuffer): Promise<SoundBank> {
  await BasicSoundBank.isSF3DecoderReady;
  return SoundBankLoader.fromArrayBuffer(bytes);
}

/** Seconds from SoundFont timecents, clamped to what sounds sane in a browser. */
function seconds(timecents: number, max: number): number {
  return Math.min(max, timecents <= -12000 ? 0 : 2 ** (timecents / 1200));
}

/**
 * The patch for GM `program` (or the standard drum kit when `drum`), keys 0..127 at
 * velocity 100. Only this preset's samples are decoded.
 */
export function patchFor(bank: SoundBank, program: number, drum: boolean): Patch {
  const preset = bank.getPreset({ program: drum ? 0 : program, bankMSB: 0, bankLSB: 0, isGMGSDrum: drum }, 'gm');
  const samples: SampleData[] = [];
  const index = new Map<BasicSample, number>();
  const keys: Zone[][] = [];
  for (let key = 0; key < 128; key++) {
    const layers: Zone[] = [];
    for (const { generators: g, sample } of preset.getVoiceParameters(key, 100).slice(0, 2)) {
      let i = index.get(sample);
      if (i === undefined) {
        i = samples.length;
        index.set(sample, i);
        samples.push({ pcm: sample.getAudioData().slice(), sampleRate: sample.sampleRate });
      }
      layers.push(zoneFrom(g, sample, i, key));
    }
    keys.push(layers);
  }
  return { samples, keys };
}

function zoneFrom(g: Int16Array, sample: BasicSample, sampleIndex: number, key: number): Zone {
  const root = g[G.overridingRootKey] >= 0 ? g[G.overridingRootKey] : sample.originalKey;
  const playedKey = g[G.keyNum] >= 0 ? g[G.keyNum] : key;
  const cents = (playedKey - root) * g[G.scaleTuning] + g[G.coarseTune] * 100 + g[G.fineTune] + sample.pitchCorrection;
  const mode = g[G.sampleModes];
  const loopStart = sample.loopStart + g[G.startloopAddrsOffset] + 32768 * g[G.startloopAddrsCoarseOffset];
  const loopEnd = sample.loopEnd + g[G.endloopAddrsOffset] + 32768 * g[G.endloopAddrsCoarseOffset];
  const looped = (mode === 1 || mode === 3) && loopEnd - loopStart > 8;
  return {
    sample: sampleIndex,
    rate: 2 ** (cents / 1200),
    loop: looped ? [loopStart / sample.sampleRate, loopEnd / sample.sampleRate] : undefined,
    // The EMU convention FluidSynth follows: attenuation counts 0.4 dB per centibel.
    gain: 10 ** ((-0.4 * g[G.initialAttenuation]) / 200),
    attack: seconds(g[G.attackVolEnv], 2),
    hold: seconds(g[G.holdVolEnv] + (60 - key) * g[G.keyNumToVolEnvHold], 2),
    decay: seconds(g[G.decayVolEnv] + (60 - key) * g[G.keyNumToVolEnvDecay], 20),
    sustain: g[G.sustainVolEnv] >= 1440 ? 0 : 10 ** (-g[G.sustainVolEnv] / 200),
    release: Math.max(0.02, seconds(g[G.releaseVolEnv], 1.5)),
    pan: Math.max(-1, Math.min(1, g[G.pan] / 500)),
  };
}
