// A small stand-in for ../shared/datasets, made in the test: a few files in each corpus's own
// conventions (PPQ, type-0 files, channels, missing programs, TD-11 drums, swing and micro-timing,
// leading silence, other meters, POP909 beat files, Groove's info.csv, the JSB JSON).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { smf, type SmfNote, type SmfTrack } from '../../music/testing/smf';

/** `count` notes from `pitches` in turn, one every `every` ticks, each `length` long, pushed by `jitter(i)` ticks. */
function line(
  pitches: number[],
  count: number,
  every: number,
  length: number,
  jitter: (i: number) => number = () => 0,
  from = 0,
): SmfNote[] {
  return Array.from({ length: count }, (_, i) => ({
    pitch: pitches[i % pitches.length],
    start: Math.max(0, from + i * every + jitter(i)),
    duration: length,
    velocity: 60 + (i % 40),
  }));
}

function put(root: string, path: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), bytes);
}

/** A freedoom-like GM band song at PPQ 96: nine tracks, drums with a GS kit program, `bars` bars of 4/4. */
function bandSong(song: number, bars: number, meter?: SmfTrack['timeSignatures']): Uint8Array {
  const q = 96;
  const n = bars * 4;
  const t = (name: string, channel: number, program: number, notes: SmfNote[]): SmfTrack => ({
    name,
    channel,
    program,
    notes,
  });
  return smf(
    [
      { tempos: [{ tick: 0, bpm: 140 }], timeSignatures: meter ?? [{ tick: 0, numerator: 4, denominator: 4 }] },
      t('Drums', 9, 16, [...line([36, 38], n, q, q / 2), ...line([42], n * 2, q / 2, q / 4)]),
      t('Bass', 1, 33, line([40 + (song % 5), 43, 45], n, q, q)),
      t('Rhythm gtr', 2, 29, line([52, 55, 59], n * 3, (q / 3) | 0, q / 4)),
      t('Lead', 3, 80, line([72, 74, 76, 79], n * 2, q / 2, q / 2)),
      t('Piano', 4, 0, [...line([60], n, q, q), ...line([64], n, q, q), ...line([67], n, q, q)]),
      t('Strings', 5, 48, line([55, 60], bars, q * 4, q * 4)),
      t('Pad', 6, 89, line([48], bars, q * 4, q * 4)),
      t('Brass', 7, 61, line([58, 62], bars * 2, q * 2, q)),
      t('Bells', 8, 14, line([84], bars, q * 4, q)),
    ],
    q,
  );
}

