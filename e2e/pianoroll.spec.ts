import { expect, test, type Page } from '@playwright/test';
import { longTasks, makeMidi, openApp, roll, rollSummary, uploadBytes, watchLongTasks, type TestNote } from './helpers';

// Where a beat/pitch is on the canvas, from the view the roll publishes on its data attributes
// (the keyboard's width and a 22 px ruler: src/ui/pianoRoll/geometry.ts).
type Point = { x: number; y: number };
// A layout change (the token panel opening) resizes the roll a frame or two later: wait until the view holds still.
async function locator(page: Page): Promise<(beat: number, pitch: number) => Point> {
  const view = () => roll(page).evaluate((c) => JSON.stringify({ ...(c as HTMLElement).dataset }));
  let last = '';
  await expect
    .poll(async () => {
      const [a, b] = [last, (last = await view())];
      return a === b;
    }, { intervals: [150] })
    .toBe(true);
  const d = JSON.parse(last) as Record<string, string>;
  const [top, row, scroll, px, keys] = [d.topPitch, d.rowHeight, d.scrollTick, d.pxPerTick, d.keysWidth].map(Number);
  return (beat, pitch) => ({ x: keys + (beat * 480 - scroll) * px + 1, y: 22 + (top - pitch) * row + 3 });
}

async function tokens(page: Page): Promise<string> {
  if (!(await page.locator('details.tokens').evaluate((d) => (d as HTMLDetailsElement).open))) await page.getByText('Tokens', { exact: true }).click();
  return ((await page.getByLabel('mmmtrack tokens').textContent()) ?? '').replace(/\s+/g, ' ');
}

test('notes can be added, moved, resized and deleted with the mouse, each step undoable', async ({ page }) => {
  await openApp(page);
  const canvas = roll(page);
  await tokens(page); // open the token panel first: it changes the layout, and so the view
  const at = await locator(page);
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

test('the roll stays smooth with 10,000 notes (printed)', async ({ page }) => {
  await watchLongTasks(page);
  await openApp(page);
  const voices: TestNote[][] = [0, 1, 2, 3].map((v) =>
    Array.from({ length: 2500 }, (_, i) => ({ pitch: 72 - v * 7 + ((i * 5) % 12), ticks: i * 120, durationTicks: 110, velocity: 80 })),
  );
  await uploadBytes(page, 'big.mid', makeMidi({ bpm: 120, meter: [4, 4], voices }));
  await expect.poll(async () => (await rollSummary(page)).notes, { timeout: 30_000 }).toBe(10_000);
  await longTasks(page);
  const canvas = roll(page);
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const frames = await page.evaluate(() => {
    const times: number[] = [];
    let last = performance.now();
    let stop = false;
    const tick = (t: number) => {
      times.push(t - last);
      last = t;
      if (!stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    (window as unknown as { __stopFrames: () => number[] }).__stopFrames = () => ((stop = true), times);
    return true;
  });
  expect(frames).toBe(true);
  await page.keyboard.down('Control');
  for (let i = 0; i < 12; i++) await page.mouse.wheel(0, 200); // zoom out until every note is on screen
  await page.keyboard.up('Control');
  await page.keyboard.down('Shift');
  for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 120);
  await page.keyboard.up('Shift');
  const times = await page.evaluate(() => (window as unknown as { __stopFrames: () => number[] }).__stopFrames());
  const tasks = await longTasks(page);
  const sorted = [...times].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
  console.log(
    `[perf] roll with 10,000 notes, zoom + scroll: ${times.length} frames, median ${sorted[sorted.length >> 1]?.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms; ` +
      `long tasks ${tasks.length}, longest ${Math.round(Math.max(0, ...tasks))} ms`,
  );
  expect(times.length).toBeGreaterThan(0);
});
