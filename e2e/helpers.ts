// Shared by the app specs: a tiny random model served beside the build, opening
// the app on it, and MIDI files made and read with @tonejs/midi (independently
// of the app's own MIDI code).
import { expect, type Page } from '@playwright/test';
import midiPkg from '@tonejs/midi';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { encodePiece } from '../src/music/encode';
import { scoreToGrid } from '../src/music/quantize';
import { V1_PARTS } from '../src/music/parts';
import type { Score } from '../src/music/score';

const { Midi } = midiPkg;
export type MidiFile = InstanceType<typeof Midi>;

export const TEST_MODEL = 'e2e-tiny';
/** A random tiny GM model with the band encoding (GM programs + DRUMS, track budget 8). */
export const BAND_MODEL = 'e2e-band';
/** A random tiny GM model whose track headers have POLYPHONY and DURATION after DENSITY. */
export const CONTROLS_MODEL = 'e2e-controls';
const CONTROLS_ENCODING = 'src/model/testing/controls-encoding.json';

/**
 * A random-weight model made by training/export.py, cached across runs and copied into
 * the build (vite preview reads dist/ on each request, and /models/index.json lists it).
 * `encoding` is export.py's --encoding: 'band' or an encoding.json (the chorale one when absent).
 */
export function ensureTestModel(name = TEST_MODEL, encoding?: string): void {
  const cache = resolve('node_modules/.cache/cantor-e2e/' + name);
  const served = resolve('dist/models/' + name);
  if (isStale(join(cache, 'config.json'), encoding)) {
    rmSync(served, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    const args = [
      'training/export.py',
      '--random-tiny',
      '--out',
      cache,
      '--name',
      name,
      ...(encoding ? ['--encoding', encoding] : []),
    ];
    execFileSync(process.env.PYTHON ?? 'python3', args, { stdio: 'pipe' });
  }
  if (!existsSync(join(served, 'config.json'))) cpSync(cache, served, { recursive: true });
}

/** The band test model beside the chorale one (both listed in /models/index.json). */
export function ensureBandModel(): void {
  ensureTestModel();
  ensureTestModel(BAND_MODEL, 'band');
}

/** The controls test model beside the chorale one; removeTestModel(CONTROLS_MODEL) takes it out again. */
export function ensureControlsModel(): void {
  ensureTestModel();
  ensureTestModel(CONTROLS_MODEL, CONTROLS_ENCODING);
}

export function removeTestModel(name: string): void {
  rmSync(resolve('dist/models/' + name), { recursive: true, force: true });
}

/**
 * Take the band test model out of the build again (it stays cached): with a GM model listed, an upload of
 * drums or several instruments switches to it, and the chorale specs expect the chorale model's behaviour.
 */
export function removeBandModel(): void {
  removeTestModel(BAND_MODEL);
}

/** The bundled GM model (models/band, in the build) or null: uploads of drums or several instruments switch to it. */
export function bundledBand(): string | null {
  return existsSync(resolve('dist/models/band/config.json')) ? 'band' : null;
}

/** The model an upload of drums or several instruments switches to: the bundled band model first, else the band test model. */
export const gmTarget = (): string => bundledBand() ?? BAND_MODEL;

/** The cached model is older than the code that exports models, or than its encoding.json (or missing). */
function isStale(config: string, encoding?: string): boolean {
  if (!existsSync(config)) return true;
  const made = statSync(config).mtimeMs;
  const sources = ['export.py', 'onnx_io.py', 'model.py']
    .map((f) => `training/${f}`)
    .concat(encoding?.endsWith('.json') ? [encoding] : []);
  return sources.some((f) => existsSync(f) && statSync(f).mtimeMs > made);
}

/** Open the app on the test model and wait until it is loaded (role="status" names it). */
export async function openApp(page: Page, backend: 'wasm' | 'webgpu' | 'auto' = 'wasm'): Promise<void> {
  ensureTestModel();
  await page.goto(`/?model=${TEST_MODEL}&backend=${backend}`);
  await expect(page.getByRole('status')).toContainText(`Model ${TEST_MODEL}`, { timeout: 60_000 });
}

/** Pick a model in the Model picker and wait until it is loaded. */
export async function chooseModel(page: Page, name: string): Promise<void> {
  await page.getByLabel('Model', { exact: true }).selectOption(name);
  await expect(page.getByRole('status')).toContainText(`Model ${name}`, { timeout: 60_000 });
}

export const roll = (page: Page) => page.getByRole('img', { name: /tracks?, \d+ bars?, \d+ notes?/ });

/** The piano roll's "4 tracks, 4 bars, 112 notes" as numbers. */
export async function rollSummary(page: Page): Promise<{ tracks: number; bars: number; notes: number }> {
  const label = (await roll(page).getAttribute('aria-label')) ?? '';
  const [tracks, bars, notes] = (label.match(/\d+/g) ?? []).map(Number);
  return { tracks, bars, notes };
}

export async function setBars(page: Page, bars: number): Promise<void> {
  await page.getByLabel('Bars', { exact: true }).selectOption(String(bars));
}

/** Press a generation button and wait until the model is done (Stop disabled again). */
export async function generate(page: Page, button: string, timeout = 90_000): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled({ timeout });
  await expect(page.getByRole('button', { name: button, exact: true })).toBeEnabled({ timeout });
}

