// What a sampled instrument is, independent of where its sounds came from (a SoundFont
// preset or the Salamander piano): sample buffers plus, per MIDI key, how to play them.
// Pure data, so a worker can build it and post it (PCM buffers are transferable).

export interface SampleData {
  pcm: Float32Array;
  sampleRate: number;
}

/** How to sound one key from one sample. Times in seconds, gains linear. */
export interface Zone {
  /** Index into Patch.samples. */
  sample: number;
  /** Playback rate that puts the sample on this key. */
  rate: number;
  /** Sustain loop [start, end) in seconds into the sample; absent: play once to the end. */
  loop?: [number, number];
  gain: number;
  attack: number;
  hold: number;
  decay: number;
  /** Level held after the decay, 0..1 of the peak. */
  sustain: number;
  release: number;
  /** -1 (left) .. 1 (right). */
  pan: number;
}

export interface Patch<S = SampleData> {
  samples: S[];
  /** keys[pitch]: the layers that sound for that MIDI key (empty: the key is silent). */
  keys: Zone[][];
}

/** How loud a note of MIDI `velocity` (1..127) plays, times the zone's gain: a 1.5 power curve. */
export function velocityGain(velocity: number): number {
  return (Math.max(1, Math.min(127, velocity)) / 127) ** 1.5;
}

/**
 * Zones for a sample set recorded at `roots` (MIDI keys, one sample each, in that order):
 * every key plays the nearest recording, resampled. Used for the Salamander piano.
 */
export function nearestRootZones(roots: readonly number[], release: number): Zone[][] {
  const keys: Zone[][] = [];
  for (let key = 0; key < 128; key++) {
    let best = -1;
    for (let i = 0; i < roots.length; i++) {
      if (best < 0 || Math.abs(roots[i] - key) < Math.abs(roots[best] - key)) best = i;
    }
    if (best < 0) {
      keys.push([]);
      continue;
    }
    const rate = 2 ** ((key - roots[best]) / 12);
    keys.push([{ sample: best, rate, gain: 1, attack: 0.002, hold: 0, decay: 0, sustain: 1, release, pan: 0 }]);
  }
  return keys;
}

/** The roots (of `available`) that some pitch in `pitches` would play: load only those. */
export function rootsNeeded(available: readonly number[], pitches: Iterable<number>): Set<number> {
  const zones = nearestRootZones(available, 0);
  const needed = new Set<number>();
  for (const p of pitches) {
    const z = zones[Math.max(0, Math.min(127, Math.round(p)))][0];
    if (z) needed.add(available[z.sample]);
  }
  return needed;
}

const NOTE_STEPS: Record<string, number> = {
  C: 0,
  'C#': 1,
  D: 2,
  'D#': 3,
  E: 4,
  F: 5,
  'F#': 6,
  G: 7,
  'G#': 8,
  A: 9,
  'A#': 10,
  B: 11,
};

/** MIDI key of a Salamander file name such as "D#4v8.mp3" (C4 = 60). */
export function salamanderKey(fileName: string): number | undefined {
  const m = /([A-G]#?)(\d)v\d+\.mp3$/.exec(fileName);
  return m ? 12 * (Number(m[2]) + 1) + NOTE_STEPS[m[1]] : undefined;
}
