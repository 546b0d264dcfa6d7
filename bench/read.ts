// npm run bench:read [-- <datasets-dir>]
// The MIDI reader alone: files/s and MB/s per corpus (files in memory, best of 5 runs), then the
// worst inputs within the limits, which must stay linear: stacked notes, empty tracks, a million
// program changes, tracks over the limit.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readMidi } from '../src/music/midiReader';

const datasets = resolve(process.argv[2] ?? '../shared/datasets');

function midiFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) midiFiles(p, out);
    else if (/\.midi?$/i.test(name)) out.push(p);
  }
  return out;
}

function tryRead(bytes: Uint8Array): string {
  try {
    const s = readMidi(bytes);
    return `read, ${s.tracks.length} tracks`;
  } catch (e) {
    return (e as Error).message;
  }
}

console.log(`readMidi on ${datasets}, files in memory, best of 5`);
console.log('| corpus | files | MB | refused | notes | ms | files/s | MB/s |');
console.log('|---|---|---|---|---|---|---|---|');
for (const corpus of readdirSync(datasets).sort()) {
  const files = statSync(join(datasets, corpus)).isDirectory() ? midiFiles(join(datasets, corpus)) : [];
  if (files.length === 0) continue;
  const bytes = files.map((f) => new Uint8Array(readFileSync(f)));
  const mb = bytes.reduce((n, b) => n + b.length, 0) / 1e6;
  let best = Infinity;
  let refused = 0;
  let notes = 0;
  for (let run = 0; run < 5; run++) {
    refused = 0;
    notes = 0;
    const t0 = performance.now();
    for (const b of bytes) {
      try {
        notes += readMidi(b).tracks.reduce((n, t) => n + t.notes.length, 0);
      } catch {
        refused++;
      }
    }
    best = Math.min(best, performance.now() - t0);
  }
  console.log(
    `| ${corpus} | ${files.length} | ${mb.toFixed(1)} | ${refused} | ${notes} | ${best.toFixed(0)} | ${((files.length / best) * 1000).toFixed(0)} | ${((mb / best) * 1000).toFixed(1)} |`,
  );
}

/** A format-1 file of the given track chunks. */
function smf(tracks: Uint8Array[], ppq: number): Uint8Array {
  const f = new Uint8Array(14 + tracks.reduce((n, t) => n + 8 + t.length, 0));
  const v = new DataView(f.buffer);
  f.set([0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1]);
  v.setUint16(10, tracks.length);
  v.setUint16(12, ppq);
  let p = 14;
  for (const t of tracks) {
    f.set([0x4d, 0x54, 0x72, 0x6b], p);
    v.setUint32(p + 4, t.length);
    f.set(t, p + 8);
    p += 8 + t.length;
  }
  return f;
}

/** Track bytes: `head`, then `body` repeated `n` times, then `tail` and end-of-track. */
function track(head: number[], body: number[], n: number, tail: number[] = []): Uint8Array {
  const out = new Uint8Array(head.length + body.length * n + tail.length + 4);
  out.set(head);
  for (let i = 0, p = head.length; i < n; i++, p += body.length) out.set(body, p);
  out.set([...tail, 0, 0xff, 0x2f, 0], head.length + body.length * n);
  return out;
}

const worst: [string, () => Uint8Array][] = [
  [
    'a million notes, one tick apart',
    () => smf([track([0, 0x90, 60, 100], [1, 60, 0, 0, 60, 100], 999_999, [1, 60, 0])], 32767),
  ],
  [
    '500,000 stacked note-ons of one pitch, then their offs',
    () =>
      smf(
        [
          track([0, 0x90, 60, 100], [0, 60, 100], 499_999, [
            1,
            0x80,
            60,
            0,
            ...new Array(499_999).fill([0, 60, 0]).flat(),
          ]),
        ],
        480,
      ),
  ],
  [
    '65,535 empty tracks',
    () =>
      smf(
        Array.from({ length: 65535 }, () => track([], [], 0)),
        480,
      ),
  ],
  [
    'a million program changes under 60,000 one-note tracks',
    () =>
      smf(
        [
          track([0, 0xc0, 0], [1, 5], 999_999),
          ...Array.from({ length: 60_000 }, () => track([0, 0x90, 60, 100, 1, 0x80, 60, 0], [], 0)),
        ],
        32767,
      ),
  ],
  ['16 MB of system exclusive', () => smf([track([], [0, 0xf0, 0x81, 0x00, ...new Array(128).fill(0)], 125_000)], 480)],
];
console.log('\nworst cases within the limits');
console.log('| input | MB | ms | outcome |');
console.log('|---|---|---|---|');
for (const [name, make] of worst) {
  const bytes = make();
  const t0 = performance.now();
  const outcome = tryRead(bytes);
  console.log(
    `| ${name} | ${(bytes.length / 1e6).toFixed(1)} | ${(performance.now() - t0).toFixed(0)} | ${outcome.slice(0, 100)} |`,
  );
}