/** Writes the stand-in datasets under `root`; returns the number of files per corpus. */
export function writeFixtureDatasets(root: string): Record<string, number> {
  // freedoom: ten songs (whole songs are held out), one of them in 3/4 only, one with a 2/4 bar mid-song.
  for (let s = 0; s < 9; s++) put(root, `freedoom/midi/d_map${String(s + 1).padStart(2, '0')}.mid`, bandSong(s, 8 + s));
  put(root, 'freedoom/midi/d_waltz.mid', bandSong(9, 6, [{ tick: 0, numerator: 3, denominator: 4 }]));
  // groove-midi: type-0 files at PPQ 480, TD-11 notes (22, 26 hats, 58 tom rim) played a little off the grid; one fill, excluded by the list.
  const csv = ['drummer,session,id,style,bpm,beat_type,time_signature,midi_filename,audio_filename,duration,split'];
  const groove = (i: number, kind: string) => `drummer1/session1/${i}_rock_120_${kind}_4-4.mid`;
  for (let i = 1; i <= 6; i++) {
    const jitter = (k: number) => ((k * 7919 + i) % 41) - 20; // within ±20 ticks of the 16th (120 ticks)
    const notes = [...line([36, 38], 32, 480, 60, jitter), ...line([22, 26, 42, 58], 64, 240, 30, jitter)].map((n) => ({
      ...n,
      channel: 9,
    }));
    put(root, `groove-midi/midi/${groove(i, 'beat')}`, smf([{ tempos: [{ tick: 0, bpm: 120 }], notes }]));
    csv.push(
      `drummer1,drummer1/session1,drummer1/session1/${i},rock,120,beat,4-4,${groove(i, 'beat')},x.wav,16,${['train', 'train', 'train', 'train', 'validation', 'test'][i - 1]}`,
    );
  }
  put(
    root,
    `groove-midi/midi/${groove(7, 'fill')}`,
    smf([{ notes: line([38], 8, 120, 60).map((n) => ({ ...n, channel: 9 })) }]),
  );
  csv.push(`drummer1,drummer1/session1,drummer1/session1/7,rock,120,fill,4-4,${groove(7, 'fill')},x.wav,1,train`);
  put(root, 'groove-midi/info.csv', csv.join('\n') + '\n');
  // pop909: MELODY/BRIDGE/PIANO at PPQ 480 with a wrong 2/4 meter event; beat_midi.txt says 4/4 after a one-beat pickup.
  for (let s = 1; s <= 3; s++) {
    const id = String(s).padStart(3, '0');
    const pickup = 480;
    put(
      root,
      `pop909/${id}/${id}.mid`,
      smf([
        { tempos: [{ tick: 0, bpm: 120 }], timeSignatures: [{ tick: 0, numerator: 2, denominator: 4 }] },
        { name: 'MELODY', notes: line([72, 74, 76], 32, 240, 240, () => 0, pickup) },
        { name: 'BRIDGE', channel: 1, notes: line([79], 8, 960, 480, () => 0, pickup) },
        {
          name: 'PIANO',
          channel: 2,
          notes: [...line([48, 55], 32, 480, 480, () => 0, pickup), ...line([60, 64], 32, 480, 240, () => 0, pickup)],
        },
      ]),
    );
    const beats = Array.from(
      { length: 40 },
      (_, b) => `${(b * 0.5).toFixed(3)} 1.0 ${b >= 1 && (b - 1) % 4 === 0 ? 1 : 0}.0`,
    );
    put(root, `pop909/${id}/beat_midi.txt`, beats.join('\n') + '\n');
  }
  // nottingham: two tracks on channel 1, no programs, PPQ 1024, a bar of leading silence; one 6/8 tune.
  for (let s = 1; s <= 4; s++)
    put(
      root,
      `nottingham/midi/reels${s}.mid`,
      smf(
        [
          { timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }] },
          { notes: line([74, 76, 78, 79, 81], 64, 512, 512, () => 0, 4096) },
          { notes: [...line([50], 16, 4096, 4096, () => 0, 4096), ...line([57], 16, 4096, 4096, () => 0, 4096)] },
        ],
        1024,
      ),
    );
  put(
    root,
    'nottingham/midi/jigs1.mid',
    smf([{ timeSignatures: [{ tick: 0, numerator: 6, denominator: 8 }] }, { notes: line([74], 24, 512, 512) }], 1024),
  );
  // mma-grooves: PPQ 192, swung eighths, two grooves of one style (one piece for the split) and one of another.
  for (const name of ['swing__Swing', 'swing__SwingPlus', 'rock__Rock']) {
    const swing = (i: number) => (i % 2 ? 32 : 0);
    put(
      root,
      `mma-grooves/midi/${name}.mid`,
      smf(
        [
          { name: `/tmp/${name}.mma`, tempos: [{ tick: 0, bpm: 120 }] },
          { name: 'Drum', channel: 9, program: 0, notes: line([36, 42, 38, 42], 64, 96, 48, swing) },
          { name: 'Walk', channel: 10, program: 32, notes: line([40, 43, 45, 47], 32, 192, 180) },
          {
            name: 'Chord-Piano',
            channel: 11,
            program: 0,
            notes: [...line([60], 16, 384, 370), ...line([64], 16, 384, 370)],
          },
        ],
        192,
      ),
    );
  }
  // js-fakes: four voices on one channel at PPQ 1024, no names or programs.
  for (let s = 0; s < 3; s++)
    put(
      root,
      `js-fakes/midi/${s}.mid`,
      smf(
        [
          { tempos: [{ tick: 0, bpm: 100 }] },
          ...[72, 65, 58, 48].map((p) => ({ notes: line([p, p + 2, p + (s % 3)], 16, 1024, 1024) })),
        ],
        1024,
      ),
    );
  // jsb-chorales: the JSON of 16th steps, S A T B per step, -1 for silence.
  const chorale = (base: number) =>
    Array.from({ length: 64 }, (_, i) => [base + 12 + ((i >> 2) % 5), base + 7, i % 8 < 6 ? base + 4 : -1, base - 12]);
  put(
    root,
    'jsb-chorales/Jsb16thSeparated.json',
    JSON.stringify({ train: [chorale(60), chorale(62)], valid: [chorale(64)], test: [chorale(65)] }),
  );
  return { freedoom: 10, 'groove-midi': 7, pop909: 3, nottingham: 5, 'mma-grooves': 3, 'js-fakes': 3, jsb: 4 };
}
