// The app-level part of bench:generate: the production build of the app in headless Chromium,
// each run on a fresh page (a user's first generation after loading), timed inside the page
// (appTiming.ts) with the main-thread long tasks (PerformanceObserver 'longtask', over 50 ms).
// A chorale model: a 16-bar Compose. A GM model: a 4-bar rock-band Compose, and Continue of a
// real song by 4 bars.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { composeTimings, longTasks, setBars, watchLongTasks, type ComposeTimings } from '../../e2e/helpers';
import { buildHarness, serve } from '../../e2e/engine-harness/serve';
import { listModels } from '../../vite.config';
import { timeGeneration, type GenerationTimings } from './appTiming';

export const CHORALE_BARS = 16;
const ROCK = 'Rock band: drums, bass, guitar, keys, lead';

/** Targets of issue 11 (this machine's WASM): 5-track 4-bar compose, first notes, main-thread tasks. */
export const TARGETS = { composeMs: 5000, firstNoteMs: 500, longTaskMs: 50 };

export interface AppRun extends ComposeTimings {
  /** The status line once the model is loaded: "Model chorales (model_int8.onnx) on WASM". */
  status: string;
}

export interface AppResult {
  gm: boolean;
  /** What ran in the longest animation frames over 50 ms (long-animation-frame entries' scripts), across all runs. */
  longFrames: string[];
  compose: AppRun[];
  /** Continue of `song` by 4 bars (GM models). */
  song?: string;
  continued?: (GenerationTimings & { notice: string; uploadLongestMs: number })[];
}

/**
 * `vite build` of index.html (the models/ folder is copied in by the app's Vite plugin), plus
 * `modelDir` when it lives elsewhere (--model, or the bench's random model), then the runs.
 */
export async function benchApp(
  browser: Browser,
  modelDir: string,
  opts: { runs: number; song?: string },
): Promise<AppResult> {
  const outDir = await buildHarness('index.html');
  const name = basename(modelDir);
  // The status line names the model by its config.json name, which need not be the folder's.
  const config = JSON.parse(readFileSync(join(modelDir, 'config.json'), 'utf8')) as {
    name?: string;
    instruments?: string[];
  };
  const shown = config.name ?? name;
  const gm = (config.instruments ?? []).includes('INST=DRUMS');
  const models = join(outDir, 'models');
  if (!existsSync(join(models, name, 'config.json'))) cpSync(modelDir, join(models, name), { recursive: true });
  writeFileSync(join(models, 'index.json'), JSON.stringify(listModels(models)));
  const served = await serve(outDir, {}, 'index.html');
  const result: AppResult = { gm, longFrames: [], compose: [], song: gm ? opts.song : undefined };
  /** `run` calls `frames(label)` after each step it measures: the long frames since the last call, under that label. */
  const fresh = async <T>(
    what: string,
    run: (page: Page, status: string, frames: (label: string) => Promise<unknown>) => Promise<T>,
  ): Promise<T> => {
    console.error(`app: ${what}`);
    const context = await browser.newContext({ baseURL: served.url });
    try {
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error('app page error:', e.message));
      await watchLongTasks(page);
      await watchLongFrames(page);
      // No backend in the URL: the app picks one as it would for a user ('auto').
      await page.goto(`/?model=${encodeURIComponent(name)}`);
      const status = page.getByRole('status');
      await status.filter({ hasText: `Model ${shown} (` }).waitFor({ timeout: 120_000 });
      await longFrames(page); // page and model load are not part of the measurement
      const out = await run(page, ((await status.textContent()) ?? '').trim(), async (label) =>
        result.longFrames.push(...(await longFrames(page)).map((l) => `${label}: ${l}`)),
      );
      return out;
    } finally {
      await context.close();
    }
  };
  try {
    for (let i = 0; i < opts.runs; i++)
      result.compose.push(
        await fresh(`compose ${i + 1}/${opts.runs}`, async (page, status, frames) => {
          if (gm) await page.getByLabel('Preset').selectOption({ label: ROCK });
          await longFrames(page);
          const t = await composeTimings(page, gm ? 4 : CHORALE_BARS);
          await frames(`compose ${i + 1}`);
          return { ...t, status };
        }),
      );
    if (result.song) {
      const song = result.song;
      result.continued = [];
      for (let i = 0; i < opts.runs; i++)
        result.continued.push(
          await fresh(`continue ${basename(song)} ${i + 1}/${opts.runs}`, (page, _, frames) =>
            continueSong(page, song, frames, i + 1),
          ),
        );
    }
  } finally {
    await served.close();
    rmSync(outDir, { recursive: true, force: true });
  }
  return result;
}

/** Records the scripts of each animation frame over 50 ms (Chromium's long-animation-frame entries), to say what a long task is. */
async function watchLongFrames(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __longFrames: string[] };
    w.__longFrames = [];
    type Script = { invoker?: string; sourceFunctionName?: string; duration: number };
    new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => {
        const scripts = [...((e as unknown as { scripts?: Script[] }).scripts ?? [])]
          .sort((a, b) => b.duration - a.duration)
          .slice(0, 2);
        const what = scripts
          .map(
            (x) =>
              `${x.invoker ?? '?'}${x.sourceFunctionName ? ` ${x.sourceFunctionName}()` : ''} ${x.duration.toFixed(0)} ms`,
          )
          .join(', ');
        w.__longFrames.push(`${e.duration.toFixed(0)} ms frame (${what || 'no script: layout, paint or GC'})`);
      }),
    ).observe({ type: 'long-animation-frame', buffered: true });
  });
}