/** Note count of each track, as the track list shows it. */
export async function trackCounts(page: Page): Promise<number[]> {
  return (await page.locator('.tracks li .count').allTextContents()).map((t) => parseInt(t, 10));
}

export async function downloadMidi(page: Page): Promise<MidiFile> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download MIDI', exact: true }).click(),
  ]);
  const path = await download.path();
  return new Midi(readFileSync(path));
}

export interface TestNote {
  pitch: number;
  ticks: number;
  durationTicks: number;
  velocity: number;
}

/** Notes of every track as plain data; velocity as MIDI 1..127. */
export function notesOf(midi: MidiFile): TestNote[][] {
  return midi.tracks.map((t) =>
    t.notes.map((n) => ({
      pitch: n.midi,
      ticks: n.ticks,
      durationTicks: n.durationTicks,
      velocity: Math.round(n.velocity * 127),
    })),
  );
}

/** mmmtrack tokens of a MIDI file read by @tonejs/midi (voices named Soprano… keep their part). */
export function tokensOfMidi(midi: MidiFile): string {
  const score: Score = {
    ppq: midi.header.ppq,
    tempos: [],
    timeSignatures: [],
    tracks: midi.tracks.map((t) => {
      // The app names the voices it writes after the model's parts (the chorale model's are in V1_PARTS).
      const part = V1_PARTS.includes(t.name.toUpperCase()) ? t.name.toUpperCase() : undefined;
      const notes = t.notes.map((n) => ({
        pitch: n.midi,
        start: n.ticks,
        duration: n.durationTicks,
        velocity: Math.round(n.velocity * 127),
      }));
      return { name: t.name, program: t.instrument.number, isDrum: t.instrument.percussion, part, notes };
    }),
  };
  return encodePiece(scoreToGrid(score)).join(' ');
}

/** A MIDI file in the given meter with one track per voice, each note given in ticks at 480 PPQ. */
export function makeMidi(opts: {
  bpm: number;
  meter: [number, number];
  voices: TestNote[][];
  drums?: boolean;
}): Buffer {
  const midi = new Midi();
  midi.header.setTempo(opts.bpm);
  midi.header.timeSignatures.push({ ticks: 0, timeSignature: opts.meter });
  midi.header.update();
  opts.voices.forEach((notes, i) => {
    const t = midi.addTrack();
    t.name = `Voice ${i + 1}`;
    t.channel = opts.drums ? 9 : i;
    for (const n of notes)
      t.addNote({ midi: n.pitch, ticks: n.ticks, durationTicks: n.durationTicks, velocity: n.velocity / 127 });
  });
  return Buffer.from(midi.toArray());
}

/** Two bars of a four-voice chorale, slightly off the grid and with uneven velocities, as a human would play it. */
export function twoBarChorale(): TestNote[][] {
  const chords = [
    [72, 67, 64, 48],
    [74, 67, 65, 50],
    [76, 67, 64, 52],
    [74, 65, 62, 55],
    [72, 64, 60, 48],
    [71, 62, 59, 43],
    [72, 64, 55, 48],
    [72, 64, 55, 48],
  ];
  return [0, 1, 2, 3].map((v) =>
    chords.map((c, i) => ({
      pitch: c[v],
      ticks: i * 480 + ((i * 7 + v * 3) % 11),
      durationTicks: 450 - v * 5,
      velocity: 50 + ((i * 13 + v * 17) % 60),
    })),
  );
}

