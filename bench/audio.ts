// npm run bench:audio [-- --runs N]
// Download audio's speed in headless Chromium: a 16-bar, 5-track piece (drums, bass, piano,
// strings, lead: SoundFont and Salamander piano samples) exported to WAV through the app's own
// export (src/audio/audioExport.ts) on the audio harness page. Prints the load time of the
// sounds (first export), then per run the wall time with the sounds cached, split into offline
// render and WAV writing, and the ratio audio seconds / wall seconds (>= 10 is the target).
import { loadavg } from 'node:os';
import { rmSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../playwright.config';
import { buildHarness, serve } from '../e2e/engine-harness/serve';
import type { Note, Score, Track } from '../src/music/score';

const PAGE = 'e2e/audio-harness/index.html';
const args = process.argv.slice(2);
const RUNS = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 3;
const PPQ = 480;
const BARS = 16;

interface Part {
  /** Beats between onsets. */
  every: number;
  /** Length of each note, beats. */
  beats: number;
  /** Pitches of onset i (a chord when several). */
  pitch: (i: number) => number[];
  velocity: (i: number) => number;
}

function track(name: string, { every, beats, pitch, velocity }: Part, extra: Partial<Track>): Track {
  const notes: Note[] = [];
  for (let i = 0; i * every < BARS * 4; i++) {
    for (const p of pitch(i))
      notes.push({ pitch: p, start: i * every * PPQ, duration: beats * PPQ, velocity: velocity(i) });
  }
  return { name, program: 0, isDrum: false, notes, ...extra };
}

const CHORDS = [
  [60, 64, 67],
  [57, 60, 64],
  [53, 57, 60],
  [55, 59, 62],
];
const chord = (beat: number) => CHORDS[Math.floor(beat / 4) % 4];
const LEAD = [0, 2, 4, 7, 9, 7, 4, 2];

/** 16 bars at 120 BPM (32 s): 8th-note drums, quarter-note bass, piano chords, string pads, an 8th-note lead. */
const score: Score = {
  ppq: PPQ,
  tempos: [{ tick: 0, bpm: 120 }],
  timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
  tracks: [
    track(
      'Drums',
      {
        every: 0.5,
        beats: 0.25,
        pitch: (i) => [[36, 42], [42], [38, 42], [42]][i % 4],
        velocity: (i) => 70 + (i % 3) * 15,
      },
      { isDrum: true, channel: 9 },
    ),
    track('Bass', { every: 1, beats: 0.9, pitch: (i) => [chord(i)[0] - 24], velocity: () => 100 }, { program: 33 }),
    track('Piano', { every: 1, beats: 0.8, pitch: chord, velocity: (i) => 60 + (i % 4) * 10 }, { program: 0 }),
    track(
      'Strings',
      { every: 4, beats: 4, pitch: (i) => chord(i * 4).map((p) => p + 12), velocity: () => 70 },
      { program: 48 },
    ),
    track('Lead', { every: 0.5, beats: 0.45, pitch: (i) => [72 + LEAD[i % 8]], velocity: () => 90 }, { program: 80 }),
  ],
};

interface Run {
  wallMs: number;
  renderMs: number;
  encodeMs: number;
  bytes: number;
  /** Level of the whole file, dBFS: a check that it is not silent. */
  rmsDb: number;
}

/** Runs in the page: one export of the piece, timed; stage times from the progress callback. */
const EXPORT_ONCE = `async (score) => {
  let rendering = 0;
  let encoding = 0;
  const t0 = performance.now();
  const wav = await window.cantorExportWav(score, { tempoScale: 1, muted: new Set() }, {
    onProgress: (stage) => {
      if (stage === 'rendering' && !rendering) rendering = performance.now();
      if (stage === 'encoding' && !encoding) encoding = performance.now();
    },
  });
  const t1 = performance.now();
  const pcm = new Int16Array(wav.buffer, wav.byteOffset + 44, (wav.length - 44) / 2);
  let sum = 0;
  for (const x of pcm) sum += x * x;
  const rmsDb = 20 * Math.log10(Math.sqrt(sum / pcm.length) / 32768);
  return { wallMs: t1 - t0, renderMs: encoding - rendering, encodeMs: t1 - encoding, bytes: wav.length, rmsDb };
}`;

const fixed = (x: number, digits = 0) => x.toFixed(digits);

async function main(): Promise<void> {
  console.error('building the audio harness page…');
  const outDir = await buildHarness(PAGE);
  const served = await serve(outDir, {}, PAGE);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    await page.goto(served.url);
    // A script string, not a function: tsx would wrap the callbacks in a helper the page does not have.
    const exportOnce = (): Promise<Run> => page.evaluate(`(${EXPORT_ONCE})(${JSON.stringify(score)})`);
    const notes = score.tracks.reduce((n, t) => n + t.notes.length, 0);
    const first = await exportOnce();
    const seconds = (first.bytes - 44) / (44100 * 4);
    const size = `${fixed(first.bytes / 1e6, 1)} MB, RMS ${fixed(first.rmsDb, 1)} dBFS`;
    console.log(
      `piece: ${BARS} bars, ${score.tracks.length} tracks, ${notes} notes; WAV ${fixed(seconds, 2)} s (music + release tail), ${size}`,
    );
    console.log(
      `first export (loads and decodes the SoundFont presets and piano samples): ${fixed(first.wallMs / 1000, 2)} s`,
    );
    const ratios: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const run = await exportOnce();
      ratios.push(seconds / (run.wallMs / 1000));
      const split = `offline render ${fixed(run.renderMs)} ms, WAV ${fixed(run.encodeMs)} ms`;
      console.log(`WAV run ${r + 1}: ${fixed(run.wallMs)} ms (${split}) = ${fixed(ratios[r], 1)}x real time`);
    }
    const sorted = [...ratios].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(
      `render speed (WAV): median ${fixed(median, 1)}x real time, best ${fixed(sorted[sorted.length - 1], 1)}x (target >= 10x)`,
    );
    console.log(
      `machine load average (1/5/15 min): ${loadavg()
        .map((l) => fixed(l, 2))
        .join(' / ')}`,
    );
  } finally {
    await browser.close();
    await served.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
