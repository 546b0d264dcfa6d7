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

/** One note every `every` beats through the piece: pitch from the beat index. */
function part(every: number, beats: number, pitch: (i: number) => number[], velocity: (i: number) => number): Note[] {
  const notes: Note[] = [];
  for (let i = 0; i * every < BARS * 4; i++) {
    for (const p of pitch(i))
      notes.push({ pitch: p, start: i * every * PPQ, duration: beats * PPQ, velocity: velocity(i) });
  }
  return notes;
}

function track(name: string, notes: Note[], extra: Partial<Track>): Track {
  return { name, program: 0, isDrum: false, notes, ...extra };
}

/** 16 bars at 120 BPM (32 s): 8th-note drums, quarter-note bass, piano chords, string pads, an 8th-note lead. */
const CHORDS = [
  [60, 64, 67],
  [57, 60, 64],
  [53, 57, 60],
  [55, 59, 62],
];
const chord = (beat: number) => CHORDS[Math.floor(beat / 4) % 4];
const score: Score = {
  ppq: PPQ,
  tempos: [{ tick: 0, bpm: 120 }],
  timeSignatures: [{ tick: 0, numerator: 4, denominator: 4 }],
  tracks: [
    track(
      'Drums',
      part(
        0.5,
        0.25,
        (i) => (i % 4 === 0 ? [36, 42] : i % 4 === 2 ? [38, 42] : [42]),
        (i) => 70 + (i % 3) * 15,
      ),
      { isDrum: true, channel: 9 },
    ),
    track(
      'Bass',
      part(
        1,
        0.9,
        (i) => [chord(i)[0] - 24],
        () => 100,
      ),
      { program: 33 },
    ),
    track(
      'Piano',
      part(
        1,
        0.8,
        (i) => chord(i),
        (i) => 60 + (i % 4) * 10,
      ),
      { program: 0 },
    ),
    track(
      'Strings',
      part(
        4,
        4,
        (i) => chord(i * 4).map((p) => p + 12),
        () => 70,
      ),
      { program: 48 },
    ),
    track(
      'Lead',
      part(
        0.5,
        0.45,
        (i) => [72 + [0, 2, 4, 7, 9, 7, 4, 2][i % 8]],
        () => 90,
      ),
      { program: 80 },
    ),
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
    console.log(
      `piece: ${BARS} bars, ${score.tracks.length} tracks, ${notes} notes; file ${seconds.toFixed(2)} s (music + release tail), ${(first.bytes / 1e6).toFixed(1)} MB, RMS ${first.rmsDb.toFixed(1)} dBFS`,
    );
    console.log(
      `first export (loads and decodes the SoundFont presets and piano samples): ${(first.wallMs / 1000).toFixed(2)} s`,
    );
    const ratios: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const run = await exportOnce();
      const ratio = seconds / (run.wallMs / 1000);
      ratios.push(ratio);
      console.log(
        `run ${r + 1}: ${run.wallMs.toFixed(0)} ms (offline render ${run.renderMs.toFixed(0)} ms, WAV ${run.encodeMs.toFixed(0)} ms) = ${ratio.toFixed(1)}x real time`,
      );
    }
    const sorted = [...ratios].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(
      `render speed: median ${median.toFixed(1)}x real time, best ${sorted[sorted.length - 1].toFixed(1)}x (target >= 10x)`,
    );
    console.log(
      `machine load average (1/5/15 min): ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' / ')}`,
    );
  } finally {
    await browser.close();
    await served.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
