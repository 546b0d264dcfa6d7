import { expect, test, type Page } from '@playwright/test';
import {
  expectLongTasksSeen,
  longTasks,
  makeMidi,
  openApp,
  roll,
  rollSummary,
  uploadBytes,
  watchLongTasks,
  type TestNote,
} from './helpers';
import { pointAt, rollView } from './rollHelpers';

async function tokens(page: Page): Promise<string> {
  if (!(await page.locator('details.tokens').evaluate((d) => (d as HTMLDetailsElement).open)))
    await page.getByText('Tokens', { exact: true }).click();
  return ((await page.getByLabel('mmmtrack tokens').textContent()) ?? '').replace(/\s+/g, ' ');
}

test('notes can be added, moved, resized and deleted with the mouse, each step undoable', async ({ page }) => {
  await openApp(page);
  const canvas = roll(page);
  await tokens(page); // open the token panel first: it changes the layout, and so the view
  const point = await pointAt(page); // once the view holds still
  const at = (beat: number, pitch: number) => point(beat, pitch, 1);
  await canvas.click({ position: at(0, 72) });
  await expect.poll(() => rollSummary(page)).toEqual({ tracks: 4, bars: 1, notes: 1 });
  await expect.poll(() => tokens(page)).toContain('BAR_START NOTE_ON=72 TIME_DELTA=4 NOTE_OFF=72 BAR_END');

  // Move: two beats later, two semitones up.
  const box = (await canvas.boundingBox())!;
  const from = at(0.5, 72);
  const to = at(2.5, 74);
  await page.mouse.move(box.x + from.x, box.y + from.y);
  await page.mouse.down();
  await page.mouse.move(box.x + to.x, box.y + to.y, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => tokens(page)).toContain('BAR_START TIME_DELTA=8 NOTE_ON=74 TIME_DELTA=4 NOTE_OFF=74 BAR_END');

  // Resize: drag the right edge one beat further.
  const edge = at(3, 74);
  const newEdge = at(4, 74);
  await page.mouse.move(box.x + edge.x - 3, box.y + edge.y);
  await page.mouse.down();
  await page.mouse.move(box.x + newEdge.x - 3, box.y + edge.y, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => tokens(page)).toContain('BAR_START TIME_DELTA=8 NOTE_ON=74 TIME_DELTA=8 NOTE_OFF=74 BAR_END');

  // Delete with a double-click, then undo it and the resize.
  await canvas.dblclick({ position: at(2.5, 74) });
  await expect.poll(async () => (await rollSummary(page)).notes).toBe(0);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect.poll(() => tokens(page)).toContain('NOTE_ON=74 TIME_DELTA=8 NOTE_OFF=74');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect.poll(() => tokens(page)).toContain('NOTE_ON=74 TIME_DELTA=4 NOTE_OFF=74');
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect.poll(() => tokens(page)).toContain('NOTE_ON=74 TIME_DELTA=8 NOTE_OFF=74');

  // Select bar 1 on the ruler and clear it.
  await canvas.click({ position: { x: 44 + 40, y: 8 } });
  await page.getByRole('button', { name: 'Clear bar', exact: true }).click();
  await expect.poll(async () => (await rollSummary(page)).notes).toBe(0);
});

test('the roll stays smooth with 10,000 notes while zooming and scrolling (printed)', async ({ page }) => {
  await watchLongTasks(page);
  await openApp(page);
  const voices: TestNote[][] = [0, 1, 2, 3].map((v) =>
    Array.from({ length: 2500 }, (_, i) => ({
      pitch: 72 - v * 7 + ((i * 5) % 12),
      ticks: i * 120,
      durationTicks: 110,
      velocity: 80,
    })),
  );
  await uploadBytes(page, 'big.mid', makeMidi({ bpm: 120, meter: [4, 4], voices }));
  await expect.poll(async () => (await rollSummary(page)).notes, { timeout: 30_000 }).toBe(10_000);
  const canvas = roll(page);
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const start = await rollView(page);
  await expectLongTasksSeen(page); // the observer works here, so few long tasks means few happened

  // Every animation frame's interval while the gestures run. The roll draws in a frame callback and then publishes
  // its view on the canvas's data attributes: a frame that follows such a change is one that drew 10,000 notes anew.
  await canvas.evaluate((el) => {
    const w = window as unknown as { __frames: { ms: number; drew: boolean }[]; __stopFrames: () => unknown };
    w.__frames = [];
    let drew = false;
    const observer = new MutationObserver(() => (drew = true));
    observer.observe(el, { attributes: true, attributeFilter: ['data-scroll-tick', 'data-px-per-tick'] });
    let last = performance.now();
    let stop = false;
    const tick = (t: number) => {
      w.__frames.push({ ms: t - last, drew });
      [last, drew] = [t, false];
      if (!stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    w.__stopFrames = () => ((stop = true), observer.disconnect(), w.__frames);
  });
  const wheel = async (key: string, dy: number, times: number) => {
    await page.keyboard.down(key);
    for (let i = 0; i < times; i++) await page.mouse.wheel(0, dy);
    await page.keyboard.up(key);
  };
  await wheel('Control', -200, 6); // zoom in
  const zoomedIn = await rollView(page);
  await wheel('Shift', 120, 20); // scroll later
  const scrolled = await rollView(page);
  await wheel('Control', 200, 12); // zoom out again, past where the roll started
  const zoomedOut = await rollView(page);
  const frames = (await page.evaluate(() => (window as unknown as { __stopFrames: () => unknown }).__stopFrames())) as {
    ms: number;
    drew: boolean;
  }[];
  const tasks = await longTasks(page);

  // The gestures did what they say, so the frames measured drew a moving view.
  expect(zoomedIn.pxPerTick).toBeGreaterThan(start.pxPerTick);
  expect(scrolled.scrollTick).toBeGreaterThan(zoomedIn.scrollTick);
  expect(zoomedOut.pxPerTick).toBeLessThan(start.pxPerTick);
  const percentile = (xs: number[], p: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
  const all = frames.map((f) => f.ms);
  const redraws = frames.filter((f) => f.drew).map((f) => f.ms);
  const longest = Math.max(0, ...tasks);
  console.log(
    `[perf] roll with 10,000 notes, zoom + scroll + zoom (38 wheel events): ${all.length} frames, median ${percentile(all, 0.5).toFixed(1)} ms, ` +
      `p95 ${percentile(all, 0.95).toFixed(1)} ms; ${redraws.length} frames redrew the notes: median ${percentile(redraws, 0.5).toFixed(1)} ms, ` +
      `slowest ${Math.max(...redraws).toFixed(1)} ms; long tasks ${tasks.length}, longest ${Math.round(longest)} ms`,
  );
  // Bounds with margin on this loaded 2-core machine (measured at load average 10-12 over 6 runs: 222-250 frames,
  // median 16.7 ms, p95 up to 83 ms; 38 redraw frames, median up to 33 ms, slowest up to 217 ms; longest task up to
  // 224 ms). A roll that stopped redrawing as the view moves (frames coalesced, at most one per wheel event), or whose
  // redraw of 10,000 notes took over half a second, fails them.
  expect(redraws.length).toBeGreaterThanOrEqual(19);
  expect(percentile(all, 0.5)).toBeLessThan(40);
  expect(percentile(redraws, 0.5)).toBeLessThan(150);
  expect(Math.max(...redraws)).toBeLessThan(600);
  expect(longest).toBeLessThan(500);
});
