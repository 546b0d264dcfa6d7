// A seeded MIDI fuzzer for tests: a few seed files built here, and mutations of them (bit flips,
// byte runs, truncation, chunk-length lies, splices of two files, header field changes, inserted and
// deleted bytes). The same seed gives the same files on every machine.
import { mulberry32 } from '../rng';
import {
  noteEvents,
  noteOff,
  noteOn,
  program,
  smf,
  tempo,
  timeSig,
  trackData,
  trackName,
  type RawEvent,
} from './fixtures';

/** Seeds that between them use every kind of event the reader knows. */
export function seedFiles(): Uint8Array[] {
  const conductor = trackData([
    trackName(0, 'Song'),
    tempo(0, 96),
    timeSig(0, 4, 4),
    [0, 0xff, 0x01, 4, 0x54, 0x65, 0x78, 0x74],
    tempo(1920, 120),
    timeSig(0, 3, 4),
  ]);
  const lead = trackData([
    trackName(0, 'Lead'),
    program(0, 0, 73),
    [0, 0xb0, 7, 100],
    ...noteEvents(0, [
      [72, 0, 480],
      [74, 480, 240],
      [76, 720, 960],
    ]),
    [0, 0xe0, 0, 64],
  ]);
  const bass = trackData([
    trackName(0, 'Bass'),
    program(0, 1, 33),
    ...noteEvents(
      1,
      [
        [36, 0, 960],
        [43, 960, 960],
        [41, 1920, 1920],
      ],
      80,
    ),
  ]);
  // Format 0: channels mixed in one track, running status, a sysex, a mid-song program change, drums.
  const mixed: RawEvent[] = [
    [0, 0xf0, 4, 0x7e, 0x7f, 0x09, 0xf7],
    program(0, 2, 0),
    [0, 0x92, 60, 90],
    [0, 64, 91],
    [0, 67, 92],
    noteOn(0, 9, 36, 120),
    [120, 0x89, 36, 0],
    [360, 0x92, 60, 0],
    [0, 64, 0],
    [0, 67, 0],
    program(0, 2, 48),
    noteOn(0, 2, 62),
    [0, 0xd2, 40],
    noteOff(480, 2, 62),
    noteOn(0, 9, 38),
    noteOff(60, 9, 38),
  ];
  const held = trackData([noteOn(0, 3, 50), noteOn(96, 3, 52), [96, 0x93, 50, 0], [0, 0xff, 0x2f, 0]], false);
  return [
    smf({ format: 1, division: 480, tracks: [conductor, lead, bass] }),
    smf({ format: 0, division: 96, tracks: [trackData(mixed)] }),
    smf({
      format: 1,
      division: 24,
      tracks: [trackData([tempo(0, 60)]), held, trackData(noteEvents(4, [[80, 0, 12]]))],
    }),
  ];
}

export const MUTATIONS = [
  'bit-flip',
  'data-tweak',
  'byte-run',
  'truncate',
  'chunk-length',
  'splice',
  'header',
  'insert',
  'delete',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

export interface FuzzCase {
  bytes: Uint8Array;
  /** The mutations applied, in order, e.g. "splice+bit-flip". */
  how: string;
}

/** Offsets of the length fields of the chunks that parse as chunks (the header's too). */
function lengthFields(b: Uint8Array): number[] {
  const out: number[] = [];
  for (let p = 0; p + 8 <= b.length;) {
    out.push(p + 4);
    p += 8 + (((b[p + 4] << 24) | (b[p + 5] << 16) | (b[p + 6] << 8) | b[p + 7]) >>> 0);
  }
  return out;
}

function mutate(b: Uint8Array, how: Mutation, rng: () => number, other: Uint8Array): Uint8Array {
  const int = (n: number) => Math.floor(rng() * n);
  const at = () => int(Math.max(1, b.length));
  const out = b.slice();
  switch (how) {
    case 'bit-flip':
      for (let k = 1 + int(8); k > 0 && out.length > 0; k--) out[at()] ^= 1 << int(8);
      return out;
    case 'data-tweak':
      // A data byte (0..127) becomes another: the structure holds, pitches, velocities and times change.
      for (let k = 1 + int(4); k > 0 && out.length > 0; k--) {
        const p = at();
        if (out[p] < 0x80) out[p] = int(128);
      }
      return out;
    case 'byte-run': {
      const start = at();
      const fill = [0x00, 0xff, 0x80, 0x7f, -1][int(5)];
      for (let i = start; i < Math.min(out.length, start + 1 + int(64)); i++) out[i] = fill < 0 ? int(256) : fill;
      return out;
    }
    case 'truncate':
      return out.slice(0, at());
    case 'chunk-length': {
      const fields = lengthFields(out);
      if (fields.length === 0) return out;
      const field = fields[int(fields.length)];
      const old = new DataView(out.buffer).getUint32(field);
      const lies = [0, 0xffffffff, old + 1, Math.max(0, old - 1), old + 1 + int(100), int(2 ** 32), old * 2];
      new DataView(out.buffer).setUint32(field, lies[int(lies.length)] >>> 0);
      return out;
    }
    case 'splice':
      return Uint8Array.from([...b.slice(0, at()), ...other.slice(int(other.length))]);
    case 'header': {
      if (out.length < 14) return out;
      const view = new DataView(out.buffer);
      const field = [8, 10, 12][int(3)];
      const values =
        field === 8
          ? [0, 1, 2, 3, 0xffff]
          : field === 10
            ? [0, 1, 2, 200, 0xffff]
            : [0, 1, 0x7fff, 0x8000 | int(0x8000), 0xe728];
      view.setUint16(field, int(4) === 0 ? int(0x10000) : values[int(values.length)]);
      return out;
    }
    case 'insert': {
      const p = at();
      return Uint8Array.from([...b.slice(0, p), ...Array.from({ length: 1 + int(16) }, () => int(256)), ...b.slice(p)]);
    }
    case 'delete': {
      const p = at();
      return Uint8Array.from([...b.slice(0, p), ...b.slice(p + 1 + int(16))]);
    }
  }
}

/** `count` mutated files from the seeds: each gets one mutation (60%), two or three, chosen by a generator seeded with `seed`. */
export function fuzzCases(count: number, seed = 1, seeds = seedFiles()): FuzzCase[] {
  const rng = mulberry32(seed);
  const cases: FuzzCase[] = [];
  for (let i = 0; i < count; i++) {
    let bytes = seeds[Math.floor(rng() * seeds.length)];
    const steps: Mutation[] = [];
    const r = rng();
    for (let k = r < 0.6 ? 1 : r < 0.9 ? 2 : 3; k > 0; k--) {
      const how = MUTATIONS[Math.floor(rng() * MUTATIONS.length)];
      bytes = mutate(bytes, how, rng, seeds[Math.floor(rng() * seeds.length)]);
      steps.push(how);
    }
    cases.push({ bytes, how: steps.join('+') });
  }
  return cases;
}
