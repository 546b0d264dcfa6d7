// Playback in a real Chromium AudioContext, through the public player API on a small
// harness page (e2e/audio-harness) built here with Vite, so this check does not depend
// on the app's UI. Asserts: the playhead advances, the sampled sounds load from this
// origin (no request leaves localhost), something is audible, pause holds the position.
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview, type PreviewServer } from 'vite';
import { salamanderPiano } from '../src/audio/vite-plugin-salamander';

const root = fileURLToPath(new URL('./audio-harness', import.meta.url));
// Its own folder and a free port: other test runs on this machine (which clean
// test-results/ when they start) cannot pull the harness away mid-test.
let outDir = '';
let server: PreviewServer;
let origin = '';

test.beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'cantor-audio-harness-'));
  const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
  const config = {
    root,
    configFile: false as const,
    logLevel: 'warn' as const,
    plugins: [salamanderPiano()],
    worker: { format: 'es' as const },
  };
  await build({ ...config, build: { outDir, emptyOutDir: true } });
  server = await preview({ ...config, build: { outDir }, preview: { port: 0, headers } });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  origin = `http://localhost:${address.port}`;
});

test.afterAll(async () => {
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

test('plays a piece: the playhead moves, samples load from this origin, pause holds', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  await page.goto(`${origin}/`);
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({
      type: 'longtask',
    });
  });
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Play' }).click();

  const playhead = page.getByRole('status', { name: 'Playhead' }).or(page.locator('#playhead'));
  const tickNow = async () => Number(await playhead.textContent());
  await expect.poll(tickNow, { timeout: 30_000 }).toBeGreaterThan(480);
  const a = await tickNow();
  await page.waitForTimeout(500);
  const b = await tickNow();
  expect(b).toBeGreaterThan(a);
  expect(await page.evaluate(() => window.cantorAudio.isPlaying())).toBe(true);

  await expect
    .poll(() => page.evaluate(() => window.cantorAudio.sampledSounds()), { timeout: 30_000 })
    .toEqual(['drums', 'gm19', 'gm48', 'piano']);
  const loadedMs = Date.now() - t0;
  await expect
    .poll(() => page.evaluate(() => window.cantorAudio.outputLevel()), { timeout: 10_000 })
    .toBeGreaterThan(-50);
  // Figures, not a timed assertion (the machine is shared): how long the main thread was busy.
  const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  console.log(
    `audio: Play -> all 4 sample sets ready ${loadedMs} ms; main-thread tasks > 50 ms while loading/playing: ` +
      `${longTasks.length} (longest ${Math.round(Math.max(0, ...longTasks))} ms)`,
  );

  await page.getByRole('button', { name: 'Pause' }).click();
  expect(await page.evaluate(() => window.cantorAudio.isPlaying())).toBe(false);
  // Pause silences at once, ringing drums and piano tails included.
  await expect.poll(() => page.evaluate(() => window.cantorAudio.outputLevel()), { timeout: 2_000 }).toBeLessThan(-80);
  const held = await tickNow();
  await page.waitForTimeout(300);
  expect(await tickNow()).toBe(held);

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect.poll(tickNow).toBe(0);

  const foreign = requests.filter(
    (u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'),
  );
  expect(foreign).toEqual([]);
  expect(requests.some((u) => /FluidR3Mono_GM\.sf3/.test(u))).toBe(true);
  expect(requests.some((u) => /piano-.*\.mp3/.test(u))).toBe(true);
  expect(errors).toEqual([]);
});

test('a loop keeps the playhead inside the range, and a bad loop is a RangeError', async ({ page }) => {
  await page.goto(`${origin}/`);
  await page.getByRole('button', { name: 'Pause' }).click(); // a user gesture, so audio may start
  await page.evaluate(() =>
    window.cantorAudio.play(window.cantorScore, {
      fromTick: 0,
      loop: [960, 1920],
      tempoScale: 2,
      muted: new Set([2, 3]),
    }),
  );
  const seen: number[] = [];
  await page.evaluate(() =>
    window.cantorAudio.onPosition((t) => ((window as unknown as { ticks: number[] }).ticks ??= []).push(t)),
  );
  await page.waitForTimeout(2500);
  seen.push(...(await page.evaluate(() => (window as unknown as { ticks: number[] }).ticks)));
  expect(seen.length).toBeGreaterThan(10);
  expect(Math.min(...seen)).toBeGreaterThanOrEqual(960);
  expect(Math.max(...seen)).toBeLessThan(1920);
  // The loop lasts 0.5 s at double speed: in 2.5 s the playhead went back several times.
  expect(seen.some((t, i) => i > 0 && t < seen[i - 1])).toBe(true);
  const error = await page.evaluate(() =>
    window.cantorAudio
      .play(window.cantorScore, { fromTick: 0, loop: [960, 960], tempoScale: 1, muted: new Set() })
      .then(
        () => 'no error',
        (e: Error) => e.name,
      ),
  );
  expect(error).toBe('RangeError');
  await page.evaluate(() => window.cantorAudio.stop());
});

test('without the SoundFont (blocked), tracks fall back to synths: still audible, no crash', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.route(/\.sf3/, (route) => route.abort());
  await page.goto(`${origin}/`);
  await page.getByRole('button', { name: 'Play' }).click();
  const playhead = page.locator('#playhead');
  await expect.poll(async () => Number(await playhead.textContent()), { timeout: 30_000 }).toBeGreaterThan(480);
  await expect
    .poll(() => page.evaluate(() => window.cantorAudio.sampledSounds()), { timeout: 30_000 })
    .toEqual(['piano']);
  // Mute the chorale voices and the (sampled) piano, let their tails die: what sounds now is synths.
  await page.evaluate(() => window.cantorAudio.update({ muted: new Set([0, 1, 2]) }));
  await page.waitForTimeout(1000);
  await expect
    .poll(() => page.evaluate(() => window.cantorAudio.outputLevel()), { timeout: 10_000 })
    .toBeGreaterThan(-50);
  await page.getByRole('button', { name: 'Stop' }).click();
  expect(errors).toEqual([]);
});