const longFrames = (page: Page) =>
  page.evaluate(() => (window as unknown as { __longFrames: string[] }).__longFrames.splice(0));

/** Upload a song, then Continue it by 4 bars. */
async function continueSong(page: Page, song: string, frames: (label: string) => Promise<unknown>, run: number) {
  await longTasks(page);
  await page
    .getByLabel('Upload MIDI')
    .setInputFiles({ name: basename(song), mimeType: 'audio/midi', buffer: readFileSync(song) });
  await page
    .locator('.notice')
    .filter({ hasText: basename(song) })
    .waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Continue', exact: true }).waitFor();
  await page.waitForFunction(
    () => !(document.querySelector('button.primary') as HTMLButtonElement | null)?.disabled,
    undefined,
    { timeout: 120_000 },
  );
  const upload = await longTasks(page);
  await frames(`upload ${run}`);
  await setBars(page, 4);
  const t = await timeGeneration(page, 'Continue');
  await frames(`continue ${run}`);
  const notice = ((await page.locator('.notice .text').first().textContent()) ?? '').trim(); // the summary, not the hidden list
  return { ...t, notice, uploadLongestMs: Math.max(0, ...upload) };
}

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '—');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const longest = (xs: number[]) => (xs.length ? Math.max(...xs) : 0);
const mark = (x: number, target: number) => `${f(x)} ${x <= target ? '✓' : '✗'}`;

export function reportApp(r: AppResult): void {
  if (r.compose.length === 0) return;
  printApp(r);
  const frames = [...r.longFrames]
    .sort((a, b) => parseFloat(b.split(': ')[1]) - parseFloat(a.split(': ')[1]))
    .slice(0, 5);
  if (frames.length)
    console.log(
      `  longest animation frames over 50 ms during the measured steps (what ran in them):\n${frames.map((l) => `    ${l}`).join('\n')}`,
    );
}

function printApp(r: AppResult): void {
  const bars = r.gm ? 4 : CHORALE_BARS;
  const what = r.gm ? `${bars}-bar rock-band Compose (${ROCK.split(': ')[1]})` : `${bars}-bar Compose`;
  console.log(`\napp (production build, headless Chromium): ${what}, ${r.compose[0].status}`);
  console.log(
    `| run | first note drawn ms (< ${TARGETS.firstNoteMs}) | ${r.gm ? "track 1's " : ''}4 bars drawn ms | done ms${r.gm ? ` (< ${TARGETS.composeMs})` : ''} | notes | long tasks > 50 ms | longest task ms |`,
  );
  console.log('|---|---|---|---|---|---|---|');
  r.compose.forEach((c, i) => {
    const long = c.longTasks.filter((d) => d > TARGETS.longTaskMs);
    console.log(
      `| ${i + 1} | ${f(c.firstNoteMs)} | ${f(c.fourBarsMs)} | ${f(c.doneMs)} | ${c.notes} | ${long.length} | ${long.length ? f(longest(long)) : '—'} |`,
    );
  });
  const first = median(r.compose.map((c) => c.firstNoteMs));
  const done = median(r.compose.map((c) => c.doneMs));
  const task = longest(r.compose.flatMap((c) => c.longTasks.filter((d) => d > TARGETS.longTaskMs)));
  console.log(
    `  median: first note ${mark(first, TARGETS.firstNoteMs)} (target < ${TARGETS.firstNoteMs} ms), ${r.gm ? `all 5 tracks × 4 bars done ${mark(done, TARGETS.composeMs)} (target < ${TARGETS.composeMs} ms)` : `4 bars ${f(median(r.compose.map((c) => c.fourBarsMs)))} ms`}`,
  );
  console.log(
    `  longest main-thread task: ${task ? mark(task, TARGETS.longTaskMs) : 'none over 50'} ms (target: none > ${TARGETS.longTaskMs} ms)`,
  );
  if (!r.continued?.length) return;
  console.log(`\napp: upload ${r.song} and Continue 4 bars`);
  console.log(
    '| run | first new note ms | done ms | new notes | long tasks > 50 ms | longest task ms | longest task during upload ms |',
  );
  console.log('|---|---|---|---|---|---|---|');
  r.continued.forEach((c, i) => {
    const long = c.longTasks.filter((d) => d > TARGETS.longTaskMs);
    console.log(
      `| ${i + 1} | ${f(c.firstNoteMs)} | ${f(c.doneMs)} | ${c.newNotes} | ${long.length} | ${long.length ? f(longest(long)) : '—'} | ${f(c.uploadLongestMs)} |`,
    );
  });
  console.log(`  ${r.continued[0].notice.slice(0, 300)}`);
  const ct = longest(r.continued.flatMap((c) => c.longTasks.filter((d) => d > TARGETS.longTaskMs)));
  console.log(
    `  median: first new note ${mark(median(r.continued.map((c) => c.firstNoteMs)), TARGETS.firstNoteMs)} ms, done ${f(median(r.continued.map((c) => c.doneMs)))} ms; longest main-thread task ${ct ? mark(ct, TARGETS.longTaskMs) : 'none over 50'} ms`,
  );
}