export async function uploadBytes(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.getByLabel('Upload MIDI').setInputFiles({ name, mimeType: 'audio/midi', buffer: bytes });
}

/** Watches main-thread long tasks from page start; read with longTasks(). */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({
      type: 'longtask',
      buffered: true,
    });
  });
}

export async function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.splice(0));
}

/**
 * Blocks the page's main thread for `ms` and expects watchLongTasks() to report it, so a bound on long tasks
 * cannot pass because the observer saw nothing. Clears what it reports.
 */
export async function expectLongTasksSeen(page: Page, ms = 150): Promise<void> {
  await longTasks(page);
  // In a task of the page's own (a script run by the test's evaluate is not reported as one).
  await page.evaluate((ms) => {
    setTimeout(() => {
      const end = performance.now() + ms;
      while (performance.now() < end);
    });
  }, ms);
  await expect
    .poll(
      async () =>
        Math.max(0, ...(await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks))),
      { message: 'the long-task observer reports a blocked main thread' },
    )
    .toBeGreaterThanOrEqual(ms);
  await longTasks(page);
}

export interface ComposeTimings {
  /** ms from the Compose click to the first note in the roll's summary. */
  firstNoteMs: number;
  /** ms from the click until 4 bars are drawn. */
  fourBarsMs: number;
  /** ms from the click until the model is done. */
  doneMs: number;
  notes: number;
  /** Main-thread long tasks (ms) during the run; needs watchLongTasks() before the page opened. */
  longTasks: number[];
}

/**
 * Press Compose on an open app and time it inside the page (click -> roll summary changes),
 * so the figures do not include Playwright's round trips. Used by the perf e2e and usable by benches.
 */
export async function composeTimings(page: Page, bars: number): Promise<ComposeTimings> {
  await setBars(page, bars);
  await longTasks(page); // page and model load are not part of the measurement
  await page.evaluate(() => {
    const w = window as unknown as { __compose: { t0: number; first?: number; four?: number } };
    const canvas = document.querySelector('canvas[role="img"]')!;
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Compose')!;
    w.__compose = { t0: 0 };
    button.addEventListener('click', () => (w.__compose.t0 = performance.now()), { capture: true, once: true });
    const observer = new MutationObserver(() => {
      const [, bars, notes] = (canvas.getAttribute('aria-label')?.match(/\d+/g) ?? []).map(Number);
      const t = performance.now() - w.__compose.t0;
      if (notes > 0 && w.__compose.first === undefined) w.__compose.first = t;
      if (bars >= 4 && w.__compose.four === undefined) w.__compose.four = t;
      if (w.__compose.four !== undefined) observer.disconnect();
    });
    observer.observe(canvas, { attributes: true, attributeFilter: ['aria-label'] });
  });
  await page.getByRole('button', { name: 'Compose', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled({ timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Compose', exact: true })).toBeEnabled({ timeout: 120_000 });
  const times = await page.evaluate(() => {
    const c = (window as unknown as { __compose: { t0: number; first?: number; four?: number } }).__compose;
    return { first: c.first ?? NaN, four: c.four ?? NaN, done: performance.now() - c.t0 };
  });
  return {
    firstNoteMs: times.first,
    fourBarsMs: times.four,
    doneMs: times.done,
    notes: (await rollSummary(page)).notes,
    longTasks: await longTasks(page),
  };
}

/** A track as [name, channel (9 = drums), GM program, notes as [pitch, ticks, durationTicks, velocity 0-127]] at 480 PPQ. */
export type NamedTrack = [string, number, number, [number, number, number, number][]];

/** A 4/4 MIDI file of named tracks at `bpm`. */
export function namedTracksMidi(bpm: number, tracks: readonly NamedTrack[]): Buffer {
  const midi = new Midi();
  midi.header.setTempo(bpm);
  midi.header.timeSignatures.push({ ticks: 0, timeSignature: [4, 4] });
  midi.header.update();
  for (const [name, channel, program, notes] of tracks) {
    const t = midi.addTrack();
    t.name = name;
    t.channel = channel;
    t.instrument.number = program;
    for (const [pitch, ticks, durationTicks, velocity] of notes)
      t.addNote({ midi: pitch, ticks, durationTicks, velocity: velocity / 127 });
  }
  return Buffer.from(midi.toArray());
}
