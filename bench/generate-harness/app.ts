// The app-level part of bench:generate (issue 5, Performance): the production build of the
// app in headless Chromium, a 16-bar Compose timed inside the page by the e2e helper
// composeTimings (click -> first note drawn -> 4 bars drawn), and the main-thread long tasks
// (PerformanceObserver 'longtask', i.e. over 50 ms) seen during it.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { composeTimings, watchLongTasks, type ComposeTimings } from '../../e2e/helpers';
import { buildHarness, serve } from '../../e2e/engine-harness/serve';
import { listModels } from '../../vite.config';

export const APP_BARS = 16;

export interface AppRun extends ComposeTimings {
  /** The status line once the model is loaded: "Model chorales (model_int8.onnx) on WASM". */
  status: string;
}

/**
 * `vite build` of index.html (the models/ folder is copied in by the app's Vite plugin), plus
 * `modelDir` when it lives elsewhere (--model, or the bench's random model), then `runs`
 * composes, each on a fresh page so every run is a user's first Compose after loading.
 */
export async function benchApp(browser: Browser, modelDir: string, runs: number): Promise<AppRun[]> {
  const outDir = await buildHarness('index.html');
  const name = basename(modelDir);
  // The status line names the model by its config.json name, which need not be the folder's.
  const shown = (JSON.parse(readFileSync(join(modelDir, 'config.json'), 'utf8')) as { name?: string }).name ?? name;
  const models = join(outDir, 'models');
  if (!existsSync(join(models, name, 'config.json'))) cpSync(modelDir, join(models, name), { recursive: true });
  writeFileSync(join(models, 'index.json'), JSON.stringify(listModels(models)));
  const served = await serve(outDir, {}, 'index.html');
  const out: AppRun[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      console.error(`app: compose ${i + 1}/${runs}`);
      const context = await browser.newContext({ baseURL: served.url });
      try {
        const page = await context.newPage();
        page.on('pageerror', (e) => console.error('app page error:', e.message));
        await watchLongTasks(page);
        // No backend in the URL: the app picks one as it would for a user ('auto').
        await page.goto(`/?model=${encodeURIComponent(name)}`);
        const status = page.getByRole('status');
        await status.filter({ hasText: `Model ${shown} (` }).waitFor({ timeout: 120_000 });
        const line = ((await status.textContent()) ?? '').trim();
        out.push({ ...(await composeTimings(page, APP_BARS)), status: line });
      } finally {
        await context.close();
      }
    }
  } finally {
    await served.close();
    rmSync(outDir, { recursive: true, force: true });
  }
  return out;
}

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '—');

export function reportApp(runs: AppRun[]): void {
  if (runs.length === 0) return;
  console.log(`\napp (production build, headless Chromium): ${APP_BARS}-bar Compose, ${runs[0].status}`);
  console.log('| run | Compose → first note drawn ms | Compose → 4 bars drawn ms | Compose → done ms | notes | long tasks > 50 ms | longest task ms |');
  console.log('|---|---|---|---|---|---|---|');
  runs.forEach((r, i) => {
    const long = r.longTasks.filter((d) => d > 50);
    console.log(`| ${i + 1} | ${f(r.firstNoteMs)} | ${f(r.fourBarsMs)} | ${f(r.doneMs)} | ${r.notes} | ${long.length} | ${long.length ? f(Math.max(...long)) : '—'} |`);
  });
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  if (runs.length > 1)
    console.log(`  median: first note ${f(median(runs.map((r) => r.firstNoteMs)))} ms, 4 bars ${f(median(runs.map((r) => r.fourBarsMs)))} ms (target < 2000 ms)`);
  const long = runs.flatMap((r) => r.longTasks.filter((d) => d > 50));
  const longest = long.length ? `, longest ${f(Math.max(...long))} ms` : '';
  console.log(`  main-thread tasks over 50 ms: ${long.length} in ${runs.length} composes${longest} (target: none)`);
}
